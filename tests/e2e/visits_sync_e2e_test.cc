// SyncVisits: a phone uploads its queue over a connection that may drop. One result per visit in
// order; one bad visit does not fail the others; what was read is stored even when the stream
// breaks; the queue sent again yields the same visits, none doubled.

#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"
#include "test_keys.h"
#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

class VisitsSyncTest : public VisitsTest {
 protected:
  // Sends `requests` as one stream. With `cut_after`, stops after that many: cancels the call
  // (the connection drops) or, with `cancel` false, ends the stream there; `before_cut` runs
  // just before.
  grpc::Status Sync(const Caller& caller, const std::vector<v1::LogVisitRequest>& requests,
                    v1::SyncVisitsResponse* out, int cut_after = -1, bool cancel = true,
                    const std::function<void()>& before_cut = {}) {
    grpc::ClientContext context;
    context.AddMetadata("authorization",
                        "Bearer " + TestToken(caller.org, caller.role, caller.sub));
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    auto writer = visits_->SyncVisits(&context, out);
    for (int i = 0; i < static_cast<int>(requests.size()); ++i) {
      if (i == cut_after) break;
      if (!writer->Write(requests[i])) break;
    }
    if (before_cut) before_cut();
    if (cut_after >= 0 && cancel) {
      context.TryCancel();
    } else {
      writer->WritesDone();
    }
    return writer->Finish();
  }

  // What each of the 10 bad visits of the queue is, by position.
  struct Bad {
    grpc::StatusCode code;
    std::string reason;
    std::string field;  // for INVALID_ARGUMENT
  };

  // 200 visits of g_, of which 10 are refused, each for its own reason.
  std::vector<v1::LogVisitRequest> Queue() {
    std::vector<v1::LogVisitRequest> queue;
    for (int i = 0; i < 200; ++i) {
      v1::Visit visit = i % 4 == 0 ? AccompaniedVisit(g_, absl::Minutes(10 + i))
                                   : ValidVisit(g_, absl::Minutes(10 + i));
      queue.push_back(LogRequest(g_, visit, ids_[i]));
    }
    auto v = [&](int i) { return queue[i].mutable_visit(); };
    v(7)->set_duration_minutes(0);
    SetTimestamp(absl::Now() + absl::Hours(1), v(23)->mutable_start_time());
    queue[41] = LogRequest(other_, ValidVisit(other_), ids_[41]);
    v(60)->add_goals(g_.client.name() + "/goals/" + NewUuid());
    v(88)->set_mode(v1::Visit::MODE_UNSPECIFIED);
    SetTimestamp(absl::Now() - absl::Hours(24 * 70), v(105)->mutable_start_time());
    queue[130].set_visit_id(taken_.name().substr(taken_.name().rfind('/') + 1));
    queue[151].set_visit_id("visit-151");
    v(177)->set_mode(v1::Visit::ACCOMPANIED);
    v(199)->set_assignment("organizations/helsinki/assignments/" + NewUuid());
    return queue;
  }

