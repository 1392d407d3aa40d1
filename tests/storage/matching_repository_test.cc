// The matching repository against PostgreSQL: referrals, exclusions, the guide pool and
// assignments are written and read back, every refusal writes nothing, and any text round-trips
// through the arrays referrals and guides keep.

#include "rinnalla/storage/matching_repository.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "every_byte.h"
#include "resource_names.h"
#include "rinnalla/storage/resource_names.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/status_facts.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

// A text[] literal of `values` for test SQL, any text included.
std::string TextArraySql(const std::vector<std::string>& values) {
  return absl::StrCat("ARRAY(SELECT json_array_elements_text('",
                      absl::StrReplaceAll(nlohmann::json(values).dump(), {{"'", "''"}}), "'))");
}

class MatchingRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = AddClient();
    guide_ = AddGuide("Aino", 2);
  }

  std::string AddClient() {
    const std::string id = NewUuid();
    test_db_.Exec(
        absl::StrCat("INSERT INTO clients (org_id, id, display_name, state) VALUES ('ph', '", id,
                     "', 'Asiakas', 'ACTIVE')"));
    return id;
  }
  std::string AddGuide(const std::string& name, int cap, const std::string& state = "ACTIVE",
                       const std::vector<std::string>& languages = {"fi"},
                       const std::vector<std::string>& municipalities = {"398"}) {
    const std::string id = NewUuid();
    test_db_.Exec(
        absl::StrCat("INSERT INTO guides (org_id, id, display_name, languages, municipalities,"
                     " max_active_clients, state) VALUES ('ph', '",
                     id, "', '", name, "', ", TextArraySql(languages), ", ",
                     TextArraySql(municipalities), ", ", cap, ", '", state, "')"));
    return id;
  }

  ReferralRecord Referral(const std::string& client) const {
    ReferralRecord r;
    r.org_id = "ph";
    r.id = NewUuid();
    r.client_id = client;
    r.needs = {"DEBT", "HOUSING"};
    r.languages = {"fi", "sv"};
    r.municipality = "398";
    r.preferences = "Mieluiten iltapäivisin";
    r.note = "Asiakas toivoo naisohjaajaa";
    return r;
  }
  absl::StatusOr<ReferralRecord> Refer(const ReferralRecord& r) {
    auto outcome = repo_->CreateReferral(who_, r, std::nullopt, Encode<ReferralRecord>);
    if (!outcome.ok()) return outcome.status();
    return *outcome->created;
  }
  std::string OpenReferral(const std::string& client) {
    auto referral = Refer(Referral(client));
    EXPECT_TRUE(referral.ok()) << referral.status();
    return referral.ok() ? referral->id : "";
  }
  absl::StatusOr<AssignmentRecord> Assign(const std::string& referral, const std::string& guide) {
    auto outcome =
        repo_->AssignGuide(who_, referral, guide, std::nullopt, Encode<AssignmentRecord>);
    if (!outcome.ok()) return outcome.status();
    return *outcome->created;
  }
  MatchExclusionRecord Exclusion(const std::string& client, const std::string& guide) const {
    MatchExclusionRecord e;
    e.org_id = "ph";
    e.client_id = client;
    e.guide_id = guide;
    e.reason = "Naapuri";
    return e;
  }
  long long ActiveCount(const std::string& guide) {
    return test_db_.QueryNumber("SELECT active_client_count FROM guides WHERE id = '" + guide +
                                "'");
  }
  // Expects `status` to be FAILED_PRECONDITION with `reason`, and nothing written but access-log
  // rows.
  void ExpectRefusedWritingNothing(const absl::Status& status, const std::string& reason,
                                   long long rows_before) {
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_EQ(ReasonOf(status), reason) << status;
    EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), rows_before) << reason;
  }
  template <typename Record>
  static std::string Encode(const Record& r) {
    return "response:" + r.id;
  }

  testing::TestDatabase test_db_;
  std::unique_ptr<MatchingRepository> repo_ = MakePgMatchingRepository(test_db_.db());
  CallScope who_{{"ph", "organizations/ph/users/sw", "social_worker", "/test", "req-1"}};
  std::string client_, guide_;
};

