// The rules of joint meetings as pure functions: the three-party rule, which meetings may change,
// and what recording or amending an outcome writes.

#include "meeting_rules.h"

#include <gtest/gtest.h>

#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

const std::string kGuide = "organizations/ph/guides/g-1";

AssignmentRecord Assignment() {
  AssignmentRecord a;
  a.org_id = "ph";
  a.id = "a-1";
  a.client_id = "c-1";
  a.guide_id = "g-1";
  a.state = "ACTIVE";
  return a;
}

MeetingRecord Meeting(const std::string& kind, const std::string& state = "SCHEDULED") {
  MeetingRecord m;
  m.org_id = "ph";
  m.id = "m-1";
  m.client_id = "c-1";
  m.assignment_id = "a-1";
  m.kind = kind;
  m.state = state;
  return m;
}

std::vector<ParticipantRecord> ThreeParties() {
  return {{"CLIENT", "", "Asiakas", true},
          {"SOCIAL_WORKER", "sw-1", "Sosiaalityöntekijä", true},
          {"GUIDE", kGuide, "Aino", true},
          {"OTHER", "", "Tulkki", true}};
}

OutcomeRecording Recording(absl::Time held = absl::FromUnixSeconds(1800000000)) {
  OutcomeRecording r;
  r.meeting_id = "m-1";
  r.outcome.held_time = held;
  r.outcome.participants = ThreeParties();
  r.outcome.summary = "Sovittiin tavoitteet.";
  return r;
}

TEST(MeetingRules, InitialAndClosingMeetingsNeedTheThreePartiesPresent) {
  for (const char* kind : {"INITIAL", "CLOSING"}) {
    EXPECT_TRUE(CheckParties(kind, Assignment(), ThreeParties()).ok()) << kind;
    for (size_t absent = 0; absent < 3; ++absent) {
      std::vector<ParticipantRecord> people = ThreeParties();
      people[absent].present = false;  // listed, not there
      absl::Status status = CheckParties(kind, Assignment(), people);
      EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << kind << " " << absent;
      EXPECT_EQ(ReasonOf(status), "THREE_PARTIES_REQUIRED") << kind << " " << absent;
      people.erase(people.begin() + absent);  // not listed at all
      EXPECT_EQ(ReasonOf(CheckParties(kind, Assignment(), people)), "THREE_PARTIES_REQUIRED")
          << kind << " " << absent;
    }
  }
  // A review needs no one in particular.
  EXPECT_TRUE(CheckParties("REVIEW", Assignment(), {}).ok());
  EXPECT_TRUE(CheckParties("REVIEW", Assignment(), {{"CLIENT", "", "Asiakas", true}}).ok());
}

TEST(MeetingRules, TheGuideListedIsTheAssignmentsGuide) {
  for (const char* kind : {"INITIAL", "REVIEW", "CLOSING"}) {
    std::vector<ParticipantRecord> people = ThreeParties();
    people.push_back({"GUIDE", "organizations/ph/guides/g-2", "Toinen", false});
    absl::Status status = CheckParties(kind, Assignment(), people);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << kind;
    EXPECT_EQ(ReasonOf(status), "GUIDE_NOT_ON_ASSIGNMENT") << kind;
  }
  // The same guide id of another organization is another guide.
  std::vector<ParticipantRecord> people = ThreeParties();
  people[2].identity = "organizations/other/guides/g-1";
  EXPECT_EQ(ReasonOf(CheckParties("REVIEW", Assignment(), people)), "GUIDE_NOT_ON_ASSIGNMENT");
}

TEST(MeetingRules, ThePartiesPresentAgreeTheGoals) {
  std::vector<ParticipantRecord> people = ThreeParties();
  people.push_back({"SOCIAL_WORKER", "sw-2", "Poissa", false});
  EXPECT_EQ(AgreeingParties(people),
            (std::vector<std::string>{"CLIENT", "SOCIAL_WORKER:sw-1", "GUIDE:" + kGuide}));
}

TEST(MeetingRules, OnlyAScheduledMeetingChanges) {
  EXPECT_TRUE(CheckScheduled(Meeting("REVIEW")).ok());
  for (const char* state : {"HELD", "CANCELLED"}) {
    absl::Status status = CheckScheduled(Meeting("REVIEW", state));
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << state;
    EXPECT_EQ(ReasonOf(status), "MEETING_NOT_SCHEDULED") << state;
  }
}