  const std::map<int, Bad> kBad = {
      {7, {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD", "visit.duration_minutes"}},
      {23, {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD", "visit.start_time"}},
      {41, {grpc::StatusCode::PERMISSION_DENIED, "NOT_PERMITTED", ""}},
      {60, {grpc::StatusCode::FAILED_PRECONDITION, "UNKNOWN_GOAL", ""}},
      {88, {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD", "visit.mode"}},
      {105, {grpc::StatusCode::FAILED_PRECONDITION, "VISIT_OUTSIDE_ASSIGNMENT", ""}},
      {130, {grpc::StatusCode::ALREADY_EXISTS, "VISIT_ID_IN_USE", ""}},
      {151, {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD", "visit_id"}},
      {177, {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD", "visit.place_outcomes"}},
      {199, {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD", "visit.assignment"}},
  };

  void SetUp() override {
    g_ = MakeGuidance("A-phone");
    other_ = MakeGuidance("A-not-mine", "Eino");
    taken_ = MustLog(g_, ValidVisit(g_, absl::Hours(30)));
    for (int i = 0; i < 200; ++i) ids_.push_back(NewUuid());
    queue_ = Queue();
    before_ = Count("visits");
  }

  // Every result in order: the 190 visits named by their ids, the 10 errors precisely.
  void ExpectResults(const v1::SyncVisitsResponse& response) {
    ASSERT_EQ(response.results_size(), 200);
    for (int i = 0; i < 200; ++i) {
      const v1::SyncVisitResult& r = response.results(i);
      auto bad = kBad.find(i);
      if (bad == kBad.end()) {
        ASSERT_TRUE(r.has_visit()) << i << ": " << r.error().message();
        EXPECT_EQ(r.visit().name(), g_.client.name() + "/visits/" + ids_[i]) << i;
        continue;
      }
      ASSERT_TRUE(r.has_error()) << i;
      EXPECT_EQ(r.error().code(), static_cast<int>(bad->second.code))
          << i << ": " << r.error().message();
      google::rpc::ErrorInfo info;
      ASSERT_GE(r.error().details_size(), 1) << i;
      ASSERT_TRUE(r.error().details(0).UnpackTo(&info)) << i;
      EXPECT_EQ(info.reason(), bad->second.reason) << i;
      if (!bad->second.field.empty()) {
        google::rpc::BadRequest fields;
        ASSERT_EQ(r.error().details_size(), 2) << i;
        ASSERT_TRUE(r.error().details(1).UnpackTo(&fields)) << i;
        EXPECT_EQ(fields.field_violations(0).field(), bad->second.field) << i;
      }
    }
  }

  GuideAndClient g_, other_;
  v1::Visit taken_;
  std::vector<std::string> ids_;
  std::vector<v1::LogVisitRequest> queue_;  // sent, and sent again, as it is
  long long before_ = 0;
};

TEST_F(VisitsSyncTest, TwoHundredVisitsWithTenBadOnesStore190InOrder) {
  v1::SyncVisitsResponse response;
  grpc::Status status = Sync(g_.caller, queue_, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ExpectResults(response);
  EXPECT_EQ(Count("visits") - before_, 190);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'") - before_, 190);
  // The refused client's log shows the attempt; the guide's client one row per batch written.
  EXPECT_EQ(
      Count("access_log WHERE outcome = 'DENIED' AND client_id = '" + other_.client_id() + "'"), 1);
}

TEST_F(VisitsSyncTest, AStreamCutAfter120AndSentAgainWholeStoresEachVisitOnce) {
  // The good visits of the queue in order, as one SQL array, and a query that counts the stored
  // ones if they are the first n of them (-1 if there is a gap), in one snapshot.
  std::vector<std::string> good;
  for (int i = 0; i < 200; ++i) {
    if (!kBad.contains(i)) good.push_back(ids_[i]);
  }
  const std::string first_n_stored = absl::StrCat(
      "SELECT CASE WHEN count(*) = coalesce(max(q.p), 0) THEN count(*) ELSE -1 END"
      " FROM visits v JOIN unnest(CAST('{",
      absl::StrJoin(good, ","), "}' AS uuid[])) WITH ORDINALITY AS q(id, p) ON v.id = q.id");
  // Before the drop, the server has read at least the first two batches and stored them.
  long long stored_before_cut = 0;
  auto batches_stored = [&] {
    for (absl::Time until = absl::Now() + absl::Seconds(20);
         (stored_before_cut = server_.database().QueryNumber(first_n_stored)) < 90 &&
         stored_before_cut >= 0 && absl::Now() < until;) {
      absl::SleepFor(absl::Milliseconds(20));
    }
  };
  v1::SyncVisitsResponse cut;
  grpc::Status status =
      Sync(g_.caller, queue_, &cut, /*cut_after=*/120, /*cancel=*/true, batches_stored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_GE(stored_before_cut, 90) << "what the server read before the drop is stored";
  // Whatever it read after that is stored too, or not at all: never a gap, never more than sent.
  const long long stored = server_.database().QueryNumber(first_n_stored);
  EXPECT_GE(stored, stored_before_cut);
  EXPECT_LE(stored, 114) << "the first 120 hold 114 good visits";

  v1::SyncVisitsResponse again;
  status = Sync(g_.caller, queue_, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ExpectResults(again);
  EXPECT_EQ(Count("visits") - before_, 190);
  EXPECT_EQ(Count("visit_revisions") - before_, 190);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'") - before_, 190);
}

TEST_F(VisitsSyncTest, AStreamEndedEarlyAndSentAgainWholeStoresEachVisitOnce) {
  v1::SyncVisitsResponse first;
  grpc::Status status = Sync(g_.caller, queue_, &first, /*cut_after=*/100, /*cancel=*/false);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(first.results_size(), 100);
  EXPECT_EQ(Count("visits") - before_, 95) << "the first 100 hold 5 of the bad ones";

  v1::SyncVisitsResponse again;
  ASSERT_TRUE(Sync(g_.caller, queue_, &again).ok());
  ExpectResults(again);
  for (int i = 0; i < 100; ++i) {
    if (first.results(i).has_visit()) {
      EXPECT_EQ(again.results(i).visit().SerializeAsString(),
                first.results(i).visit().SerializeAsString())
          << i << ": the same visit, as first stored";
    }
  }
  EXPECT_EQ(Count("visits") - before_, 190);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'") - before_, 190);
}

TEST_F(VisitsSyncTest, AVisitTwiceInOneQueueIsStoredOnce) {
  const v1::LogVisitRequest visit = LogRequest(g_, AccompaniedVisit(g_), ids_[0]);
  v1::Visit changed_visit = ValidVisit(g_);
  const v1::LogVisitRequest changed = LogRequest(g_, changed_visit, ids_[0]);
  v1::SyncVisitsResponse response;
  ASSERT_TRUE(Sync(g_.caller, {visit, visit, changed}, &response).ok());
  ASSERT_EQ(response.results_size(), 3);
  ASSERT_TRUE(response.results(0).has_visit());
  ASSERT_TRUE(response.results(1).has_visit());
  EXPECT_EQ(response.results(1).visit().name(), response.results(0).visit().name());
  ASSERT_TRUE(response.results(2).has_error());
  EXPECT_EQ(response.results(2).error().code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Count("visits") - before_, 1);
  EXPECT_EQ(Count("visit_place_outcomes"), 2);
}

TEST_F(VisitsSyncTest, LogVisitAndSyncVisitsShareRequestIds) {
  const v1::LogVisitRequest request = LogRequest(g_, ValidVisit(g_), "", NewUuid());
  v1::Visit alone;
  ASSERT_TRUE(LogVisit(g_.caller, request, &alone).ok());
  // The phone did not hear back and put the same request in its next sync.
  v1::SyncVisitsResponse response;
  ASSERT_TRUE(Sync(g_.caller, {request}, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).visit().SerializeAsString(), alone.SerializeAsString());
  // Another request under the same request id is refused.
  v1::LogVisitRequest other = request;
  other.mutable_visit()->set_duration_minutes(15);
  ASSERT_TRUE(Sync(g_.caller, {other}, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).error().code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Count("visits") - before_, 1);
}

TEST_F(VisitsSyncTest, ASyncCarriesAtMost500VisitsAndKeepsWhatItRead) {
  std::vector<v1::LogVisitRequest> queue;
  for (int i = 0; i < 501; ++i) {
    queue.push_back(LogRequest(g_, ValidVisit(g_, absl::Minutes(10 + i)), NewUuid()));
  }
  v1::SyncVisitsResponse response;
  grpc::Status status = Sync(g_.caller, queue, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(ErrorReason(status), "SYNC_TOO_LONG");
  EXPECT_EQ(Count("visits") - before_, 500);
}

}  // namespace
}  // namespace rinnalla::testing
