// rinnalla-server as an operator meets it: health, reflection, start-up errors, --help, and a
// graceful stop that lets an in-flight call finish.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <csignal>
#include <future>

#include "absl/strings/str_cat.h"
#include "directory_fixture.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "held_connection.h"
#include "process.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

TEST(Server, HealthFollowsTheDatabase) {
  TestServer server;
  auto health = Health::NewStub(server.channel());
  grpc::ClientContext check_context;
  HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&check_context, HealthCheckRequest(), &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);

  grpc::ClientContext watch_context;
  watch_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auto watch = health->Watch(&watch_context, HealthCheckRequest());
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);

  // The database stops accepting this server's connections...
  const std::string& name = server.database().name();
  HeldConnection admin(ConnectionStringFor("postgres"));
  admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
  admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);

  // ...and comes back: the server recovers without a restart.
  admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  watch_context.TryCancel();
}

TEST(Server, ServesReflection) {
  TestServer server;
  auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(server.channel());
  grpc::ClientContext context;
  auto stream = reflection->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("*");
  ASSERT_TRUE(stream->Write(request));
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::set<std::string> services;
  for (const auto& s : response.list_services_response().service()) services.insert(s.name());
  EXPECT_TRUE(services.contains("rinnalla.v1.Directory"));
  EXPECT_TRUE(services.contains("grpc.health.v1.Health"));
  stream->WritesDone();
}

TEST(ServerProcess, DrainsAnInFlightCallOnSigterm) {
  TestDatabase database;
  ChildProcess server({RINNALLA_SERVER_BINARY, "--listen=127.0.0.1:0",
                       "--database=" + database.server_connection_string(),
                       "--jwt-public-keys=" + TestPublicKeyFile(),
                       std::string("--jwt-issuer=") + kTestIssuer, "--health-interval=100ms",
                       "--drain-timeout=20s"});
  std::optional<std::string> serving = server.WaitForLine("\"event\":\"serving\"", absl::Seconds(20));
  ASSERT_TRUE(serving) << "the server did not start";
  std::string port = serving->substr(serving->find("\"port\":") + 7);
  port = port.substr(0, port.find('}'));
  auto channel = grpc::CreateChannel("127.0.0.1:" + port, grpc::InsecureChannelCredentials());
  auto directory = v1::Directory::NewStub(channel);
  auto health = Health::NewStub(channel);

  // Hold a lock so the call stays in flight inside the database.
  HeldConnection locker(database.connection_string());
  locker.Exec("BEGIN");
  locker.Exec("LOCK TABLE guides IN EXCLUSIVE MODE");
  grpc::ClientContext watch_context;
  auto watch = health->Watch(&watch_context, HealthCheckRequest());
  HealthCheckResponse status;
  ASSERT_TRUE(watch->Read(&status));

  auto in_flight = std::async(std::launch::async, [&] {
    v1::CreateGuideRequest request;
    request.set_parent(kParent);
    *request.mutable_guide() = DirectoryTestGuide();
    v1::Guide guide;
    return directory->CreateGuide(TestServer::ContextFor(kCoordinator).get(), request, &guide);
  });
  // Wait until the call is blocked on the lock, i.e. really in flight.
  for (absl::Time deadline = absl::Now() + absl::Seconds(10);
       database.QueryNumber("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            "AND query LIKE 'INSERT INTO guides%'") == 0;) {
    ASSERT_LT(absl::Now(), deadline) << "the call never reached the database";
    absl::SleepFor(absl::Milliseconds(20));
  }

  server.Signal(SIGTERM);
  ASSERT_TRUE(watch->Read(&status));
  EXPECT_EQ(status.status(), HealthCheckResponse::NOT_SERVING) << "stopping is visible to probes";
  // A probe hangs up once it has its answer; an open watch would hold the drain to its timeout.
  watch_context.TryCancel();
  locker.Exec("COMMIT");

  grpc::Status result = in_flight.get();
  EXPECT_TRUE(result.ok()) << "the in-flight call was cut: " << result.error_message();
  EXPECT_EQ(server.Wait(absl::Seconds(20)), 0);
  EXPECT_EQ(database.QueryNumber("SELECT count(*) FROM guides"), 1);
}

TEST(ServerProcess, RefusesToStartOnABehindSchemaAndNamesTheCommand) {
  TestDatabase empty(/*migrated=*/false);
  ProcessResult result = RunProcess({RINNALLA_SERVER_BINARY, "--listen=127.0.0.1:0",
                                     "--database=" + empty.connection_string(),
                                     "--jwt-public-keys=" + TestPublicKeyFile()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("rinnalla migrate"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;

  ProcessResult migrate =
      RunProcess({RINNALLA_CLI_BINARY, "migrate", "--database=" + empty.connection_string()});
  EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_NE(migrate.out.find("applied"), std::string::npos);
  ProcessResult again =
      RunProcess({RINNALLA_CLI_BINARY, "migrate", "--database=" + empty.connection_string()});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("schema is current"), std::string::npos) << again.out;
}

TEST(ServerProcess, UnreachableDatabaseIsAOneLineError) {
  ProcessResult result = RunProcess(
      {RINNALLA_SERVER_BINARY, "--database=host=127.0.0.1 port=1 dbname=x connect_timeout=2",
       "--jwt-public-keys=" + TestPublicKeyFile()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot connect to the database"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

TEST(ServerProcess, BadFlagIsAOneLineError) {
  ProcessResult result = RunProcess({RINNALLA_SERVER_BINARY, "--pool-size=many"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--pool-size"), std::string::npos) << result.err;
  ProcessResult unknown = RunProcess({RINNALLA_SERVER_BINARY, "--colour=blue"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown flag --colour"), std::string::npos) << unknown.err;
}

TEST(ServerProcess, HelpListsEveryFlag) {
  ProcessResult server = RunProcess({RINNALLA_SERVER_BINARY, "--help"});
  EXPECT_EQ(server.exit_code, 0);
  for (const char* flag : {"--listen", "--database", "--pool-size", "--pool-timeout", "--max-concurrent-calls",
                           "--drain-timeout", "--health-interval", "--jwt-public-keys",
                           "--jwt-issuer", "--jwt-audience", "--jwt-clock-skew", "--tls-cert",
                           "--tls-key", "--tls-client-ca", "--allow-insecure"}) {
    EXPECT_NE(server.out.find(flag), std::string::npos) << flag;
  }
  ProcessResult cli = RunProcess({RINNALLA_CLI_BINARY, "--help"});
  EXPECT_EQ(cli.exit_code, 0);
  for (const char* word : {"migrate", "demo-data", "--database", "--org"}) {
    EXPECT_NE(cli.out.find(word), std::string::npos) << word;
  }
}

}  // namespace
}  // namespace rinnalla::testing
