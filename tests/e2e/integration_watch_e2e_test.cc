// WatchEvents end to end: every change of the organization, in order, exactly once, live while
// many callers write; resuming from a cursor; expired cursors; the stream's endings.

#include <csignal>
#include <set>
#include <thread>

#include "integration_fixture.h"
#include "process.h"
#include "rinnalla/storage/event_feed.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

// A feed hands out only what every open write transaction of the cluster has left behind, so
// tests writing in parallel would hold these back: ctest runs this fixture's tests alone
// (RUN_SERIAL, tests/e2e/CMakeLists.txt).
class IntegrationWatchTest : public IntegrationTest {};

std::vector<std::string> KindsOf(const std::vector<v1::Event>& events) {
  std::vector<std::string> kinds;
  for (const v1::Event& e : events) kinds.push_back(e.kind());
  return kinds;
}

TEST_F(IntegrationWatchTest, EveryChangeOfTheOrganizationInOrderAndNoPersonalData) {
  v1::Guide guide = MakeGuide("Aino Ohjaaja", {v1::DEBT});
  v1::Client client = MustCreateClient("W-1");
  v1::Referral referral = Refer(client);
  v1::Assignment assignment;
  ASSERT_TRUE(Assign(referral, guide, &assignment).ok());
  // Another organization's change is not in this feed.
  v1::CreateGuideRequest other;
  other.set_parent("organizations/helsinki");
  *other.mutable_guide() = ValidGuide("Muu");
  v1::Guide ignored;
  ASSERT_TRUE(CreateGuide(kOtherCoordinator, other, &ignored).ok());

  Watch watch(*integration_, WatchFrom());
  std::vector<v1::Event> events = watch.Take(6);
  EXPECT_EQ(KindsOf(events),
            (std::vector<std::string>{"guide.created", "client.created", "referral.created",
                                      "assignment.created", "referral.updated", "guide.updated"}));
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[0].resource(), guide.name());
  EXPECT_EQ(events[1].resource(), client.name());
  EXPECT_EQ(events[3].resource(), assignment.name());
  std::set<std::string> cursors;
  for (const v1::Event& e : events) {
    cursors.insert(e.cursor());
    EXPECT_TRUE(e.has_time());
    std::string text = e.DebugString();
    EXPECT_EQ(text.find("Ohjaaja"), std::string::npos) << "events carry no names: " << text;
    EXPECT_EQ(text.find("Meikäläinen"), std::string::npos) << text;
  }
  EXPECT_EQ(events[5].resource(), guide.name());
  EXPECT_EQ(cursors.size(), 6u);
}

TEST_F(IntegrationWatchTest, ALiveWatcherGetsEveryEventOfManyWritersExactlyOnce) {
  constexpr int kWriters = 8, kClientsEach = 25;
  Watch watch(*integration_, WatchFrom("", {"client.created"}));
  std::vector<std::thread> writers;
  std::vector<std::vector<std::string>> created(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kClientsEach; ++i) {
        // Half through the Directory, half through imports: every path writes the feed.
        if (i % 2 == 0) {
          created[w].push_back(MustCreateClient(absl::StrCat("L-", w, "-", i)).name());
        } else {
          v1::ImportClientsResponse out;
          ASSERT_TRUE(
              ImportWith(*integration_, {ImportOf(absl::StrCat("L-", w, "-", i))}, &out).ok());
          created[w].push_back(out.results(0).client());
        }
      }
    });
  }
  std::vector<v1::Event> events = watch.Take(kWriters * kClientsEach);
  for (std::thread& t : writers) t.join();
  ASSERT_EQ(events.size(), static_cast<size_t>(kWriters * kClientsEach))
      << watch.status.error_message();
  std::set<std::string> received;
  for (const v1::Event& e : events) {
    EXPECT_EQ(e.kind(), "client.created");
    EXPECT_TRUE(received.insert(e.resource()).second) << "twice: " << e.resource();
  }
  for (const auto& of_writer : created) {
    for (const std::string& name : of_writer) EXPECT_TRUE(received.contains(name)) << name;
  }
}

TEST_F(IntegrationWatchTest, AConsumerResumesFromItsCursorAfterADisconnect) {
  for (int i = 0; i < 10; ++i) MustCreateClient(absl::StrCat("R-", i));
  std::vector<v1::Event> before;
  {
    Watch watch(*integration_, WatchFrom());
    before = watch.Take(4);
    watch.Cancel();  // the connection drops
  }
  ASSERT_EQ(before.size(), 4u);
  for (int i = 10; i < 15; ++i) MustCreateClient(absl::StrCat("R-", i));

  Watch resumed(*integration_, WatchFrom(before.back().cursor()));
  std::vector<v1::Event> after = resumed.Take(11);
  ASSERT_EQ(after.size(), 11u);
  std::set<std::string> all;
  for (const auto* part : {&before, &after}) {
    for (const v1::Event& e : *part) EXPECT_TRUE(all.insert(e.resource()).second) << e.resource();
  }
  EXPECT_EQ(all.size(), 15u);
  EXPECT_EQ(Count("clients"), 15);
}

