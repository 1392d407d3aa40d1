// The visits repository against PostgreSQL: a batch is one transaction, a visit that fails
// unexpectedly does not take the batch down with it, and what was written stays as written.

#include "rinnalla/storage/visits_repository.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "every_byte.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "seed_rows.h"
#include "test_database.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

class VisitsRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    guide_ = SeedGuide(test_db_);
    for (int i = 0; i < 3; ++i) {
      const std::string client = NewUuid(), referral = NewUuid(), assignment = NewUuid();
      test_db_.Exec(absl::StrCat(
          "INSERT INTO clients (org_id, id, display_name, state) VALUES ('ph', '", client,
          "', 'Asiakas', 'ACTIVE');"
          "INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state,"
          " created_by) VALUES ('ph', '",
          referral, "', '", client,
          "', '{DEBT}', '{fi}', '398', 'MATCHED', 'x');"
          "INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state,"
          " start_time) VALUES ('ph', '",
          assignment, "', '", client, "', '", guide_, "', '", referral,
          "', 'ACTIVE', now() - interval '10 days')"));
      clients_.push_back(client);
      assignments_.push_back(assignment);
    }
  }

  NewVisit Visit(int client, const std::string& summary = "Kahvilla.") {
    NewVisit v;
    v.visit.org_id = "ph";
    v.visit.id = NewUuid();
    v.visit.client_id = clients_[client];
    v.visit.assignment_id = assignments_[client];
    v.visit.guide_id = guide_;
    v.visit.content.start_time = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()) - 3600000000);
    v.visit.content.duration_minutes = 45;
    v.visit.content.mode = "ACCOMPANIED";
    v.visit.content.places = {"KELA"};
    v.visit.content.outcomes = {{"KELA", "KEPT", {"APPLICATION_FILED"}, "CLIENT_ON_OWN", "ok"}};
    v.visit.content.summary = summary;
    return v;
  }

  CallScope Guide() const {
    CallScope scope{{"ph", "organizations/ph/guides/" + guide_, "guide",
                     "/rinnalla.v1.Visits/SyncVisits", "req-1"}};
    scope.is_guide = true;
    scope.guide_id = guide_;
    return scope;
  }
  static std::string Encode(const VisitRecord& v) { return "response:" + v.id; }

  testing::TestDatabase test_db_;
  std::unique_ptr<VisitsRepository> repo_ = MakePgVisitsRepository(test_db_.db());
  std::string guide_;
  std::vector<std::string> clients_, assignments_;
};

TEST_F(VisitsRepositoryTest, ABatchIsStoredTogetherWithItsLogRowsAndEvents) {
  std::vector<NewVisit> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(Visit(i % 3));
  auto results = repo_->LogVisits(Guide(), batch, Encode);
  ASSERT_EQ(results.size(), 30u);
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    ASSERT_TRUE(results[i]->created);
    EXPECT_EQ(results[i]->created->id, batch[i].visit.id);
    EXPECT_EQ(results[i]->created->revision, 1);
  }
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 30);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visit_revisions"), 30);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visit_place_outcomes"), 30);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'visit.created'"), 30);
  // One access-log row per client the batch touched.
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM access_log"), 3);
  // Sent again: the same visits, nothing new.
  auto again = repo_->LogVisits(Guide(), batch, Encode);
  for (const auto& r : again) ASSERT_TRUE(r.ok() && r->created);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 30);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'visit.created'"), 30);
}

TEST_F(VisitsRepositoryTest, AVisitFailingUnexpectedlyDoesNotFailItsBatch) {
  // Something no check foresees refuses one visit: the batch's transaction fails, and each visit
  // is tried alone.
  test_db_.Exec(
      "CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
      " IF NEW.summary = 'refuse me' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;"
      "CREATE TRIGGER refuse_marked BEFORE INSERT ON visits FOR EACH ROW"
      " EXECUTE FUNCTION refuse_marked()");
  std::vector<NewVisit> batch = {Visit(0), Visit(1), Visit(2, "refuse me"), Visit(0)};
  auto results = repo_->LogVisits(Guide(), batch, Encode);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  EXPECT_FALSE(results[2].ok());
  EXPECT_TRUE(results[3].ok());
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 3);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visit_revisions"), 3);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'visit.created'"), 3);
}