TEST_F(MatchingRepositoryTest, AReferralIsWrittenAndReadBack) {
  const ReferralRecord r = Referral(client_);
  absl::StatusOr<ReferralRecord> created = Refer(r);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->state, "OPEN");
  EXPECT_EQ(created->created_by, who_.actor);
  EXPECT_EQ(created->revision, 1);
  absl::StatusOr<ReferralRecord> read = repo_->GetReferral(who_, r.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->needs, r.needs);
  EXPECT_EQ(read->languages, r.languages);
  EXPECT_EQ(read->municipality, r.municipality);
  EXPECT_EQ(read->preferences, r.preferences);
  EXPECT_EQ(read->note, r.note);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'referral.created'"), 1);
  EXPECT_EQ(
      test_db_.QueryNumber("SELECT count(*) FROM access_log WHERE client_id = '" + client_ + "'"),
      2);
  EXPECT_EQ(*repo_->ReferralClient(who_, "ph", r.id), client_);
}

TEST_F(MatchingRepositoryTest, AReferralOfAMissingClientIsNotFoundAndWritesNothing) {
  const long long before = test_db_.RowsBesideTheAccessLog();
  absl::StatusOr<ReferralRecord> created = Refer(Referral(NewUuid()));
  EXPECT_EQ(created.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
  EXPECT_EQ(repo_->GetReferral(who_, NewUuid()).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(repo_->ReferralClient(who_, "ph", NewUuid()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(MatchingRepositoryTest, ReferralsAreListedInPagesByStateAndClient) {
  const std::string other = AddClient();
  std::vector<std::string> ids = {OpenReferral(client_), OpenReferral(other),
                                  OpenReferral(client_)};
  ASSERT_TRUE(repo_->CancelReferral(who_, ids[2], "Ei tarvetta").ok());
  PageRequest page;
  page.page_size = 2;
  auto first = repo_->ListReferrals(who_, {}, page);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_TRUE(first->next);
  page.after = first->next;
  auto second = repo_->ListReferrals(who_, {}, page);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_FALSE(second->next);
  std::vector<std::string> listed = {first->items[0].id, first->items[1].id, second->items[0].id};
  EXPECT_EQ(listed, ids);
  PageRequest all;
  all.page_size = 10;
  auto open_of_client = repo_->ListReferrals(who_, {"OPEN", client_}, all);
  ASSERT_TRUE(open_of_client.ok());
  ASSERT_EQ(open_of_client->items.size(), 1u);
  EXPECT_EQ(open_of_client->items[0].id, ids[0]);
  auto cancelled = repo_->ListReferrals(who_, {"CANCELLED", std::nullopt}, all);
  ASSERT_TRUE(cancelled.ok());
  ASSERT_EQ(cancelled->items.size(), 1u);
  EXPECT_EQ(cancelled->items[0].cancel_reason, "Ei tarvetta");
}

TEST_F(MatchingRepositoryTest, OnlyAnOpenReferralIsCancelled) {
  const std::string id = OpenReferral(client_);
  absl::StatusOr<ReferralRecord> cancelled = repo_->CancelReferral(who_, id, "Muutti pois");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->state, "CANCELLED");
  EXPECT_EQ(cancelled->revision, 2);
  const long long before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(repo_->CancelReferral(who_, id, "Uudelleen").status(),
                              "REFERRAL_NOT_OPEN", before);
  EXPECT_EQ(repo_->GetReferral(who_, id)->cancel_reason, "Muutti pois");
  EXPECT_EQ(repo_->CancelReferral(who_, NewUuid(), "x").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(MatchingRepositoryTest, AnExclusionIsAddedListedAndRemoved) {
  auto added = repo_->AddExclusion(who_, Exclusion(client_, guide_), std::nullopt,
                                   Encode<MatchExclusionRecord>);
  ASSERT_TRUE(added.ok()) << added.status();
  const MatchExclusionRecord& e = *added->created;
  EXPECT_EQ(e.client_id, client_);
  EXPECT_EQ(e.guide_id, guide_);
  EXPECT_EQ(e.reason, "Naapuri");
  EXPECT_EQ(e.created_by, who_.actor);
  PageRequest page;
  page.page_size = 10;
  auto listed = repo_->ListExclusions(who_, client_, page);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, e.id);
  // The event names the exclusion, never its reason.
  EXPECT_EQ(
      test_db_.QueryText("SELECT resource FROM events WHERE kind = 'match_exclusion.created'"),
      ClientChildName("ph", client_, "matchExclusions", e.id));
  ASSERT_TRUE(repo_->RemoveExclusion(who_, client_, e.id).ok());
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM match_exclusions"), 0);
  EXPECT_EQ(
      test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'match_exclusion.deleted'"),
      1);
  EXPECT_EQ(repo_->RemoveExclusion(who_, client_, e.id).code(), absl::StatusCode::kNotFound);
}

TEST_F(MatchingRepositoryTest, ASecondOrDanglingExclusionWritesNothing) {
  ASSERT_TRUE(repo_
                  ->AddExclusion(who_, Exclusion(client_, guide_), std::nullopt,
                                 Encode<MatchExclusionRecord>)
                  .ok());
  const long long before = test_db_.RowsBesideTheAccessLog();
  absl::Status again = repo_
                           ->AddExclusion(who_, Exclusion(client_, guide_), std::nullopt,
                                          Encode<MatchExclusionRecord>)
                           .status();
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(again), "EXCLUSION_EXISTS");
  for (const MatchExclusionRecord& dangling :
       {Exclusion(NewUuid(), guide_), Exclusion(client_, NewUuid())}) {
    EXPECT_EQ(repo_->AddExclusion(who_, dangling, std::nullopt, Encode<MatchExclusionRecord>)
                  .status()
                  .code(),
              absl::StatusCode::kNotFound);
  }
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
}

TEST_F(MatchingRepositoryTest, AssigningTakesACaseloadPlaceAndMatchesTheReferral) {
  const std::string referral = OpenReferral(client_);
  absl::StatusOr<AssignmentRecord> a = Assign(referral, guide_);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->state, "ACTIVE");
  EXPECT_EQ(a->client_id, client_);
  EXPECT_EQ(a->guide_id, guide_);
  EXPECT_EQ(a->referral_id, referral);
  EXPECT_EQ(ActiveCount(guide_), 1);
  EXPECT_EQ(repo_->GetReferral(who_, referral)->state, "MATCHED");
  EXPECT_EQ(repo_->GetAssignment(who_, a->id)->id, a->id);
  auto parties = repo_->AssignmentPartiesOf(who_, "ph", a->id);
  ASSERT_TRUE(parties.ok());
  EXPECT_EQ(parties->guide_id, guide_);
  EXPECT_EQ(parties->client_id, client_);
  EXPECT_TRUE(*repo_->GuideHasClient(who_, "ph", guide_, client_));
  EXPECT_FALSE(*repo_->GuideHasClient(who_, "ph", guide_, AddClient()));
  EXPECT_EQ(repo_->AssignmentPartiesOf(who_, "ph", NewUuid()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(test_db_.QueryText("SELECT string_agg(kind, ',' ORDER BY seq) FROM events"
                               " WHERE kind NOT LIKE 'referral.created'"),
            "assignment.created,referral.updated,guide.updated");
}

TEST_F(MatchingRepositoryTest, EveryRefusalToAssignWritesNothing) {
  const std::string referral = OpenReferral(client_);
  // An excluded guide.
  const std::string known = AddGuide("Tuttu", 5);
  ASSERT_TRUE(repo_
                  ->AddExclusion(who_, Exclusion(client_, known), std::nullopt,
                                 Encode<MatchExclusionRecord>)
                  .ok());
  long long before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(Assign(referral, known).status(), "GUIDE_EXCLUDED", before);
  // A guide on a break.
  const std::string resting = AddGuide("Lepää", 5, "ON_BREAK");
  before = test_db_.RowsBesideTheAccessLog();
  absl::Status status = Assign(referral, resting).status();
  ExpectRefusedWritingNothing(status, "GUIDE_NOT_ACTIVE", before);
  EXPECT_EQ(FactsOf(status).at("guide_state"), "ON_BREAK");
  // A guide at capacity.
  const std::string full = AddGuide("Täysi", 1);
  ASSERT_TRUE(Assign(OpenReferral(AddClient()), full).ok());
  before = test_db_.RowsBesideTheAccessLog();
  status = Assign(referral, full).status();
  ExpectRefusedWritingNothing(status, "GUIDE_AT_CAPACITY", before);
  EXPECT_EQ(FactsOf(status).at("active_client_count"), "1");
  EXPECT_EQ(FactsOf(status).at("max_active_clients"), "1");
  // A missing guide.
  EXPECT_EQ(Assign(referral, NewUuid()).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
  // A client with an open assignment, and a referral already matched.
  ASSERT_TRUE(Assign(referral, guide_).ok());
  const std::string second = OpenReferral(client_), another = AddGuide("Toinen", 5);
  before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(Assign(second, another).status(), "CLIENT_ALREADY_ASSIGNED", before);
  ExpectRefusedWritingNothing(Assign(referral, guide_).status(), "CLIENT_ALREADY_ASSIGNED", before);
  EXPECT_EQ(ActiveCount(guide_), 1);
}

TEST_F(MatchingRepositoryTest, AMatchedReferralIsNotAssignedAgain) {
  const std::string referral = OpenReferral(client_);
  absl::StatusOr<AssignmentRecord> a = Assign(referral, guide_);
  ASSERT_TRUE(a.ok());
  AssignmentChange end;
  end.kind = AssignmentChange::Kind::kEnd;
  end.end_reason = "REMATCH";
  ASSERT_TRUE(repo_->ChangeAssignment(who_, a->id, std::nullopt, end).ok());
  const long long before = test_db_.RowsBesideTheAccessLog();
  absl::Status status = Assign(referral, guide_).status();
  ExpectRefusedWritingNothing(status, "REFERRAL_NOT_OPEN", before);
  EXPECT_EQ(FactsOf(status).at("referral_state"), "MATCHED");
}

TEST_F(MatchingRepositoryTest, AnAssignmentPausesResumesAndEnds) {
  absl::StatusOr<AssignmentRecord> a = Assign(OpenReferral(client_), guide_);
  ASSERT_TRUE(a.ok()) << a.status();
  AssignmentChange pause, resume, end;
  pause.kind = AssignmentChange::Kind::kPause;
  resume.kind = AssignmentChange::Kind::kResume;
  end.kind = AssignmentChange::Kind::kEnd;
  end.end_reason = "CLIENT_MOVED";
  end.end_note = "Muutti Helsinkiin";
  long long before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(repo_->ChangeAssignment(who_, a->id, std::nullopt, resume).status(),
                              "ASSIGNMENT_NOT_PAUSED", before);
  absl::StatusOr<AssignmentRecord> paused = repo_->ChangeAssignment(who_, a->id, 1, pause);
  ASSERT_TRUE(paused.ok()) << paused.status();
  EXPECT_EQ(paused->state, "PAUSED");
  EXPECT_EQ(paused->revision, 2);
  before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(repo_->ChangeAssignment(who_, a->id, std::nullopt, pause).status(),
                              "ASSIGNMENT_NOT_ACTIVE", before);
  absl::Status stale = repo_->ChangeAssignment(who_, a->id, 1, resume).status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(stale), "STALE_ETAG");
  EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), before);
  ASSERT_EQ(repo_->ChangeAssignment(who_, a->id, 2, resume)->state, "ACTIVE");
  absl::StatusOr<AssignmentRecord> ended = repo_->ChangeAssignment(who_, a->id, 3, end);
  ASSERT_TRUE(ended.ok()) << ended.status();
  EXPECT_EQ(ended->state, "ENDED");
  EXPECT_EQ(ended->end_reason, "CLIENT_MOVED");
  EXPECT_EQ(ended->end_note, "Muutti Helsinkiin");
  EXPECT_TRUE(ended->end_time);
  EXPECT_EQ(ActiveCount(guide_), 0);
  EXPECT_FALSE(*repo_->GuideHasClient(who_, "ph", guide_, client_));
  before = test_db_.RowsBesideTheAccessLog();
  for (const AssignmentChange& change : {pause, resume, end}) {
    ExpectRefusedWritingNothing(repo_->ChangeAssignment(who_, a->id, std::nullopt, change).status(),
                                "ASSIGNMENT_ENDED", before);
  }
  EXPECT_EQ(repo_->ChangeAssignment(who_, NewUuid(), std::nullopt, pause).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(MatchingRepositoryTest, AssignmentsAreListedByGuideClientAndState) {
  const std::string other_client = AddClient(), other_guide = AddGuide("Toinen", 5);
  auto first = Assign(OpenReferral(client_), guide_);
  auto second = Assign(OpenReferral(other_client), other_guide);
  ASSERT_TRUE(first.ok() && second.ok());
  PageRequest page;
  page.page_size = 10;
  auto of_guide = repo_->ListAssignments(who_, {guide_, std::nullopt, std::nullopt}, page);
  ASSERT_TRUE(of_guide.ok()) << of_guide.status();
  ASSERT_EQ(of_guide->items.size(), 1u);
  EXPECT_EQ(of_guide->items[0].id, first->id);
  auto of_client = repo_->ListAssignments(who_, {std::nullopt, other_client, "ACTIVE"}, page);
  ASSERT_TRUE(of_client.ok());
  ASSERT_EQ(of_client->items.size(), 1u);
  EXPECT_EQ(of_client->items[0].id, second->id);
  EXPECT_TRUE(
      repo_->ListAssignments(who_, {std::nullopt, std::nullopt, "ENDED"}, page)->items.empty());
  page.page_size = 1;
  auto one = repo_->ListAssignments(who_, {}, page);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->items.size(), 1u);
  ASSERT_TRUE(one->next);
  page.after = one->next;
  auto rest = repo_->ListAssignments(who_, {}, page);
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_NE(rest->items[0].id, one->items[0].id);
}

TEST_F(MatchingRepositoryTest, TheSuggestionContextHoldsExclusionsAndEarlierGuides) {
  const std::string known = AddGuide("Tuttu", 5), earlier = AddGuide("Aiempi", 5),
                    rematched = AddGuide("Vaihdettu", 5);
  ASSERT_TRUE(repo_
                  ->AddExclusion(who_, Exclusion(client_, known), std::nullopt,
                                 Encode<MatchExclusionRecord>)
                  .ok());
  for (const auto& [guide, reason] : std::vector<std::pair<std::string, std::string>>{
           {earlier, "GOALS_REACHED"}, {rematched, "REMATCH"}}) {
    auto a = Assign(OpenReferral(client_), guide);
    ASSERT_TRUE(a.ok()) << a.status();
    AssignmentChange end;
    end.kind = AssignmentChange::Kind::kEnd;
    end.end_reason = reason;
    ASSERT_TRUE(repo_->ChangeAssignment(who_, a->id, std::nullopt, end).ok());
  }
  const std::string referral = OpenReferral(client_);
  auto context = repo_->LoadSuggestionContext(who_, referral, "");
  ASSERT_TRUE(context.ok()) << context.status();
  EXPECT_EQ(context->referral.id, referral);
  EXPECT_EQ(context->excluded_guide_ids, std::vector<std::string>{known});
  EXPECT_EQ(context->earlier_guide_ids, std::vector<std::string>{earlier});
  EXPECT_FALSE(context->snapshot.empty());
  // A client with neither.
  auto fresh = repo_->LoadSuggestionContext(who_, OpenReferral(AddClient()), "");
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_TRUE(fresh->excluded_guide_ids.empty());
  EXPECT_TRUE(fresh->earlier_guide_ids.empty());
  // Only an OPEN referral has suggestions.
  ASSERT_TRUE(repo_->CancelReferral(who_, referral, "x").ok());
  EXPECT_EQ(ReasonOf(repo_->LoadSuggestionContext(who_, referral, "").status()),
            "REFERRAL_NOT_OPEN");
}

TEST_F(MatchingRepositoryTest, AnyTextRoundTripsThroughReferralsAndThePool) {
  ReferralRecord r = Referral(client_);
  r.needs = AwkwardValues();
  r.languages = AwkwardValues();
  r.preferences = EveryByte();
  r.note = EveryByte();
  ASSERT_TRUE(Refer(r).ok());
  auto read = repo_->GetReferral(who_, r.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->needs, r.needs);
  EXPECT_EQ(read->languages, r.languages);
  EXPECT_EQ(read->preferences, r.preferences);
  EXPECT_EQ(read->note, r.note);
  PageRequest page;
  page.page_size = 10;
  auto listed = repo_->ListReferrals(who_, {}, page);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].needs, r.needs);
  auto context = repo_->LoadSuggestionContext(who_, r.id, "");
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->referral.languages, r.languages);
  // A guide's arrays, as the pool and the changed guides read them.
  auto pool = repo_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(pool.ok());
  const std::string odd = AddGuide("Outo", 3, "ACTIVE", AwkwardValues(), AwkwardValues());
  test_db_.Exec(
      "INSERT INTO events (org_id, kind, resource) VALUES ('ph', 'guide.updated',"
      " 'organizations/ph/guides/" +
      odd + "')");
  auto changed = repo_->LoadSuggestionContext(who_, r.id, pool->snapshot);
  ASSERT_TRUE(changed.ok()) << changed.status();
  ASSERT_EQ(changed->changed_active_guides.size(), 1u);
  EXPECT_EQ(changed->changed_active_guides[0].languages, AwkwardValues());
  EXPECT_EQ(changed->changed_active_guides[0].municipalities, AwkwardValues());
  auto again = repo_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(again.ok());
  bool found = false;
  for (const PoolGuide& g : again->guides) {
    if (g.id != odd) continue;
    found = true;
    EXPECT_EQ(g.languages, AwkwardValues());
    EXPECT_EQ(g.municipalities, AwkwardValues());
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace rinnalla::storage
