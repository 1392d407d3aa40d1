// Housekeeping through the server's own loop: request ids are forgotten 7 days after their call
// (the id may then be used again) and events once --event-retention has passed. The server's
// housekeeping clock is moved ahead; nothing here calls the pruning itself.

#include <atomic>
#include <functional>

#include "directory_fixture.h"
#include "resource_names.h"

namespace rinnalla::testing {
namespace {

class HousekeepingTest : public ::testing::Test {
 protected:
  grpc::Status CreateGuide(const std::string& name, const std::string& request_id) {
    v1::CreateGuideRequest request;
    request.set_parent(kParent);
    *request.mutable_guide() = DirectoryTestGuide(name);
    request.set_request_id(request_id);
    v1::Guide out;
    return directory_->CreateGuide(TestServer::ContextFor(kCoordinator).get(), request, &out);
  }

  long long Count(const std::string& what) {
    return server_.database().QueryNumber("SELECT count(*) FROM " + what);
  }

  // Polls `done` (the server's loop passes every 200 ms) for a generous while.
  static bool Eventually(const std::function<bool()>& done) {
    for (absl::Time until = absl::Now() + absl::Seconds(20); absl::Now() < until;) {
      if (done()) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return done();
  }

  // The loop passes every 200 ms: five passes at least.
  static constexpr absl::Duration kSeveralPasses = absl::Seconds(1);

  std::atomic<int64_t> days_ahead_{0};
  TestServer server_{[this](ServerOptions& o) {
    o.clock = [this] { return absl::Now() + absl::Hours(24) * days_ahead_.load(); };
    o.event_retention = absl::Hours(24 * 12);  // not the default 30 days
  }};
  std::unique_ptr<v1::Directory::Stub> directory_ = v1::Directory::NewStub(server_.channel());
};

TEST_F(HousekeepingTest, ARequestIdIsUsableAgainAfterSevenDaysAndEventsGoAfterTheRetention) {
  const std::string request_id = NewUuid();
  ASSERT_TRUE(CreateGuide("Aino", request_id).ok());
  grpc::Status reused = CreateGuide("Eino", request_id);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReason(reused), "REQUEST_ID_REUSED");

  // Six days on, after the loop has passed several times, the id is still remembered.
  days_ahead_ = 6;
  absl::SleepFor(kSeveralPasses);
  EXPECT_EQ(ErrorReason(CreateGuide("Eino", request_id)), "REQUEST_ID_REUSED")
      << "a request id is kept 7 days";

  // Eight days on, the loop forgets the id: another request may use it.
  days_ahead_ = 8;
  EXPECT_TRUE(Eventually([&] { return CreateGuide("Eino", request_id).ok(); }))
      << "the request id was never forgotten";
  EXPECT_EQ(Count("guides"), 2);

  // Eleven days on the events are kept (the retention is 12 days)...
  days_ahead_ = 11;
  absl::SleepFor(kSeveralPasses);
  EXPECT_EQ(Count("events"), 2) << "events are kept for --event-retention";

  // ... and thirteen days on they are pruned, long before the default 30 days.
  days_ahead_ = 13;
  EXPECT_TRUE(Eventually([&] { return Count("events") == 0; }))
      << "events were never pruned after --event-retention";
  EXPECT_EQ(Count("guides"), 2) << "pruning touches nothing else";
}

}  // namespace
}  // namespace rinnalla::testing
