// --max-concurrent-calls: calls beyond the limit are refused at once with RESOURCE_EXHAUSTED,
// while those within it are served.

#include <future>

#include "directory_fixture.h"
#include "held_connection.h"

namespace rinnalla::testing {
namespace {

TEST(CallLimit, CallsOverTheLimitAreResourceExhausted) {
  constexpr int kLimit = 8;
  constexpr int kCalls = 2 * kLimit;
  TestServer server([](ServerOptions& options) {
    options.max_concurrent_calls = kLimit;
    options.database.pool_size = 2;  // the limit, not the pool, is what runs out
  });
  auto directory = v1::Directory::NewStub(server.channel());
  // Every call waits inside the server: at a lock, or for one of the two connections.
  HeldConnection locker(server.database().connection_string());
  locker.Exec("BEGIN");
  locker.Exec("LOCK TABLE guides IN EXCLUSIVE MODE");

  std::vector<std::future<grpc::Status>> calls;
  for (int i = 0; i < kCalls; ++i) {
    calls.push_back(std::async(std::launch::async, [&, i] {
      v1::CreateGuideRequest request;
      request.set_parent(kParent);
      *request.mutable_guide() = DirectoryTestGuide("Guide " + std::to_string(i));
      v1::Guide out;
      return directory->CreateGuide(TestServer::ContextFor(kCoordinator, absl::Seconds(60)).get(),
                                    request, &out);
    }));
  }
  // The calls over the limit come back while the others still wait.
  int refused = 0;
  std::vector<bool> done(kCalls, false);
  for (absl::Time until = absl::Now() + absl::Seconds(30);
       refused < kCalls - kLimit && absl::Now() < until;) {
    for (int i = 0; i < kCalls; ++i) {
      if (done[i] || calls[i].wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
        continue;
      }
      done[i] = true;
      grpc::Status status = calls[i].get();
      EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
          << "a call finished while the table was locked: " << status.error_message();
      ++refused;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_GE(refused, kCalls - kLimit) << "no call was refused for the limit";
  locker.Exec("COMMIT");

  int served = 0;
  for (int i = 0; i < kCalls; ++i) {
    if (done[i]) continue;
    grpc::Status status = calls[i].get();
    EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED)
        << status.error_code() << " " << status.error_message();
    served += status.ok();
  }
  EXPECT_GE(served, 2) << "the calls within the limit are served";
  EXPECT_EQ(server.database().QueryNumber("SELECT count(*) FROM guides"), served);
}

}  // namespace
}  // namespace rinnalla::testing
