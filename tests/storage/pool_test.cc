// The connection pool, transactions and the SQLSTATE mapping, against a real PostgreSQL.

#include <gtest/gtest.h>

#include <thread>

#include "pool.h"
#include "sql_error.h"
#include "test_database.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

using testing::TestDatabase;

TEST(SqlState, MapsToStatusCodes) {
  EXPECT_EQ(StatusFromSqlState("23505").code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromSqlState("23503").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StatusFromSqlState("23502").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusFromSqlState("23514").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusFromSqlState("40001").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(StatusFromSqlState("40P01").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(StatusFromSqlState("57014").code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(StatusFromSqlState("08006").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(StatusFromSqlState("57P01").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(StatusFromSqlState("42P01").code(), absl::StatusCode::kInternal);
}

TEST(Pool, UnreachableDatabaseIsUnavailable) {
  auto db = Database::Connect(
      {.connection_string = "host=127.0.0.1 port=1 dbname=x connect_timeout=2", .pool_size = 1});
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable);
}

TEST(Pool, LeaseTimesOutAsUnavailable) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(),
                               .pool_size = 1,
                               .lease_timeout = absl::Milliseconds(100)});
  ASSERT_TRUE(db.ok());
  auto held = (*db)->pool().Acquire();
  ASSERT_TRUE(held.ok());
  EXPECT_EQ((*db)->Ping().code(), absl::StatusCode::kUnavailable);
}

TEST(Pool, BrokenConnectionIsReplacedNotReused) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Ping().ok());
  // Kill the pool's only backend from outside, as a database restart would.
  test_db.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  EXPECT_EQ((*db)->Ping().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE((*db)->Ping().ok()) << "the broken connection should have been replaced";
}

TEST(Transaction, DeadlineBoundsTheStatement) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  ScopedDeadline deadline(absl::Now() + absl::Milliseconds(200));
  absl::Status status = RunTransaction(**db, Isolation::kReadCommitted, [](soci::session& sql) {
    sql << "SELECT pg_sleep(5)";
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(Transaction, PassedDeadlineNeverReachesTheDatabase) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  ScopedDeadline deadline(absl::Now() - absl::Seconds(1));
  bool ran = false;
  absl::Status status = RunTransaction(**db, Isolation::kReadCommitted, [&](soci::session&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(ran);
}

TEST(Transaction, ErrorStatusRollsBack) {
  TestDatabase test_db;
  test_db.Exec("CREATE TABLE t (x int)");
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  absl::Status status = RunTransaction(**db, Isolation::kReadCommitted, [](soci::session& sql) {
    sql << "INSERT INTO t VALUES (1)";
    return absl::FailedPreconditionError("changed my mind");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM t"), 0);
}

TEST(Transaction, SerializationFailuresAreRetried) {
  TestDatabase test_db;
  test_db.Exec("CREATE TABLE counter (n int); INSERT INTO counter VALUES (0)");
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 8});
  ASSERT_TRUE(db.ok());
  constexpr int kWriters = 8;
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      results[i] = RunTransaction(**db, Isolation::kSerializable, [](soci::session& sql) {
        int n = 0;
        sql << "SELECT n FROM counter", soci::into(n);
        sql << "UPDATE counter SET n = :n", soci::use(n + 1);
        return absl::OkStatus();
      });
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (const absl::Status& s : results) {
    EXPECT_TRUE(s.ok() || s.code() == absl::StatusCode::kAborted) << s;
    ok += s.ok();
  }
  // Every success is counted exactly once: no lost update under SERIALIZABLE.
  EXPECT_EQ(test_db.QueryNumber("SELECT n FROM counter"), ok);
  EXPECT_GT(ok, 1) << "retries should let more than one writer through";
}

}  // namespace
}  // namespace rinnalla::storage