TEST_F(IntegrationWatchTest, KindsChooseWhatToFollow) {
  v1::Client client = MustCreateClient("K-1");
  Refer(client);
  MustCreateClient("K-2");
  Refer(client);
  Watch watch(*integration_, WatchFrom("", {"referral"}));
  std::vector<v1::Event> events = watch.Take(2);
  EXPECT_EQ(KindsOf(events), (std::vector<std::string>{"referral.created", "referral.created"}));
}

TEST_F(IntegrationWatchTest, BadWatchRequestsNameTheirField) {
  const std::vector<std::pair<v1::WatchEventsRequest, std::string>> bad = {
      {WatchFrom("not-a-cursor"), "after_cursor"},
      {WatchFrom("", {"Client"}), "kinds[0]"},
      {[] {
         v1::WatchEventsRequest r = WatchFrom();
         r.set_parent("organizations/");
         return r;
       }(),
       "parent"},
  };
  for (const auto& [request, field] : bad) {
    Watch watch(*integration_, request);
    EXPECT_FALSE(watch.Next().has_value());
    EXPECT_EQ(watch.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(ViolatedFields(watch.status), std::set<std::string>{field});
  }
}

TEST_F(IntegrationWatchTest, ACursorOlderThanTheRetentionIsExpired) {
  for (int i = 0; i < 3; ++i) MustCreateClient(absl::StrCat("E-", i));
  std::vector<v1::Event> events = Watch(*integration_, WatchFrom()).Take(3);
  ASSERT_EQ(events.size(), 3u);
  server_.database().Exec(
      "UPDATE events SET time = now() - interval '40 days'"
      " WHERE seq IN (SELECT seq FROM events ORDER BY seq LIMIT 2)");
  // The server's own housekeeping may prune them first; either way they go.
  ASSERT_TRUE(storage::MakePgEventFeed(server_.database().db())
                  ->Prune(storage::CallScope::Background(), absl::Hours(24 * 30))
                  .ok());
  ASSERT_EQ(Count("events"), 1);

  Watch expired(*integration_, WatchFrom(events[0].cursor()));
  EXPECT_FALSE(expired.Next().has_value());
  EXPECT_EQ(expired.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(expired.status), "CURSOR_EXPIRED");

  Watch fine(*integration_, WatchFrom(events[1].cursor()));
  std::optional<v1::Event> next = fine.Next();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->resource(), events[2].resource());
}

TEST_F(IntegrationWatchTest, AWatchEndsWhenItsTokenExpires) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + TestToken(kIntegration.org, kIntegration.role,
                                                              kIntegration.sub, absl::Seconds(2)));
  Watch watch(*integration_, WatchFrom(), kIntegration, std::move(context));
  EXPECT_FALSE(watch.Next().has_value());
  EXPECT_EQ(watch.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ErrorReason(watch.status), "TOKEN_EXPIRED");
}

TEST_F(IntegrationWatchTest, StoppingTheServerEndsWatchesAtOnceForThemToReconnect) {
  MustCreateClient("S-1");
  Watch watch(*integration_, WatchFrom());
  ASSERT_TRUE(watch.Next().has_value());
  std::thread stop([&] { server_.server().Shutdown(); });
  EXPECT_FALSE(watch.Next().has_value());
  stop.join();
  // A watch held until the drain timeout would be cut by the server's forced cancel, without
  // this reason: the reason shows the stop ended it (no wall clock needed).
  EXPECT_EQ(watch.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ErrorReason(watch.status), "SERVER_STOPPING");
}

TEST_F(IntegrationWatchTest, TheCliImportsAndFollowsTheFeed) {
  const std::string token = TestToken(kIntegration.org, kIntegration.role, kIntegration.sub);
  const std::vector<std::string> call = {RINNALLA_CLI_BINARY, "call",    "--server",
                                         server_.address(),   "--token", token};
  std::vector<std::string> import = call;
  import.push_back("Integration/ImportClients");
  import.push_back(R"([{"parent":"organizations/paijat-hame","client":{"displayName":"Aino",)"
                   R"("externalRefs":[{"system":"apotti","id":"CLI-1"}]}},)"
                   R"({"parent":"organizations/paijat-hame","client":{"displayName":"Eino",)"
                   R"("externalRefs":[{"system":"apotti","id":"CLI-2"}]}}])");
  ProcessResult imported = RunProcess(import);
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find(R"("createdCount": 2)"), std::string::npos) << imported.out;

  std::vector<std::string> watch = call;
  watch.push_back("Integration/WatchEvents");
  watch.push_back(R"({"parent":"organizations/paijat-hame","kinds":["client"]})");
  ChildProcess follower(watch);
  std::optional<std::string> first = follower.WaitForLine("client.created", absl::Seconds(10));
  ASSERT_TRUE(first.has_value());
  EXPECT_NE(first->find(R"("cursor":")"), std::string::npos) << "one JSON line per event";
  MustCreateClient("CLI-3");
  EXPECT_TRUE(follower.WaitForLine("client.created", absl::Seconds(10)).has_value());
  EXPECT_TRUE(follower.WaitForLine("client.created", absl::Seconds(10)).has_value())
      << "the one created while following";
  follower.Signal(SIGINT);
  EXPECT_TRUE(follower.Wait(absl::Seconds(10)).has_value());
}

}  // namespace
}  // namespace rinnalla::testing
