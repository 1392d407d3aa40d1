// One service per deployment (--services): a server runs only what it is asked to, answers
// health per service name, opens the feed's LISTEN connection only where Integration runs, and
// refuses to start on an unknown name or on a schema newer than it knows.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>

#include "directory_fixture.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "process.h"
#include "rinnalla/v1/matching.grpc.pb.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// The health of `service` ("" for the server), or the call's status code when not OK.
std::variant<HealthCheckResponse::ServingStatus, grpc::StatusCode> HealthOf(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service) {
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::ClientContext context;
  grpc::Status status = Health::NewStub(channel)->Check(&context, request, &response);
  if (!status.ok()) return status.error_code();
  return response.status();
}

constexpr char kListening[] =
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND query LIKE 'LISTEN %'";

TEST(OneService, DirectoryServesDirectoryAndAnswersUnimplementedForMatching) {
  TestServer server([](ServerOptions& o) { o.services = "directory"; });
  v1::ListGuidesRequest guides;
  guides.set_parent(kParent);
  v1::ListGuidesResponse listed;
  grpc::Status directory =
      v1::Directory::NewStub(server.channel())
          ->ListGuides(TestServer::ContextFor(kCoordinator).get(), guides, &listed);
  EXPECT_TRUE(directory.ok()) << directory.error_message();

  v1::ListReferralsRequest referrals;
  referrals.set_parent(kParent);
  v1::ListReferralsResponse none;
  grpc::Status matching =
      v1::Matching::NewStub(server.channel())
          ->ListReferrals(TestServer::ContextFor(kCoordinator).get(), referrals, &none);
  EXPECT_EQ(matching.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(server.database().QueryNumber("SELECT count(*) FROM referrals"), 0);
}

TEST(OneService, HealthAnswersPerServiceName) {
  TestServer server([](ServerOptions& o) { o.services = "directory,visits"; });
  using Answer = std::variant<HealthCheckResponse::ServingStatus, grpc::StatusCode>;
  EXPECT_EQ(HealthOf(server.channel(), ""), Answer(HealthCheckResponse::SERVING));
  EXPECT_EQ(HealthOf(server.channel(), "rinnalla.v1.Directory"),
            Answer(HealthCheckResponse::SERVING));
  EXPECT_EQ(HealthOf(server.channel(), "rinnalla.v1.Visits"), Answer(HealthCheckResponse::SERVING));
  EXPECT_EQ(HealthOf(server.channel(), "rinnalla.v1.Matching"),
            Answer(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(HealthOf(server.channel(), "rinnalla.v1.Integration"),
            Answer(grpc::StatusCode::NOT_FOUND));
}

// Runs `sql` on a connection of its own; returns the first value of the first row.
std::string AdminQuery(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* result = PQexec(conn, sql.c_str());
  EXPECT_TRUE(PQresultStatus(result) == PGRES_TUPLES_OK ||
              PQresultStatus(result) == PGRES_COMMAND_OK)
      << PQresultErrorMessage(result);
  std::string value = PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
  PQclear(result);
  PQfinish(conn);
  return value;
}

TEST(OneService, ReadinessFollowsTheDatabaseAndLivenessDoesNot) {
  TestServer server([](ServerOptions& o) { o.services = "directory"; });
  using Answer = std::variant<HealthCheckResponse::ServingStatus, grpc::StatusCode>;
  const std::string name =
      AdminQuery(server.database().connection_string(), "SELECT current_database()");
  const std::string admin = ConnectionStringFor("postgres");
  auto wait_for = [&](const std::string& service, Answer want) {
    Answer got;
    for (absl::Time deadline = absl::Now() + absl::Seconds(20);
         (got = HealthOf(server.channel(), service)) != want && absl::Now() < deadline;) {
      absl::SleepFor(absl::Milliseconds(20));
    }
    return got == want;
  };
  EXPECT_EQ(HealthOf(server.channel(), "liveness"), Answer(HealthCheckResponse::SERVING));

  // The database refuses the server: every connection cut, none accepted.
  AdminQuery(admin, "ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS false");
  AdminQuery(admin,
             "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                 name + "'");
  EXPECT_TRUE(wait_for("", HealthCheckResponse::NOT_SERVING));
  EXPECT_EQ(HealthOf(server.channel(), "rinnalla.v1.Directory"),
            Answer(HealthCheckResponse::NOT_SERVING));
  EXPECT_EQ(HealthOf(server.channel(), "liveness"), Answer(HealthCheckResponse::SERVING));

  // Back again, without a restart.
  AdminQuery(admin, "ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS true");
  EXPECT_TRUE(wait_for("rinnalla.v1.Directory", HealthCheckResponse::SERVING));
  EXPECT_EQ(HealthOf(server.channel(), ""), Answer(HealthCheckResponse::SERVING));
}

TEST(OneService, EveryServiceIsTheDefault) {
  TestServer server;
  for (const char* name : {"rinnalla.v1.Directory", "rinnalla.v1.Matching", "rinnalla.v1.Meetings",
                           "rinnalla.v1.Visits", "rinnalla.v1.Notes", "rinnalla.v1.Integration",
                           "rinnalla.v1.Audit"}) {
    EXPECT_EQ(HealthOf(server.channel(), name),
              (std::variant<HealthCheckResponse::ServingStatus, grpc::StatusCode>(
                  HealthCheckResponse::SERVING)))
        << name;
  }
}

TEST(OneService, TheFeedListensOnlyWhereIntegrationRuns) {
  TestServer directory([](ServerOptions& o) { o.services = "directory,matching,visits"; });
  EXPECT_EQ(directory.database().QueryNumber(kListening), 0);

  TestServer integration([](ServerOptions& o) { o.services = "integration"; });
  long long listening = 0;
  for (absl::Time deadline = absl::Now() + absl::Seconds(20);
       (listening = integration.database().QueryNumber(kListening)) == 0 &&
       absl::Now() < deadline;) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(listening, 1);
}

TEST(OneServiceProcess, AnUnknownServiceIsRefusedInOneLine) {
  TestDatabase database;
  ProcessResult result = RunProcess(
      {RINNALLA_SERVER_BINARY, "--listen=127.0.0.1:0", "--database=" + database.connection_string(),
       "--jwt-public-keys=" + TestPublicKeyFile(), "--services=directory,billing"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("unknown service \"billing\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("directory, matching, meetings, visits, notes, integration, audit"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(result.out.find("\"event\":\"serving\""), std::string::npos);
}

TEST(OneServiceProcess, RefusesToStartOnANewerSchema) {
  TestDatabase database;
  // A later release migrated this database: the server does not know that version.
  database.Exec(
      "INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'later', 'x')");
  ProcessResult result = RunProcess({RINNALLA_SERVER_BINARY, "--listen=127.0.0.1:0",
                                     "--database=" + database.server_connection_string(),
                                     "--jwt-public-keys=" + TestPublicKeyFile()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("migration 9999"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("run a newer Rinnalla"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(result.out.find("\"event\":\"serving\""), std::string::npos);
}

}  // namespace
}  // namespace rinnalla::testing
