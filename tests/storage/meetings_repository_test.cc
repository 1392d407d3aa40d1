// The meetings repository against PostgreSQL: meetings, their outcomes, goals and consent are
// written and read back, every refusal writes nothing, and any text round-trips through the
// outcome's participants and support needs and the goals' arrays.

#include "rinnalla/storage/meetings_repository.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "every_byte.h"
#include "resource_names.h"
#include "rinnalla/storage/resource_names.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/status_facts.h"
#include "seed_rows.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

const std::vector<std::string> kLevels = {"ei yhtään", "kerran", "kahdesti", "kolmesti",
                                          "joka viikko"};

class MeetingsRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    guide_ = SeedGuide(test_db_, /*places_taken=*/1);
    client_ = NewUuid();
    assignment_ = AddAssignment(client_, guide_);
  }

  std::string AddAssignment(const std::string& client, const std::string& guide,
                            const std::string& state = "ACTIVE") {
    return SeedAssignment(test_db_, client, guide, state);
  }

  std::string GuideName() const { return storage::ResourceName("ph", "guides", guide_); }

  MeetingRecord Meeting(const std::string& kind) const {
    MeetingRecord m;
    m.org_id = "ph";
    m.id = NewUuid();
    m.client_id = client_;
    m.assignment_id = assignment_;
    m.kind = kind;
    m.scheduled_time = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) + 86400);
    m.place = "Sosiaalitoimisto";
    return m;
  }
  absl::StatusOr<MeetingRecord> Create(const MeetingRecord& m) {
    auto outcome = repo_->CreateMeeting(staff_, m, std::nullopt, Encode<MeetingRecord>);
    if (!outcome.ok()) return outcome.status();
    return *outcome->created;
  }
  std::vector<ParticipantRecord> ThreeParties() const {
    return {{"CLIENT", "", "Asiakas", true},
            {"SOCIAL_WORKER", staff_.actor, "Sanna", true},
            {"GUIDE", GuideName(), "Aino", true}};
  }
  OutcomeRecording Recording(const std::string& meeting_id) const {
    OutcomeRecording r;
    r.meeting_id = meeting_id;
    r.outcome.held_time = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) - 3600);
    r.outcome.participants = ThreeParties();
    r.outcome.support_needs = {{"DEBT", "Velat hallintaan"}, {std::nullopt, "Arjen rytmi"}};
    r.outcome.summary = "Sovittiin tavoitteista yhdessä.";
    return r;
  }
  GoalRecord NewGoal(const std::string& title) const {
    GoalRecord g;
    g.id = NewUuid();
    g.title = title;
    g.area = "DEBT";
    g.gas_levels = kLevels;
    g.target_date = absl::CivilDay(2027, 6, 30);
    g.weight = 2;
    return g;
  }
  absl::StatusOr<MeetingRecord> Record(const OutcomeRecording& r) {
    auto outcome = repo_->RecordOutcome(staff_, client_, r, std::nullopt, Encode<MeetingRecord>);
    if (!outcome.ok()) return outcome.status();
    return *outcome->created;
  }
  // An INITIAL meeting held, with `goals` agreed; returns their ids.
  std::vector<std::string> HoldInitial(const std::vector<std::string>& goals) {
    absl::StatusOr<MeetingRecord> m = Create(Meeting("INITIAL"));
    EXPECT_TRUE(m.ok()) << m.status();
    OutcomeRecording r = Recording(m->id);
    std::vector<std::string> ids;
    for (const std::string& title : goals) {
      r.agreed_goals.push_back(NewGoal(title));
      ids.push_back(r.agreed_goals.back().id);
    }
    absl::StatusOr<MeetingRecord> held = Record(r);
    EXPECT_TRUE(held.ok()) << held.status();
    return ids;
  }
  absl::StatusOr<GoalRecord> Propose(const std::string& title) {
    GoalRecord g = NewGoal(title);
    g.org_id = "ph";
    g.client_id = client_;
    g.assignment_id = assignment_;
    g.state = "PROPOSED";
    auto outcome = repo_->CreateGoal(staff_, g, std::nullopt, Encode<GoalRecord>);
    if (!outcome.ok()) return outcome.status();
    return *outcome->created;
  }
  void ExpectRefusedWritingNothing(const absl::Status& status, const std::string& reason,
                                   long long rows_before) {
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_EQ(ReasonOf(status), reason) << status;
    EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), rows_before) << reason;
  }
  CallScope Guide() const {
    CallScope scope{{"ph", GuideName(), "guide", "/test", "req-g"}};
    scope.is_guide = true;
    scope.guide_id = guide_;
    return scope;
  }
  template <typename Record>
  static std::string Encode(const Record& r) {
    return "response:" + r.id;
  }

  testing::TestDatabase test_db_;
  std::unique_ptr<MeetingsRepository> repo_ = MakePgMeetingsRepository(test_db_.db());
  CallScope staff_{{"ph", "organizations/ph/users/sw", "social_worker", "/test", "req-1"}};
  std::string guide_, client_, assignment_;
};

