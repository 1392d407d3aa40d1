// A database outage: while PostgreSQL refuses the server, calls fail fast with UNAVAILABLE (not
// at their deadline); when it is back, calls succeed again on the same server, without a restart.

#include "directory_fixture.h"
#include "held_connection.h"

namespace rinnalla::testing {
namespace {

TEST_F(DirectoryTest, CallsAreUnavailableDuringAnOutageAndSucceedAfterItWithoutARestart) {
  v1::Guide guide = MustCreateGuide("Aino Katkos");
  v1::GetGuideRequest get;
  get.set_name(guide.name());
  auto read = [&] {
    v1::Guide out;
    // A long deadline: failing fast means UNAVAILABLE long before it, never DEADLINE_EXCEEDED.
    grpc::Status status =
        stub_->GetGuide(TestServer::ContextFor(kCoordinator, absl::Seconds(30)).get(), get, &out);
    EXPECT_TRUE(!status.ok() || out.display_name() == "Aino Katkos");
    return status;
  };
  ASSERT_TRUE(read().ok());

  // The database goes away for this server: every connection is cut and no new one is let in.
  HeldConnection admin(ConnectionStringFor("postgres"));
  const std::string& name = server_.database().name();
  admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
  admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
             "'");
  for (int i = 0; i < 3; ++i) {
    grpc::Status status = read();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_EQ(status.error_message().find(name), std::string::npos) << "no infrastructure details";
  }
  v1::CreateGuideRequest create;
  create.set_parent(kParent);
  *create.mutable_guide() = ValidGuide("Eino Katkos");
  v1::Guide created;
  EXPECT_EQ(CreateGuide(kCoordinator, create, &created).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  // It is back: the broken connections are replaced and calls succeed.
  admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
  grpc::Status status = read();
  for (absl::Time until = absl::Now() + absl::Seconds(20); !status.ok() && absl::Now() < until;
       status = read()) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(CreateGuide(kCoordinator, create, &created).ok());
  EXPECT_EQ(Count("guides"), 2);
}

}  // namespace
}  // namespace rinnalla::testing