TEST_F(VisitsRepositoryTest, VisitsOfManyCallsAreStoredTogetherEachAsItsOwnCall) {
  // Four calls written together: each visit's access-log row and event are its own call's, and a
  // refused visit refuses only its own call.
  std::vector<CallScope> calls;
  for (int i = 0; i < 4; ++i) {
    CallScope a = Guide();
    a.method = "/rinnalla.v1.Visits/LogVisit";
    a.request_id = "call-" + std::to_string(i);
    calls.push_back(a);
  }
  std::vector<VisitsRepository::CallVisit> group;
  for (int i = 0; i < 4; ++i) group.push_back({&calls[i], Visit(i % 3)});
  // Before the day its assignment started.
  group[2].visit.visit.content.start_time = absl::Now() - absl::Hours(24 * 30);
  auto results = repo_->LogVisitsOfCalls(CallScope::Background(), group, Encode);
  ASSERT_EQ(results.size(), 4u);
  for (int i : {0, 1, 3}) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    EXPECT_EQ(results[i]->created->id, group[i].visit.visit.id);
  }
  EXPECT_EQ(results[2].status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(results[2].status()), "VISIT_OUTSIDE_ASSIGNMENT");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 3);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits WHERE id = '" +
                                 group[2].visit.visit.id + "'"),
            0);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'visit.created'"), 3);
  // One row per call, under the call's own request id.
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM access_log"), 3);
  EXPECT_EQ(test_db_.QueryText("SELECT string_agg(request_id, ',' ORDER BY request_id)"
                               " FROM access_log"),
            "call-0,call-1,call-3");
}