TEST_F(MeetingsRepositoryTest, AMeetingIsScheduledReadAndListed) {
  const MeetingRecord m = Meeting("INITIAL");
  absl::StatusOr<MeetingRecord> created = Create(m);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->state, "SCHEDULED");
  EXPECT_EQ(created->scheduled_time, m.scheduled_time);
  EXPECT_EQ(created->place, m.place);
  EXPECT_EQ(created->outcome_revision, 0);
  EXPECT_FALSE(created->outcome);
  absl::StatusOr<MeetingRecord> read = repo_->GetMeeting(Guide(), client_, m.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->kind, "INITIAL");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'meeting.created'"), 1);
  // Listed with every filter, and without.
  MeetingRecord past = Meeting("REVIEW");
  past.scheduled_time = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) - 86400);
  ASSERT_TRUE(Create(past).ok());
  PageRequest page;
  page.page_size = 10;
  auto all = repo_->ListMeetings(staff_, {client_}, page);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->items.size(), 2u);
  EXPECT_EQ(all->items[0].id, past.id);  // by scheduled time
  MeetingFilter upcoming{client_, assignment_, "SCHEDULED", "INITIAL", true};
  auto filtered = repo_->ListMeetings(Guide(), upcoming, page);
  ASSERT_TRUE(filtered.ok()) << filtered.status();
  ASSERT_EQ(filtered->items.size(), 1u);
  EXPECT_EQ(filtered->items[0].id, m.id);
  MeetingFilter earlier{client_, std::nullopt, std::nullopt, std::nullopt, false};
  auto before_now = repo_->ListMeetings(staff_, earlier, page);
  ASSERT_EQ(before_now->items.size(), 1u);
  EXPECT_EQ(before_now->items[0].id, past.id);
  MeetingFilter none{client_, NewUuid(), std::nullopt, std::nullopt, std::nullopt};
  EXPECT_TRUE(repo_->ListMeetings(staff_, none, page)->items.empty());
  page.page_size = 1;
  auto first = repo_->ListMeetings(staff_, {client_}, page);
  ASSERT_TRUE(first.ok() && first->next);
  page.after = first->next;
  auto second = repo_->ListMeetings(staff_, {client_}, page);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].id, m.id);
}

TEST_F(MeetingsRepositoryTest, AMeetingOfAnEndedOrAnotherClientsAssignmentWritesNothing) {
  const std::string other_client = NewUuid();
  const std::string ended = AddAssignment(other_client, guide_, "ENDED");
  const long long before = test_db_.RowsBesideTheAccessLog();
  MeetingRecord m = Meeting("REVIEW");
  m.assignment_id = ended;
  ExpectRefusedWritingNothing(Create(m).status(), "ASSIGNMENT_OF_ANOTHER_CLIENT", before);
  m.client_id = other_client;
  ExpectRefusedWritingNothing(Create(m).status(), "ASSIGNMENT_NOT_OPEN", before);
  m.assignment_id = NewUuid();
  ExpectRefusedWritingNothing(Create(m).status(), "ASSIGNMENT_OF_ANOTHER_CLIENT", before);
}