TEST(MeetingRules, AnOutcomeIsRecordedOnceOnAScheduledMeeting) {
  EXPECT_TRUE(CheckRecordable(Meeting("INITIAL"), Recording()).ok());
  EXPECT_EQ(ReasonOf(CheckRecordable(Meeting("INITIAL", "HELD"), Recording())),
            "OUTCOME_ALREADY_RECORDED");
  EXPECT_EQ(ReasonOf(CheckRecordable(Meeting("INITIAL", "CANCELLED"), Recording())),
            "MEETING_NOT_SCHEDULED");
}

TEST(MeetingRules, GoalsCloseAndTheGuidanceEndsAtAClosingMeetingOnly) {
  OutcomeRecording closes = Recording(), ends = Recording();
  closes.closings = {{"goal-1", "ACHIEVED"}};
  ends.end_assignment = true;
  for (const char* kind : {"INITIAL", "REVIEW"}) {
    for (const OutcomeRecording& r : {closes, ends}) {
      absl::Status status = CheckRecordable(Meeting(kind), r);
      EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << kind;
      EXPECT_EQ(ReasonOf(status), "CLOSING_MEETING_ONLY") << kind;
    }
  }
  EXPECT_TRUE(CheckRecordable(Meeting("CLOSING"), closes).ok());
  EXPECT_TRUE(CheckRecordable(Meeting("CLOSING"), ends).ok());
}

TEST(MeetingRules, RecordingPlansTheOutcomeTheGoalsAndTheConsent) {
  OutcomeRecording r = Recording();
  GoalRecord goal;
  goal.id = "goal-new";
  goal.title = "Asun omassa asunnossa";
  goal.gas_levels = {"a", "b", "c", "d", "e"};
  r.agreed_goals = {goal};
  r.consent = true;
  absl::StatusOr<RecordingPlan> plan =
      PlanRecording(Meeting("INITIAL"), Assignment(), r, "organizations/ph/users/sw-1");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->outcome.revision, 1);
  EXPECT_EQ(plan->outcome.recorded_by, "organizations/ph/users/sw-1");
  EXPECT_EQ(plan->outcome.summary, r.outcome.summary);
  ASSERT_EQ(plan->agreed_goals.size(), 1u);
  const GoalRecord& agreed = plan->agreed_goals[0];
  EXPECT_EQ(agreed.id, "goal-new");
  EXPECT_EQ(agreed.title, goal.title);
  EXPECT_EQ(agreed.org_id, "ph");
  EXPECT_EQ(agreed.client_id, "c-1");
  EXPECT_EQ(agreed.assignment_id, "a-1");
  EXPECT_EQ(agreed.state, "AGREED");
  EXPECT_EQ(agreed.agreed_meeting_id, "m-1");
  EXPECT_EQ(agreed.agreed_by, AgreeingParties(r.outcome.participants));
  EXPECT_EQ(agreed.agree_time, r.outcome.held_time);
  ASSERT_TRUE(plan->consent);
  EXPECT_TRUE(plan->consent->granted);
  EXPECT_EQ(plan->consent->client_id, "c-1");
  EXPECT_EQ(plan->consent->assignment_id, "a-1");
  EXPECT_EQ(plan->consent->meeting_id, "m-1");
  EXPECT_EQ(plan->consent->recorded_by, "organizations/ph/users/sw-1");
  // The first meeting held of the guidance, and it goes on.
  EXPECT_EQ(plan->first_meeting_time, r.outcome.held_time);
  EXPECT_EQ(plan->end_reason, std::nullopt);
}

TEST(MeetingRules, ConsentIsRecordedOnlyWhenGivenAtTheMeeting) {
  OutcomeRecording r = Recording();
  absl::StatusOr<RecordingPlan> plan = PlanRecording(Meeting("REVIEW"), Assignment(), r, "sw");
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->consent);
  r.consent = false;  // a refusal is recorded too
  plan = PlanRecording(Meeting("REVIEW"), Assignment(), r, "sw");
  ASSERT_TRUE(plan.ok() && plan->consent);
  EXPECT_FALSE(plan->consent->granted);
}

