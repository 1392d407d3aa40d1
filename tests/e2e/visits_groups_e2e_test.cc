// LogVisit's group commit through the server: racing calls are written together, yet each visit
// is stored once with its own call's access-log row and event; a resent request is one visit
// within a group and across groups; a refused visit refuses only its own call; and a database
// outage in the middle of groups answers nobody OK for a visit that was not committed.

#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include "held_connection.h"
#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

class VisitGroupsTest : public VisitsTest {
 protected:
  std::vector<GuideAndClient> MakeGuidances(int n) {
    std::vector<GuideAndClient> all;
    for (int i = 0; i < n; ++i) {
      all.push_back(MakeGuidance("G-" + std::to_string(i), "Opas " + std::to_string(i)));
    }
    return all;
  }
  long long LogVisitRows(const std::string& outcome) {
    return server_.database().QueryNumber(
        "SELECT count(*) FROM access_log WHERE method = '/rinnalla.v1.Visits/LogVisit'"
        " AND outcome = '" +
        outcome + "'");
  }
};

TEST_F(VisitGroupsTest, SixtyFourRacingCallsStoreEachVisitOnceAsItsOwnCall) {
  const std::vector<GuideAndClient> guidances = MakeGuidances(8);
  constexpr int kCalls = 64, kResends = 8;
  std::vector<v1::LogVisitRequest> requests;
  for (int i = 0; i < kCalls; ++i) {
    const GuideAndClient& g = guidances[i % guidances.size()];
    requests.push_back(LogRequest(g, ValidVisit(g, absl::Hours(1 + i)), NewUuid(), NewUuid()));
  }
  // 64 calls and, at the same moment, the first 8 sent again (a phone retrying): the resends may
  // share a group with their first sending or come in the next.
  std::vector<grpc::StatusCode> codes(kCalls + kResends);
  std::vector<std::string> names(kCalls + kResends);
  std::latch start(kCalls + kResends);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls + kResends; ++i) {
    callers.emplace_back([&, i] {
      const int r = i % kCalls;
      start.arrive_and_wait();
      v1::Visit out;
      codes[i] = LogVisit(guidances[r % guidances.size()].caller, requests[r], &out).error_code();
      names[i] = out.name();
    });
  }
  for (auto& t : callers) t.join();
  std::set<std::string> distinct;
  for (int i = 0; i < kCalls + kResends; ++i) {
    EXPECT_EQ(codes[i], grpc::StatusCode::OK) << i;
    distinct.insert(names[i]);
  }
  for (int i = 0; i < kResends; ++i) EXPECT_EQ(names[kCalls + i], names[i]) << i;
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kCalls));
  EXPECT_EQ(Count("visits"), kCalls);
  EXPECT_EQ(Count("visit_revisions"), kCalls);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'"), kCalls);
  EXPECT_EQ(Count("idempotency_keys"), kCalls);
  // One access-log row per call (a resend is a call too), each under its own call's request id.
  EXPECT_EQ(LogVisitRows("OK"), kCalls + kResends);
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(DISTINCT request_id) FROM access_log"
                                           " WHERE method = '/rinnalla.v1.Visits/LogVisit'"),
            kCalls + kResends);

  // Sent again later, in a group of its own: the same visit, nothing new stored.
  v1::Visit again;
  ASSERT_TRUE(LogVisit(guidances[0].caller, requests[0], &again).ok());
  EXPECT_EQ(again.name(), names[0]);
  EXPECT_EQ(Count("visits"), kCalls);
}