TEST_F(MeetingsRepositoryTest, AScheduledMeetingIsRescheduledAndCancelled) {
  absl::StatusOr<MeetingRecord> m = Create(Meeting("REVIEW"));
  ASSERT_TRUE(m.ok());
  const absl::Time later = m->scheduled_time + absl::Hours(2);
  absl::StatusOr<MeetingRecord> moved =
      repo_->RescheduleMeeting(staff_, client_, m->id, m->revision, later, "");
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->scheduled_time, later);
  EXPECT_EQ(moved->place, "Sosiaalitoimisto");  // no new place: kept
  moved = repo_->RescheduleMeeting(staff_, client_, m->id, std::nullopt, later, "Kirjasto");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->place, "Kirjasto");
  long long before = test_db_.RowsBesideTheAccessLog();
  absl::Status stale =
      repo_->CancelMeeting(staff_, client_, m->id, m->revision, "Sairastui").status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(stale), "STALE_ETAG");
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
  absl::StatusOr<MeetingRecord> cancelled =
      repo_->CancelMeeting(staff_, client_, m->id, moved->revision, "Sairastui");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->state, "CANCELLED");
  EXPECT_EQ(cancelled->cancel_reason, "Sairastui");
  before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(
      repo_->RescheduleMeeting(staff_, client_, m->id, std::nullopt, later, "").status(),
      "MEETING_NOT_SCHEDULED", before);
  ExpectRefusedWritingNothing(
      repo_->CancelMeeting(staff_, client_, m->id, std::nullopt, "x").status(),
      "MEETING_NOT_SCHEDULED", before);
  ExpectRefusedWritingNothing(Record(Recording(m->id)).status(), "MEETING_NOT_SCHEDULED", before);
  EXPECT_EQ(repo_->CancelMeeting(staff_, client_, NewUuid(), std::nullopt, "x").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(MeetingsRepositoryTest, RecordingAnInitialMeetingAgreesGoalsAndConsent) {
  absl::StatusOr<MeetingRecord> m = Create(Meeting("INITIAL"));
  ASSERT_TRUE(m.ok());
  OutcomeRecording r = Recording(m->id);
  r.agreed_goals = {NewGoal("Hoidan raha-asiani"), NewGoal("Käyn ryhmässä")};
  r.consent = true;
  absl::StatusOr<MeetingRecord> held = Record(r);
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_EQ(held->state, "HELD");
  EXPECT_EQ(held->outcome_revision, 1);
  ASSERT_TRUE(held->outcome);
  EXPECT_EQ(held->outcome->participants, r.outcome.participants);
  EXPECT_EQ(held->outcome->support_needs, r.outcome.support_needs);
  EXPECT_EQ(held->outcome->summary, r.outcome.summary);
  EXPECT_EQ(held->outcome->recorded_by, staff_.actor);
  EXPECT_EQ(held->outcome->held_time, r.outcome.held_time);
  PageRequest page;
  page.page_size = 10;
  auto goals = repo_->ListGoals(staff_, {client_}, page);
  ASSERT_TRUE(goals.ok()) << goals.status();
  ASSERT_EQ(goals->items.size(), 2u);
  for (const GoalRecord& g : goals->items) {
    EXPECT_EQ(g.state, "AGREED");
    EXPECT_EQ(g.agreed_meeting_id, m->id);
    EXPECT_EQ(g.agreed_by, (std::vector<std::string>{"CLIENT", "SOCIAL_WORKER:" + staff_.actor,
                                                     "GUIDE:" + GuideName()}));
    EXPECT_EQ(g.gas_levels, kLevels);
    EXPECT_EQ(g.agree_time, r.outcome.held_time);
  }
  auto consents = repo_->ListConsents(staff_, client_, page);
  ASSERT_TRUE(consents.ok()) << consents.status();
  ASSERT_EQ(consents->items.size(), 1u);
  EXPECT_TRUE(consents->items[0].granted);
  EXPECT_EQ(consents->items[0].meeting_id, m->id);
  EXPECT_EQ(
      test_db_.QueryNumber(absl::StrCat(
          "SELECT CAST(", absl::ToUnixMicros(r.outcome.held_time),
          " = (extract(epoch FROM first_meeting_time) * 1000000)::bigint AS int) FROM assignments"
          " WHERE id = '",
          assignment_, "'")),
      1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'goal.created'"), 2);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'consent.recorded'"), 1);
}

