// The role the server runs as (`rinnalla_service`, granted by the migrations) may read and write
// what the service needs, may only add to the records kept as written, and cannot change the
// schema. Each check runs as the server's own login role, not as the tests' superuser.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "held_connection.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

using testing::HeldConnection;
using testing::TestDatabase;

constexpr char kInsufficientPrivilege[] = "42501";

// The tables whose rows may never change: those a trigger keeps append-only.
std::set<std::string> AppendOnlyTables(TestDatabase& db) {
  std::string names = db.QueryText(
      "SELECT coalesce(string_agg(DISTINCT c.relname, ',' ORDER BY c.relname), '') "
      "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
      "WHERE p.proname LIKE '%append_only'");
  std::set<std::string> tables;
  for (size_t start = 0; start < names.size();) {
    size_t end = names.find(',', start);
    if (end == std::string::npos) end = names.size();
    tables.insert(names.substr(start, end - start));
    start = end + 1;
  }
  return tables;
}

TEST(ServiceRole, TheServerLogsInWithoutSuperuserPowers) {
  TestDatabase db;
  HeldConnection server(db.server_connection_string());
  EXPECT_EQ(server.Number("SELECT count(*) FROM pg_roles WHERE rolname = current_user AND "
                          "(rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)"),
            0);
  EXPECT_EQ(server.Number("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND "
                          "tableowner = current_user"),
            0)
      << "the server owns no table, so no grant can be bypassed";
  EXPECT_EQ(server.ErrorOf("CREATE TABLE intruder (x int)"), kInsufficientPrivilege);
  EXPECT_EQ(server.ErrorOf("ALTER TABLE clients ADD COLUMN x int"), kInsufficientPrivilege);
  EXPECT_EQ(server.ErrorOf("DROP TABLE events"), kInsufficientPrivilege);
}

TEST(ServiceRole, EveryTableCanBeReadAndAddedTo) {
  TestDatabase db;
  // By oid and behind CASE: the planner may test a row before the WHERE has filtered it out.
  EXPECT_EQ(db.QueryNumber("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                           "n.oid = c.relnamespace WHERE n.nspname = 'public' AND CASE WHEN "
                           "c.relkind = 'r' AND c.relname <> 'schema_migrations' THEN NOT ("
                           "has_table_privilege('rinnalla_service', c.oid, 'SELECT') AND "
                           "has_table_privilege('rinnalla_service', c.oid, 'INSERT')) WHEN "
                           "c.relkind = 'S' THEN NOT has_sequence_privilege('rinnalla_service', "
                           "c.oid, 'USAGE') ELSE false END"),
            0);
  HeldConnection server(db.server_connection_string());
  EXPECT_GE(server.Number("SELECT count(*) FROM schema_migrations"), 8);
  EXPECT_EQ(server.ErrorOf("DELETE FROM schema_migrations"), kInsufficientPrivilege);
}

TEST(ServiceRole, TheRecordsKeptAsWrittenCannotBeChangedEvenWithoutTheirTriggers) {
  TestDatabase db;
  const std::set<std::string> append_only = AppendOnlyTables(db);
  EXPECT_EQ(append_only,
            (std::set<std::string>{"access_log", "visit_place_outcomes", "visit_revisions"}));
  for (const std::string& table : append_only) {
    for (const char* change : {"UPDATE", "DELETE", "TRUNCATE"}) {
      EXPECT_EQ(db.QueryNumber("SELECT count(*) WHERE has_table_privilege('rinnalla_service', '" +
                               table + "', '" + change + "')"),
                0)
          << change << " on " << table;
    }
  }
  // With the triggers gone, only the grants stand between the server and the access log.
  db.Exec("ALTER TABLE access_log DISABLE TRIGGER USER");
  HeldConnection server(db.server_connection_string());
  server.Exec(
      "INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, "
      "outcome, request_id) VALUES ('o', 'o', 'a', 'auditor', 'm', gen_random_uuid(), 'r', 'OK', "
      "'q')");
  EXPECT_EQ(server.ErrorOf("UPDATE access_log SET actor = 'x'"), kInsufficientPrivilege);
  EXPECT_EQ(server.ErrorOf("DELETE FROM access_log"), kInsufficientPrivilege);
  EXPECT_EQ(server.ErrorOf("TRUNCATE access_log"), kInsufficientPrivilege);
  EXPECT_EQ(db.QueryNumber("SELECT count(*) FROM access_log WHERE actor = 'a'"), 1);
}

}  // namespace
}  // namespace rinnalla::storage
