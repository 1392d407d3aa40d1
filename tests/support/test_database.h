#ifndef RINNALLA_TESTS_SUPPORT_TEST_DATABASE_H_
#define RINNALLA_TESTS_SUPPORT_TEST_DATABASE_H_

// A fresh, migrated PostgreSQL database per test, in the cluster that the environment names
// (PGHOST/PGPORT/PGUSER/PGPASSWORD, as pg_virtualenv exports them). A missing server fails the
// test; it is never skipped.

#include <memory>
#include <string>

#include "rinnalla/storage/database.h"

namespace rinnalla::testing {

class TestDatabase {
 public:
  // Creates an empty database (`migrated` false) or a copy of a migrated template.
  explicit TestDatabase(bool migrated = true);
  // Drops the database.
  ~TestDatabase();

  const std::string& name() const { return name_; }
  // As the cluster's superuser: for setting up and checking.
  const std::string& connection_string() const { return connection_string_; }
  // As the server runs in production: a login role that is a member of `rinnalla_service` and
  // has only the grants the migrations give it.
  std::string server_connection_string() const;
  // A pool on this database (opened on first use).
  storage::Database& db();

  // Runs SQL directly (libpq), for setting up and checking what tests cannot reach through the
  // API. Fails the test on error.
  void Exec(const std::string& sql);
  // The first column of the first row, as a number (fails when not exactly one row).
  long long QueryNumber(const std::string& sql);
  // The first column of the first row, as text ("" for NULL; fails when not exactly one row).
  std::string QueryText(const std::string& sql);
  // The rows of every table but the access log (which records refusals by design): what a
  // refused call must leave as it was.
  long long RowsBesideTheAccessLog();

 private:
  std::string name_;
  std::string connection_string_;
  std::unique_ptr<storage::Database> db_;
  std::string rows_query_;  // RowsBesideTheAccessLog's
};

// The libpq connection string of database `name` in the test cluster.
std::string ConnectionStringFor(const std::string& name);

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_TEST_DATABASE_H_