TEST_F(MeetingsRepositoryTest, EveryRefusalToRecordAnOutcomeWritesNothing) {
  const std::vector<std::string> agreed = HoldInitial({"Tavoite"});
  absl::StatusOr<GoalRecord> proposed = Propose("Ehdotus");
  ASSERT_TRUE(proposed.ok()) << proposed.status();
  absl::StatusOr<MeetingRecord> closing = Create(Meeting("CLOSING"));
  absl::StatusOr<MeetingRecord> review = Create(Meeting("REVIEW"));
  ASSERT_TRUE(closing.ok() && review.ok());
  const long long before = test_db_.RowsBesideTheAccessLog();
  OutcomeRecording r = Recording(closing->id);
  r.outcome.participants.pop_back();  // no guide
  r.agreed_goals = {NewGoal("Uusi")};
  ExpectRefusedWritingNothing(Record(r).status(), "THREE_PARTIES_REQUIRED", before);
  r.outcome.participants.push_back({"GUIDE", "organizations/ph/guides/" + NewUuid(), "", true});
  ExpectRefusedWritingNothing(Record(r).status(), "GUIDE_NOT_ON_ASSIGNMENT", before);
  r = Recording(review->id);
  r.closings = {{agreed[0], "ACHIEVED"}};
  ExpectRefusedWritingNothing(Record(r).status(), "CLOSING_MEETING_ONLY", before);
  r.closings.clear();
  r.end_assignment = true;
  ExpectRefusedWritingNothing(Record(r).status(), "CLOSING_MEETING_ONLY", before);
  r = Recording(closing->id);
  r.agreed_goals = {NewGoal("Uusi")};
  r.ratings = {{proposed->id, 1, "CLIENT", ""}};
  ExpectRefusedWritingNothing(Record(r).status(), "GOAL_NOT_AGREED", before);
  r.ratings.clear();
  r.closings = {{proposed->id, "DROPPED"}};
  ExpectRefusedWritingNothing(Record(r).status(), "GOAL_NOT_AGREED", before);
  r.closings = {{NewUuid(), "DROPPED"}};
  EXPECT_EQ(Record(r).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
  // Recorded once only.
  const std::string initial_id = test_db_.QueryText(
      "SELECT CAST(id AS text) FROM meetings WHERE kind = 'INITIAL' AND state = 'HELD'");
  ExpectRefusedWritingNothing(Record(Recording(initial_id)).status(), "OUTCOME_ALREADY_RECORDED",
                              before);
}

TEST_F(MeetingsRepositoryTest, AGoalOfAnotherGuidanceIsNotRatedOrClosed) {
  // The client's earlier guidance, ended, had an agreed goal.
  test_db_.Exec(
      "UPDATE assignments SET state = 'ENDED', end_time = now(),"
      " end_reason = 'REMATCH' WHERE id = '" +
      assignment_ + "'");
  const std::string earlier = assignment_;
  assignment_ = AddAssignment(client_, guide_);
  const std::string goal = NewUuid();
  test_db_.Exec(absl::StrCat(
      "INSERT INTO goals (org_id, id, client_id, assignment_id, title, gas_levels, state,"
      " created_by, agreed_time) VALUES ('ph', '",
      goal, "', '", client_, "', '", earlier, "', 'Vanha', '{a,b,c,d,e}', 'AGREED', 'x', now())"));
  absl::StatusOr<MeetingRecord> closing = Create(Meeting("CLOSING"));
  ASSERT_TRUE(closing.ok()) << closing.status();
  const long long before = test_db_.RowsBesideTheAccessLog();
  OutcomeRecording r = Recording(closing->id);
  r.ratings = {{goal, 2, "GUIDE", ""}};
  ExpectRefusedWritingNothing(Record(r).status(), "GOAL_OF_ANOTHER_ASSIGNMENT", before);
  r.ratings.clear();
  r.closings = {{goal, "ACHIEVED"}};
  ExpectRefusedWritingNothing(Record(r).status(), "GOAL_OF_ANOTHER_ASSIGNMENT", before);
}

TEST_F(MeetingsRepositoryTest, AClosingMeetingRatesClosesAndEndsTheGuidance) {
  const std::vector<std::string> goals = HoldInitial({"Yksi", "Kaksi"});
  absl::StatusOr<MeetingRecord> closing = Create(Meeting("CLOSING"));
  ASSERT_TRUE(closing.ok());
  OutcomeRecording r = Recording(closing->id);
  r.ratings = {{goals[0], 2, "CLIENT", "Onnistui"}, {goals[1], -1, "GUIDE", ""}};
  r.closings = {{goals[0], "ACHIEVED"}, {goals[1], "NOT_ACHIEVED"}};
  r.end_assignment = true;
  absl::StatusOr<MeetingRecord> held = Record(r);
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_EQ(repo_->GetGoal(staff_, client_, goals[0])->state, "ACHIEVED");
  EXPECT_EQ(repo_->GetGoal(staff_, client_, goals[1])->state, "NOT_ACHIEVED");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM goal_ratings WHERE source_kind = 'MEETING'"),
            2);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM goals WHERE closed_time IS NOT NULL"), 2);
  EXPECT_EQ(test_db_.QueryText("SELECT state || ' ' || end_reason FROM assignments WHERE id = '" +
                               assignment_ + "'"),
            "ENDED GOALS_REACHED");
  EXPECT_EQ(test_db_.QueryNumber("SELECT active_client_count FROM guides"), 0);
  // The guidance has ended: the guide reads nothing of it now.
  EXPECT_EQ(repo_->GetMeeting(Guide(), client_, closing->id).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(MeetingsRepositoryTest, AnAmendmentIsANewRevisionThatKeepsTheFirst) {
  absl::StatusOr<MeetingRecord> m = Create(Meeting("REVIEW"));
  ASSERT_TRUE(m.ok());
  long long before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(
      repo_->AmendOutcome(staff_, client_, m->id, std::nullopt, Recording(m->id).outcome).status(),
      "OUTCOME_NOT_RECORDED", before);
  absl::StatusOr<MeetingRecord> held = Record(Recording(m->id));
  ASSERT_TRUE(held.ok()) << held.status();
  MeetingOutcomeRecord amended = Recording(m->id).outcome;
  amended.summary = "Korjattu yhteenveto";
  amended.amend_reason = "Väärä kirjaus";
  amended.participants.pop_back();  // a review needs no guide
  absl::StatusOr<MeetingRecord> after =
      repo_->AmendOutcome(staff_, client_, m->id, held->revision, amended);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->outcome_revision, 2);
  EXPECT_EQ(after->outcome->summary, "Korjattu yhteenveto");
  EXPECT_EQ(after->outcome->participants.size(), 2u);
  auto revisions = repo_->ListOutcomeRevisions(Guide(), client_, m->id);
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].summary, "Sovittiin tavoitteista yhdessä.");
  EXPECT_EQ((*revisions)[1].amend_reason, "Väärä kirjaus");
  before = test_db_.RowsBesideTheAccessLog();
  absl::Status stale =
      repo_->AmendOutcome(staff_, client_, m->id, held->revision, amended).status();
  EXPECT_EQ(ReasonOf(stale), "STALE_ETAG");
  amended.participants.push_back({"GUIDE", "organizations/ph/guides/" + NewUuid(), "", true});
  ExpectRefusedWritingNothing(
      repo_->AmendOutcome(staff_, client_, m->id, std::nullopt, amended).status(),
      "GUIDE_NOT_ON_ASSIGNMENT", before);
}

