// A call's deadline bounds its SQL end to end: the server's statement ends with the call, even
// while the row it waits for stays locked, and nothing of it is left running in the database.

#include <future>

#include "directory_fixture.h"
#include "held_connection.h"

namespace rinnalla::testing {
namespace {

// Statements of this database, other than the asking one, that wait for a lock.
long long LockWaiters(HeldConnection& watcher) {
  return watcher.Number(
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
      " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
}

TEST_F(DirectoryTest, ADeadlineOf300MsEndsTheCallsStatementWhileTheRowStaysLocked) {
  v1::Guide guide = MustCreateGuide("Aino Lukittu");
  TestDatabase& database = server_.database();
  HeldConnection locker(database.connection_string());
  HeldConnection watcher(database.connection_string());
  locker.Exec("BEGIN");
  locker.Exec("SELECT 1 FROM guides FOR UPDATE");

  v1::UpdateGuideRequest request;
  *request.mutable_guide() = guide;
  request.mutable_guide()->set_display_name("Aino Muutettu");
  request.mutable_update_mask()->add_paths("display_name");
  // On a loaded machine the call may spend its 300 ms before reaching the database; try again
  // until one was seen waiting for the lock there.
  bool reached_the_database = false;
  absl::Time started;
  for (int attempt = 0; attempt < 10 && !reached_the_database; ++attempt) {
    started = absl::Now();
    auto call = std::async(std::launch::async, [&] {
      v1::Guide out;
      return stub_->UpdateGuide(TestServer::ContextFor(kCoordinator, absl::Milliseconds(300)).get(),
                                request, &out);
    });
    while (call.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready) {
      reached_the_database = reached_the_database || LockWaiters(watcher) > 0;
    }
    EXPECT_EQ(call.get().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  }
  ASSERT_TRUE(reached_the_database) << "no call reached the locked row";

  // The lock is still held: only the statement's own timeout can have ended it.
  long long waiting = LockWaiters(watcher);
  for (absl::Time until = absl::Now() + absl::Seconds(10); waiting > 0 && absl::Now() < until;
       waiting = LockWaiters(watcher)) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(waiting, 0) << "the server's statement outlived the call's deadline";
  // Its statement_timeout is what is left of the 300 ms; two seconds leave room for a loaded
  // machine, and none for a statement that waited for the lock to go.
  EXPECT_LT(absl::Now() - started, absl::Seconds(2))
      << "the statement ended long after the call's deadline";
  locker.Exec("ROLLBACK");
  EXPECT_EQ(Count("guides WHERE display_name = 'Aino Lukittu'"), 1) << "nothing was written";
}

}  // namespace
}  // namespace rinnalla::testing