TEST_F(VisitsRepositoryTest, ARequestSentTwiceInOneGroupIsOneVisit) {
  CallScope first = Guide(), second = Guide();
  second.request_id = "req-2";
  const IdempotencyKey key{NewUuid(), "LogVisit", "fingerprint-a"};
  NewVisit a = Visit(0), b = Visit(0), other = Visit(1);
  a.key = key;
  b.key = key;  // the same request, its visit id made anew by the server
  other.key = IdempotencyKey{key.request_id, "LogVisit", "fingerprint-b"};  // another request
  auto results =
      repo_->LogVisitsOfCalls(first, {{&first, a}, {&second, b}, {&second, other}}, Encode);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  ASSERT_TRUE(results[1].ok()) << results[1].status();
  EXPECT_EQ(results[1]->created->id, a.visit.id);
  EXPECT_EQ(results[2].status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(results[2].status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM idempotency_keys"), 1);
  // Sent again in a later group: the first response, nothing new.
  auto again = repo_->LogVisitsOfCalls(second, {{&second, b}}, Encode);
  ASSERT_TRUE(again[0].ok());
  EXPECT_EQ(again[0]->replayed_response, "response:" + a.visit.id);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 1);
}

TEST_F(VisitsRepositoryTest, RequestIdsOfAGroupAreClaimedTogetherAndEachAnsweredAsAlone) {
  // Sent before: one request whose response is stored, and the request id another reuses.
  NewVisit earlier = Visit(0), reused_earlier = Visit(1);
  earlier.key = IdempotencyKey{NewUuid(), "LogVisit", "fingerprint-a"};
  reused_earlier.key = IdempotencyKey{NewUuid(), "LogVisit", "fingerprint-b"};
  for (const auto& r : repo_->LogVisits(Guide(), {earlier, reused_earlier}, Encode)) {
    ASSERT_TRUE(r.ok()) << r.status();
  }
  NewVisit fresh = Visit(0), again = Visit(0), reused = Visit(1), unkeyed = Visit(2),
           fresh_too = Visit(2);
  fresh.key = IdempotencyKey{NewUuid(), "LogVisit", "fingerprint-c"};
  again.key = earlier.key;  // the same request, its visit id made anew by the server
  reused.key = IdempotencyKey{reused_earlier.key->request_id, "LogVisit", "fingerprint-other"};
  fresh_too.key = IdempotencyKey{NewUuid(), "LogVisit", "fingerprint-d"};
  const std::vector<NewVisit> group = {fresh, again, reused, unkeyed, fresh_too};
  auto results = repo_->LogVisits(Guide(), group, Encode);
  ASSERT_EQ(results.size(), 5u);
  for (int i : {0, 3, 4}) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    ASSERT_TRUE(results[i]->created) << i;
    EXPECT_EQ(results[i]->created->id, group[i].visit.id);
  }
  ASSERT_TRUE(results[1].ok()) << results[1].status();
  EXPECT_FALSE(results[1]->created);
  EXPECT_EQ(results[1]->replayed_response, "response:" + earlier.visit.id);
  EXPECT_EQ(ReasonOf(results[2].status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 5);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM idempotency_keys"), 4);
  // The new claims kept their responses: sent again (each visit id made anew), each replays its
  // own.
  NewVisit fresh_again = fresh, fresh_too_again = fresh_too;
  fresh_again.visit.id = NewUuid();
  fresh_too_again.visit.id = NewUuid();
  auto replayed = repo_->LogVisits(Guide(), {fresh_too_again, fresh_again}, Encode);
  ASSERT_TRUE(replayed[0].ok() && replayed[1].ok());
  EXPECT_EQ(replayed[0]->replayed_response, "response:" + fresh_too.visit.id);
  EXPECT_EQ(replayed[1]->replayed_response, "response:" + fresh.visit.id);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM visits"), 5);
}

TEST_F(VisitsRepositoryTest, AnyTextRoundTrips) {
  const std::string text = EveryByte();
  NewVisit v = Visit(0, text);
  v.visit.content.places = {"KELA\x1fHOUSING", text, "x\x1e,y"};
  v.visit.content.outcomes = {{text,
                               "KEPT",
                               {text,
                                "a\x1f"
                                "b",
                                "{\"c\"}"},
                               "CLIENT_ON_OWN",
                               text}};
  ASSERT_TRUE(repo_->LogVisits(Guide(), {v}, Encode)[0].ok());
  absl::StatusOr<VisitRecord> read = repo_->GetVisit(Guide(), clients_[0], v.visit.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->content.summary, text);
  EXPECT_EQ(read->content.places, v.visit.content.places);
  ASSERT_EQ(read->content.outcomes.size(), 1u);
  EXPECT_EQ(read->content.outcomes[0].place, text);
  EXPECT_EQ(read->content.outcomes[0].actions, v.visit.content.outcomes[0].actions);
  EXPECT_EQ(read->content.outcomes[0].note, text);
  EXPECT_TRUE(read->content == v.visit.content);
}

TEST_F(VisitsRepositoryTest, RevisionsAndOutcomesCannotBeRewritten) {
  ASSERT_TRUE(repo_->LogVisits(Guide(), {Visit(0)}, Encode)[0].ok());
  for (const char* change :
       {"UPDATE visit_revisions SET summary = 'toisin'", "DELETE FROM visit_revisions",
        "UPDATE visit_place_outcomes SET note = 'toisin'", "DELETE FROM visit_place_outcomes"}) {
    absl::Status status =
        RunTransaction(test_db_.db(), CallScope::Background(), Isolation::kReadCommitted,
                       [&](soci::session& sql) -> absl::Status {
                         sql << change;
                         return absl::OkStatus();
                       });
    EXPECT_FALSE(status.ok()) << change;
  }
  EXPECT_EQ(
      test_db_.QueryNumber("SELECT count(*) FROM visit_revisions WHERE summary = 'Kahvilla.'"), 1);
}

}  // namespace
}  // namespace rinnalla::storage