TEST_F(MeetingsRepositoryTest, AProposedGoalIsAgreedByTheStaffMemberAndThenKeepsItsWording) {
  absl::StatusOr<GoalRecord> goal = Propose("Käyn kaupassa");
  ASSERT_TRUE(goal.ok()) << goal.status();
  EXPECT_EQ(goal->state, "PROPOSED");
  EXPECT_EQ(goal->revision, 1);
  GoalUpdate agree{{"state", "title"}, *goal};
  agree.values.state = "AGREED";
  agree.values.title = "Käyn kaupassa itse";
  absl::StatusOr<GoalRecord> agreed =
      repo_->UpdateGoal(staff_, client_, goal->id, goal->revision, agree);
  ASSERT_TRUE(agreed.ok()) << agreed.status();
  EXPECT_EQ(agreed->state, "AGREED");
  EXPECT_EQ(agreed->title, "Käyn kaupassa itse");
  EXPECT_EQ(agreed->agreed_by, std::vector<std::string>{"SOCIAL_WORKER:" + staff_.actor});
  EXPECT_TRUE(agreed->agree_time);
  EXPECT_EQ(agreed->revision, 2);
  EXPECT_EQ(test_db_.QueryText("SELECT string_agg(changed_fields::text, ';') FROM events"
                               " WHERE kind = 'goal.updated'"),
            test_db_.QueryText("SELECT CAST(ARRAY['state', 'title'] AS text)"));
  // The same values again: nothing changes, and the revision stays.
  absl::StatusOr<GoalRecord> same = repo_->UpdateGoal(staff_, client_, goal->id, 2, agree);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->revision, 2);
  long long before = test_db_.RowsBesideTheAccessLog();
  GoalUpdate reword{{"title"}, *agreed};
  reword.values.title = "Toisin";
  ExpectRefusedWritingNothing(
      repo_->UpdateGoal(staff_, client_, goal->id, std::nullopt, reword).status(),
      "GOAL_WORDING_FIXED", before);
  GoalUpdate back{{"state"}, *agreed};
  back.values.state = "PROPOSED";
  ExpectRefusedWritingNothing(
      repo_->UpdateGoal(staff_, client_, goal->id, std::nullopt, back).status(),
      "ILLEGAL_GOAL_TRANSITION", before);
  absl::Status stale = repo_->UpdateGoal(staff_, client_, goal->id, 1, back).status();
  EXPECT_EQ(ReasonOf(stale), "STALE_ETAG");
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
  GoalUpdate achieve{{"state", "weight"}, *agreed};
  achieve.values.state = "ACHIEVED";
  achieve.values.weight = 3;
  absl::StatusOr<GoalRecord> achieved =
      repo_->UpdateGoal(staff_, client_, goal->id, std::nullopt, achieve);
  ASSERT_TRUE(achieved.ok()) << achieved.status();
  EXPECT_EQ(achieved->state, "ACHIEVED");
  EXPECT_EQ(achieved->weight, 3);
  EXPECT_EQ(achieved->agreed_by, agreed->agreed_by);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM goals WHERE closed_time IS NOT NULL"), 1);
  EXPECT_EQ(repo_->UpdateGoal(staff_, client_, NewUuid(), std::nullopt, achieve).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(MeetingsRepositoryTest, AGoalIsAgreedOnlyWithFiveLevelsAndOnlyOnAnOpenGuidance) {
  GoalRecord g = NewGoal("Puolikas");
  g.org_id = "ph";
  g.client_id = client_;
  g.assignment_id = assignment_;
  g.state = "PROPOSED";
  g.gas_levels = {"a", "b"};
  auto created = repo_->CreateGoal(staff_, g, std::nullopt, Encode<GoalRecord>);
  ASSERT_TRUE(created.ok()) << created.status();
  const long long before = test_db_.RowsBesideTheAccessLog();
  GoalUpdate agree{{"state"}, g};
  agree.values.state = "AGREED";
  ExpectRefusedWritingNothing(
      repo_->UpdateGoal(staff_, client_, g.id, std::nullopt, agree).status(),
      "GAS_LEVELS_INCOMPLETE", before);
  GoalRecord elsewhere = NewGoal("Muualla");
  elsewhere.org_id = "ph";
  elsewhere.client_id = client_;
  elsewhere.assignment_id = AddAssignment(NewUuid(), guide_);
  elsewhere.state = "PROPOSED";
  const long long with_other = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(
      repo_->CreateGoal(staff_, elsewhere, std::nullopt, Encode<GoalRecord>).status(),
      "ASSIGNMENT_OF_ANOTHER_CLIENT", with_other);
}

TEST_F(MeetingsRepositoryTest, GoalsAreListedAndAGuideSeesOnlyTheirOwnGuidancesGoals) {
  const std::vector<std::string> agreed = HoldInitial({"Yksi"});
  absl::StatusOr<GoalRecord> proposed = Propose("Kaksi");
  ASSERT_TRUE(proposed.ok());
  PageRequest page;
  page.page_size = 10;
  auto of_state = repo_->ListGoals(Guide(), {client_, assignment_, "PROPOSED"}, page);
  ASSERT_TRUE(of_state.ok()) << of_state.status();
  ASSERT_EQ(of_state->items.size(), 1u);
  EXPECT_EQ(of_state->items[0].id, proposed->id);
  // A goal of the client's earlier guidance with another guide.
  const std::string other_guide = NewUuid();
  test_db_.Exec(absl::StrCat(
      "INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state)"
      " VALUES ('ph', '",
      other_guide, "', 'Toinen', '{fi}', 10, 'ACTIVE')"));
  const std::string earlier = AddAssignment(client_, other_guide, "ENDED");
  const std::string old_goal = NewUuid();
  test_db_.Exec(absl::StrCat(
      "INSERT INTO goals (org_id, id, client_id, assignment_id, title, gas_levels, state,"
      " created_by, agreed_time) VALUES ('ph', '",
      old_goal, "', '", client_, "', '", earlier,
      "', 'Vanha', '{a,b,c,d,e}', 'AGREED', 'x', now())"));
  EXPECT_EQ(repo_->ListGoals(staff_, {client_}, page)->items.size(), 3u);
  auto seen = repo_->ListGoals(Guide(), {client_}, page);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->items.size(), 2u);
  EXPECT_TRUE(repo_->GetGoal(staff_, client_, old_goal).ok());
  EXPECT_EQ(repo_->GetGoal(Guide(), client_, old_goal).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(repo_->GetGoal(staff_, client_, NewUuid()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(repo_->GetGoal(Guide(), client_, agreed[0])->title, "Yksi");
}

TEST_F(MeetingsRepositoryTest, ConsentIsSetAndListedNewestFirst) {
  const ConsentRecord given{"ph", "", client_, assignment_, true, std::nullopt, "", {}};
  ConsentRecord withdrawn = given;
  withdrawn.granted = false;
  auto first = repo_->SetConsent(staff_, given, std::nullopt, Encode<ConsentRecord>);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created->granted);
  EXPECT_EQ(first->created->recorded_by, staff_.actor);
  EXPECT_FALSE(first->created->meeting_id);
  ASSERT_TRUE(repo_->SetConsent(Guide(), withdrawn, std::nullopt, Encode<ConsentRecord>).ok());
  PageRequest page;
  page.page_size = 1;
  auto newest = repo_->ListConsents(staff_, client_, page);
  ASSERT_TRUE(newest.ok()) << newest.status();
  ASSERT_EQ(newest->items.size(), 1u);
  EXPECT_FALSE(newest->items[0].granted);
  ASSERT_TRUE(newest->next);
  page.after = newest->next;
  auto older = repo_->ListConsents(Guide(), client_, page);
  ASSERT_TRUE(older.ok()) << older.status();
  ASSERT_EQ(older->items.size(), 1u);
  EXPECT_EQ(older->items[0].id, first->created->id);
  // Not on an ended guidance.
  test_db_.Exec(
      "UPDATE assignments SET state = 'ENDED', end_time = now(),"
      " end_reason = 'CLIENT_MOVED' WHERE id = '" +
      assignment_ + "'");
  const long long before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(
      repo_->SetConsent(staff_, given, std::nullopt, Encode<ConsentRecord>).status(),
      "ASSIGNMENT_NOT_OPEN", before);
}

TEST_F(MeetingsRepositoryTest, AnyTextRoundTripsThroughOutcomesAndGoals) {
  const std::string text = EveryByte();
  absl::StatusOr<MeetingRecord> m = Create(Meeting("INITIAL"));
  ASSERT_TRUE(m.ok());
  OutcomeRecording r = Recording(m->id);
  r.outcome.summary = text;
  r.outcome.participants[0].display_name = text;
  r.outcome.participants.push_back({"OTHER", text, text, true});
  r.outcome.support_needs = {{text, text},
                             {std::nullopt,
                              "a\x1f"
                              "b\x1e,{c}"}};
  absl::StatusOr<MeetingRecord> held = Record(r);
  ASSERT_TRUE(held.ok()) << held.status();
  absl::StatusOr<MeetingRecord> read = repo_->GetMeeting(staff_, client_, m->id);
  ASSERT_TRUE(read.ok() && read->outcome);
  EXPECT_EQ(read->outcome->summary, text);
  EXPECT_EQ(read->outcome->participants, r.outcome.participants);
  EXPECT_EQ(read->outcome->support_needs, r.outcome.support_needs);
  // A goal's levels and agreement as UpdateGoal writes them, as stored and as read back.
  absl::StatusOr<GoalRecord> goal = Propose("Sanat");
  ASSERT_TRUE(goal.ok()) << goal.status();
  GoalUpdate update{{"gas_levels", "title", "state"}, *goal};
  update.values.gas_levels = {text,
                              "a\x1f"
                              "b",
                              "{\"c\"}", "d,e", "NULL"};
  update.values.title = text;
  update.values.state = "AGREED";
  CallScope odd = staff_;
  odd.actor = text;
  absl::StatusOr<GoalRecord> agreed =
      repo_->UpdateGoal(odd, client_, goal->id, std::nullopt, update);
  ASSERT_TRUE(agreed.ok()) << agreed.status();
  EXPECT_EQ(agreed->title, text);
  auto stored = [&](const std::string& column) {
    return nlohmann::json::parse(test_db_.QueryText("SELECT CAST(to_json(" + column +
                                                    ") AS text) FROM goals"
                                                    " WHERE id = '" +
                                                    goal->id + "'"))
        .get<std::vector<std::string>>();
  };
  EXPECT_EQ(stored("gas_levels"), update.values.gas_levels);
  EXPECT_EQ(stored("agreed_by"), std::vector<std::string>{"SOCIAL_WORKER:" + text});
  // And as the repository reads them back.
  EXPECT_EQ(agreed->gas_levels, update.values.gas_levels);
  EXPECT_EQ(agreed->agreed_by, std::vector<std::string>{"SOCIAL_WORKER:" + text});
  PageRequest page;
  auto listed = repo_->ListGoals(staff_, {client_, std::nullopt, "AGREED"}, page);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].gas_levels, update.values.gas_levels);
}

}  // namespace
}  // namespace rinnalla::storage
