#include "test_database.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fingerprint.h"
#include "resource_names.h"
#include "rinnalla/storage/migrations.h"

namespace rinnalla::testing {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

Connection Connect(const std::string& conninfo) {
  Connection conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot reach the test PostgreSQL (run the tests through tests/run.sh): "
                  << PQerrorMessage(conn.get());
    std::abort();
  }
  return conn;
}

Result Run(PGconn* conn, const std::string& sql) {
  Result result(PQexec(conn, sql.c_str()), &PQclear);
  ExecStatusType status = PQresultStatus(result.get());
  EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
      << sql << "\n"
      << PQresultErrorMessage(result.get());
  return result;
}

// The template's name follows the migrations' checksums, so a changed migration gets a new one.
std::string TemplateName() {
  std::vector<std::string> sums;
  for (const auto& m : storage::BundledMigrations()) sums.push_back(storage::MigrationChecksum(m));
  return "rinnalla_template_" + Sha256Hex(absl::StrJoin(sums, ",")).substr(0, 12);
}

constexpr char kServerRole[] = "rinnalla_test_server";
constexpr char kServerPassword[] = "rinnalla-test-server";

}  // namespace

std::string ConnectionStringFor(const std::string& name) { return absl::StrCat("dbname=", name); }

TestDatabase::TestDatabase(bool migrated)
    : name_("rinnalla_test_" + NewUuid().substr(0, 8)),
      connection_string_(ConnectionStringFor(name_)) {
  Connection admin = Connect(ConnectionStringFor("postgres"));
  // One creator at a time: the template is built once and then copied.
  Run(admin.get(), "SELECT pg_advisory_lock(4242)");
  const std::string template_name = TemplateName();
  Result exists = Run(admin.get(), absl::StrCat("SELECT 1 FROM pg_database WHERE datname = '",
                                                template_name, "'"));
  if (PQntuples(exists.get()) == 0) {
    Run(admin.get(), absl::StrCat("CREATE DATABASE ", template_name));
    auto db = storage::Database::Connect(
        {.connection_string = ConnectionStringFor(template_name), .pool_size = 1});
    EXPECT_TRUE(db.ok()) << db.status();
    auto applied = storage::ApplyMigrations(**db, storage::BundledMigrations());
    EXPECT_TRUE(applied.ok()) << applied.status();
  }
  // The server's login role, as an operator makes it: a member of the role the migrations grant.
  Run(admin.get(), absl::StrCat("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '",
                                kServerRole, "') THEN CREATE ROLE ", kServerRole,
                                " LOGIN PASSWORD '", kServerPassword,
                                "' IN ROLE rinnalla_service; END IF; END $$"));
  Run(admin.get(), migrated ? absl::StrCat("CREATE DATABASE ", name_, " TEMPLATE ", template_name)
                            : absl::StrCat("CREATE DATABASE ", name_));
  Run(admin.get(), "SELECT pg_advisory_unlock(4242)");
}

std::string TestDatabase::server_connection_string() const {
  return absl::StrCat(connection_string_, " user=", kServerRole, " password=", kServerPassword);
}

// Dropped when the test ends, so a run does not leave hundreds of copies behind in the cluster.
// FORCE ends what still holds a connection (a server's listener, a pool closed a moment late).
TestDatabase::~TestDatabase() {
  db_.reset();
  Connection admin = Connect(ConnectionStringFor("postgres"));
  Run(admin.get(), absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
}

storage::Database& TestDatabase::db() {
  if (db_ == nullptr) {
    auto db = storage::Database::Connect({.connection_string = connection_string_, .pool_size = 4});
    if (!db.ok()) {
      ADD_FAILURE() << db.status();
      std::abort();
    }
    db_ = *std::move(db);
  }
  return *db_;
}

void TestDatabase::Exec(const std::string& sql) {
  Connection conn = Connect(connection_string_);
  Run(conn.get(), sql);
}

long long TestDatabase::QueryNumber(const std::string& sql) {
  Connection conn = Connect(connection_string_);
  Result result = Run(conn.get(), sql);
  if (PQntuples(result.get()) != 1) {
    ADD_FAILURE() << "expected one row from: " << sql;
    return -1;
  }
  return std::stoll(PQgetvalue(result.get(), 0, 0));
}

std::string TestDatabase::QueryText(const std::string& sql) {
  Connection conn = Connect(connection_string_);
  Result result = Run(conn.get(), sql);
  if (PQntuples(result.get()) != 1) {
    ADD_FAILURE() << "expected one row from: " << sql;
    return "";
  }
  return PQgetvalue(result.get(), 0, 0);
}

long long TestDatabase::RowsBesideTheAccessLog() {
  // One sum of plain counts, its text made once from the catalog: cheap enough to run around
  // every call of a fuzz run.
  if (rows_query_.empty()) {
    Connection conn = Connect(connection_string_);
    Result tables = Run(conn.get(),
                        "SELECT string_agg(format('(SELECT count(*) FROM %I)', tablename), ' + ') "
                        "FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'access_log'");
    rows_query_ = std::string("SELECT ") + PQgetvalue(tables.get(), 0, 0);
  }
  return QueryNumber(rows_query_);
}

}  // namespace rinnalla::testing