TEST_F(VisitGroupsTest, ARefusedVisitAmongRacingCallsRefusesOnlyItsOwnCall) {
  const std::vector<GuideAndClient> guidances = MakeGuidances(4);
  // The last guidance ended 31 days ago: its visit is past the late-sync window.
  SqlOnAssignment(guidances[3], "end_time = now() - interval '31 days'");
  constexpr int kCalls = 16;
  std::vector<grpc::Status> statuses(kCalls);
  std::latch start(kCalls);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back([&, i] {
      // Call 5 is the ended guidance's; the others are the three active ones'.
      const GuideAndClient& g = guidances[i == 5 ? 3 : i % 3];
      const absl::Duration ago = i == 5 ? absl::Hours(24 * 32) : absl::Hours(1 + i);
      const v1::LogVisitRequest request = LogRequest(g, ValidVisit(g, ago), NewUuid(), NewUuid());
      start.arrive_and_wait();
      v1::Visit out;
      statuses[i] = LogVisit(g.caller, request, &out);
    });
  }
  for (auto& t : callers) t.join();
  for (int i = 0; i < kCalls; ++i) {
    if (i == 5) {
      EXPECT_EQ(statuses[i].error_code(), grpc::StatusCode::FAILED_PRECONDITION);
      EXPECT_EQ(ErrorReason(statuses[i]), "LATE_SYNC_WINDOW_CLOSED");
    } else {
      EXPECT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    }
  }
  EXPECT_EQ(Count("visits"), kCalls - 1);
  EXPECT_EQ(Count("visits WHERE assignment_id = '" + guidances[3].assignment_id() + "'"), 0);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'"), kCalls - 1);
  EXPECT_EQ(LogVisitRows("OK"), kCalls - 1);
  EXPECT_EQ(LogVisitRows("DENIED") + LogVisitRows("ERROR"), 1);
}

TEST_F(VisitGroupsTest, AnOutageAmongGroupsAnswersNobodyOkForAVisitNotStored) {
  const std::vector<GuideAndClient> guidances = MakeGuidances(4);
  constexpr int kCallers = 32;
  std::mutex mutex;
  std::vector<std::string> stored;  // visit names answered OK
  int unavailable = 0, other_failures = 0;
  std::atomic<bool> stop{false};
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      const GuideAndClient& g = guidances[c % guidances.size()];
      for (int n = 0; !stop; ++n) {
        v1::Visit out;
        grpc::Status status = LogVisit(
            g.caller, LogRequest(g, ValidVisit(g, absl::Minutes(5 + n)), NewUuid(), NewUuid()),
            &out);
        std::lock_guard lock(mutex);
        if (status.ok()) {
          stored.push_back(out.name());
        } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
          ++unavailable;
        } else {
          ++other_failures;
        }
      }
    });
  }
  auto answered = [&] {
    std::lock_guard lock(mutex);
    return stored.size() + unavailable + other_failures;
  };
  auto met_in_flight = [&] {
    std::lock_guard lock(mutex);
    return unavailable > 0;
  };
  // Cut every connection of the server three times while groups are being written, each time
  // once calls have been answered since the last cut; more times (at most 30) until a cut has met
  // a call in flight, since a cut between two groups' transactions is healed unseen.
  HeldConnection admin(ConnectionStringFor("postgres"));
  const std::string& name = server_.database().name();
  for (int cut = 0; cut < 3 || (!met_in_flight() && cut < 30); ++cut) {
    const size_t before = answered();
    for (int i = 0; i < 20000 && answered() < before + 50; ++i) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
               "'");
  }
  const size_t before = answered();
  for (int i = 0; i < 20000 && answered() < before + 50; ++i) absl::SleepFor(absl::Milliseconds(1));
  stop = true;
  for (auto& t : callers) t.join();

  EXPECT_GT(unavailable, 0) << "the cuts met calls in flight";
  EXPECT_EQ(other_failures, 0);
  ASSERT_FALSE(stored.empty());
  // Every visit answered OK is stored.
  long long missing = 0;
  for (const std::string& visit : stored) {
    const std::string id = visit.substr(visit.rfind('/') + 1);
    missing +=
        1 - server_.database().QueryNumber("SELECT count(*) FROM visits WHERE id = '" + id + "'");
  }
  EXPECT_EQ(missing, 0);
  EXPECT_GE(Count("visits"), static_cast<long long>(stored.size()));
}

}  // namespace
}  // namespace rinnalla::testing