TEST(MeetingRules, TheAssignmentsFirstMeetingIsTheEarliestHeld) {
  const absl::Time held = absl::FromUnixSeconds(1800000000);
  AssignmentRecord a = Assignment();
  a.first_meeting_time = held - absl::Hours(24);  // an earlier meeting was held
  absl::StatusOr<RecordingPlan> plan = PlanRecording(Meeting("REVIEW"), a, Recording(held), "sw");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->first_meeting_time, std::nullopt);
  a.first_meeting_time = held;
  EXPECT_EQ(PlanRecording(Meeting("REVIEW"), a, Recording(held), "sw")->first_meeting_time,
            std::nullopt);
  a.first_meeting_time = held + absl::Hours(24);  // recorded late, held before
  EXPECT_EQ(PlanRecording(Meeting("REVIEW"), a, Recording(held), "sw")->first_meeting_time, held);
}

TEST(MeetingRules, AClosingMeetingEndsTheGuidanceWhenAsked) {
  OutcomeRecording r = Recording();
  r.end_assignment = true;
  absl::StatusOr<RecordingPlan> plan = PlanRecording(Meeting("CLOSING"), Assignment(), r, "sw");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->end_reason, "GOALS_REACHED");
}

TEST(MeetingRules, RecordingHoldsTheThreePartyRule) {
  OutcomeRecording r = Recording();
  r.outcome.participants.erase(r.outcome.participants.begin());  // no client
  absl::StatusOr<RecordingPlan> plan = PlanRecording(Meeting("INITIAL"), Assignment(), r, "sw");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(ReasonOf(plan.status()), "THREE_PARTIES_REQUIRED");
  EXPECT_TRUE(PlanRecording(Meeting("REVIEW"), Assignment(), r, "sw").ok());
  r.outcome.participants.push_back({"GUIDE", "organizations/ph/guides/g-9", "", true});
  EXPECT_EQ(ReasonOf(PlanRecording(Meeting("REVIEW"), Assignment(), r, "sw").status()),
            "GUIDE_NOT_ON_ASSIGNMENT");
}

TEST(MeetingRules, AnAmendmentIsTheOutcomesNextRevision) {
  MeetingRecord held = Meeting("INITIAL", "HELD");
  held.outcome_revision = 2;
  MeetingOutcomeRecord outcome = Recording().outcome;
  outcome.amend_reason = "Väärä päivä";
  absl::StatusOr<MeetingOutcomeRecord> amended =
      PlanAmendment(held, Assignment(), outcome, "organizations/ph/users/sw-1");
  ASSERT_TRUE(amended.ok()) << amended.status();
  EXPECT_EQ(amended->revision, 3);
  EXPECT_EQ(amended->recorded_by, "organizations/ph/users/sw-1");
  EXPECT_EQ(amended->amend_reason, "Väärä päivä");
  EXPECT_EQ(amended->participants, outcome.participants);
}

TEST(MeetingRules, OnlyARecordedOutcomeIsAmended) {
  for (const char* state : {"SCHEDULED", "CANCELLED"}) {
    absl::StatusOr<MeetingOutcomeRecord> amended =
        PlanAmendment(Meeting("INITIAL", state), Assignment(), Recording().outcome, "sw");
    ASSERT_FALSE(amended.ok()) << state;
    EXPECT_EQ(amended.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(amended.status()), "OUTCOME_NOT_RECORDED") << state;
  }
  // An amendment holds the three-party rule as the first recording did.
  MeetingOutcomeRecord without_guide = Recording().outcome;
  without_guide.participants[2].present = false;
  EXPECT_EQ(
      ReasonOf(
          PlanAmendment(Meeting("CLOSING", "HELD"), Assignment(), without_guide, "sw").status()),
      "THREE_PARTIES_REQUIRED");
  without_guide.participants[2].identity = "organizations/ph/guides/g-2";
  EXPECT_EQ(
      ReasonOf(
          PlanAmendment(Meeting("REVIEW", "HELD"), Assignment(), without_guide, "sw").status()),
      "GUIDE_NOT_ON_ASSIGNMENT");
}

}  // namespace
}  // namespace rinnalla::storage
