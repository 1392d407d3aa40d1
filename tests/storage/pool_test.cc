// The connection pool, transactions and the SQLSTATE mapping, against a real PostgreSQL.

#include "pool.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "connection_string.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "protocol_trace.h"
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
  absl::Status status = RunTransaction(**db, CallScope::Background(), Isolation::kReadCommitted,
                                       [](soci::session&) { return absl::OkStatus(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(status), "DATABASE_UNAVAILABLE");
  // The health check has a connection of its own: a busy pool is not a database that is down.
  EXPECT_TRUE((*db)->Ping().ok());
}

TEST(Pool, WaitsForAConnectionNoLongerThanTheDeadline) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(),
                               .pool_size = 1,
                               .lease_timeout = absl::Seconds(30)});
  ASSERT_TRUE(db.ok());
  auto held = (*db)->pool().Acquire();
  ASSERT_TRUE(held.ok());
  const absl::Time start = absl::Now();
  const CallScope deadline = CallScope::Background(start + absl::Milliseconds(200));
  bool ran = false;
  absl::Status status =
      RunTransaction(**db, deadline, Isolation::kReadCommitted, [&](soci::session&) {
        ran = true;
        return absl::OkStatus();
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(ran);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2)) << "waited past the deadline";
}

TEST(ConnectionString, GainsDeadPeerDetectionUnlessItSaysOtherwise) {
  EXPECT_EQ(WithDeadPeerDetection("dbname=x connect_timeout=2"),
            "dbname=x connect_timeout=2 keepalives=1 keepalives_idle=10 keepalives_interval=5"
            " keepalives_count=3 tcp_user_timeout=15000");
  EXPECT_EQ(WithDeadPeerDetection("postgresql://db/rinnalla"),
            "postgresql://db/rinnalla?connect_timeout=5&keepalives=1&keepalives_idle=10"
            "&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=15000");
  EXPECT_EQ(WithDeadPeerDetection("postgresql://db/r?sslmode=require&keepalives_idle=30"),
            "postgresql://db/r?sslmode=require&keepalives_idle=30&connect_timeout=5&keepalives=1"
            "&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=15000");
}

// The server process of the pool's only connection, stopped (SIGSTOP) as a stuck database's
// would be, and always continued again.
class StoppedBackend {
 public:
  explicit StoppedBackend(int pid) : pid_(pid) { kill(pid_, SIGSTOP); }
  ~StoppedBackend() { Continue(); }
  void Continue() {
    if (pid_ > 0) kill(pid_, SIGCONT);
    pid_ = 0;
  }

 private:
  int pid_;
};

int BackendPid(Database& db, const CallScope& scope = CallScope::Background()) {
  int pid = 0;
  EXPECT_TRUE(RunTransaction(db, scope, Isolation::kReadCommitted, [&](soci::session& sql) {
                sql << "SELECT pg_backend_pid()", soci::into(pid);
                return absl::OkStatus();
              }).ok());
  return pid;
}

TEST(Transaction, AStuckServerCostsNoMoreThanTheDeadlineAndIsReplacedAfter) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  StoppedBackend stopped(BackendPid(**db));
  const absl::Time start = absl::Now();
  {
    const CallScope deadline = CallScope::Background(start + absl::Milliseconds(300));
    absl::Status status =
        RunTransaction(**db, deadline, Isolation::kReadCommitted, [](soci::session& sql) {
          sql << "SELECT 1";
          return absl::OkStatus();
        });
    EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  }
  EXPECT_LT(absl::Now() - start, absl::Seconds(1)) << "the stuck server held the call";
  stopped.Continue();
  EXPECT_TRUE((*db)->Ping().ok());
  const CallScope deadline = CallScope::Background(absl::Now() + absl::Seconds(10));
  EXPECT_GT(BackendPid(**db, deadline), 0) << "the cut connection should have been replaced";
}

TEST(Transaction, ACommitTheServerReadsAfterTheDeadlineIsRefused) {
  TestDatabase test_db;
  test_db.Exec("CREATE TABLE t (x int)");
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  const int pid = BackendPid(**db);
  std::optional<StoppedBackend> stopped;
  {
    const CallScope deadline = CallScope::Background(absl::Now() + absl::Milliseconds(300));
    absl::Status status =
        RunTransaction(**db, deadline, Isolation::kReadCommitted, [&](soci::session& sql) {
          sql << "INSERT INTO t VALUES (1)";
          // The server sticks before the COMMIT arrives; the COMMIT waits in its socket.
          stopped.emplace(pid);
          return absl::OkStatus();
        });
    EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  }
  // The server wakes after the deadline and reads the COMMIT: it must not apply it.
  stopped->Continue();
  const absl::Time bound = absl::Now() + absl::Seconds(10);
  while (test_db.QueryNumber(
             absl::StrCat("SELECT count(*) FROM pg_stat_activity WHERE pid = ", pid)) > 0 &&
         absl::Now() < bound) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM t"), 0);
}

TEST(Transaction, BeginsInOneRoundTrip) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  CallScope call = CallScope::Background(absl::Now() + absl::Seconds(30));
  call.trace = {"0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"};
  for (Isolation isolation : {Isolation::kReadCommitted, Isolation::kSerializable}) {
    std::optional<ProtocolTrace> trace;
    {
      absl::StatusOr<Database::Pool::Lease> lease = (*db)->pool().Acquire();
      ASSERT_TRUE(lease.ok());
      trace.emplace(ConnectionOf(lease->session()));
    }
    ASSERT_TRUE(RunTransaction(**db, call, isolation, [](soci::session& sql) {
                  sql << "SELECT 1";
                  return absl::OkStatus();
                }).ok());
    // BEGIN with its settings, the work's statement, the deadline's check with the COMMIT: three
    // round trips, no more.
    EXPECT_EQ(trace->Messages('B', "ReadyForQuery").size(), 3u);
    std::vector<std::string> queries = trace->Messages('F', "Query");
    ASSERT_EQ(queries.size(), 2u);
    EXPECT_NE(queries[0].find("BEGIN"), std::string::npos) << queries[0];
    EXPECT_NE(queries[0].find("SET LOCAL statement_timeout"), std::string::npos) << queries[0];
    EXPECT_NE(queries[0].find("SET LOCAL application_name = 'rinnalla/"
                              "0af7651916cd43dd8448eb211c80319c/b7ad6b7169203331'"),
              std::string::npos)
        << queries[0];
    EXPECT_EQ(queries[0].find("SERIALIZABLE") != std::string::npos,
              isolation == Isolation::kSerializable)
        << queries[0];
    std::vector<std::string> parsed = trace->Messages('F', "Parse");
    ASSERT_FALSE(parsed.empty());
    EXPECT_NE(parsed.back().find("COMMIT"), std::string::npos) << parsed.back();
  }
}

// The access-log rows a transaction appends go with its COMMIT, and with the deadline's check
// between them: one round trip for the three.
TEST(Transaction, AccessRowsTravelWithTheCommitInOneRoundTrip) {
  TestDatabase test_db;
  test_db.Exec("CREATE TABLE t (x int)");
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  CallScope call = CallScope::Background(absl::Now() + absl::Seconds(30));
  call.actor = "users/aila";
  const std::string client = NewUuid();
  std::optional<ProtocolTrace> trace;
  {
    absl::StatusOr<Database::Pool::Lease> lease = (*db)->pool().Acquire();
    ASSERT_TRUE(lease.ok());
    trace.emplace(ConnectionOf(lease->session()));
  }
  ASSERT_TRUE(RunTransaction(**db, call, Isolation::kReadCommitted, [&](soci::session& sql) {
                sql << "INSERT INTO t VALUES (1)";
                RETURN_IF_ERROR(AppendAccess(sql, call, {"ph", client}, AccessOutcome::kOk));
                return AppendAccessForEach(sql, call, "ph", {client, NewUuid()});
              }).ok());
  // BEGIN, the work's statement, and the rows with the check and the COMMIT.
  EXPECT_EQ(trace->Messages('B', "ReadyForQuery").size(), 3u);
  std::vector<std::string> parsed = trace->Messages('F', "Parse");
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_NE(parsed[0].find("INSERT INTO access_log"), std::string::npos) << parsed[0];
  EXPECT_NE(parsed[1].find("refuse_commit_after"), std::string::npos) << parsed[1];
  EXPECT_NE(parsed[2].find("COMMIT"), std::string::npos) << parsed[2];
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM t"), 1);
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM access_log WHERE client_id = '" + client +
                                "' AND actor = 'users/aila'"),
            2);
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM access_log"), 3);
}

// Rows that cannot be written undo the work with them, and the next transaction on the
// connection carries none of them.
TEST(Transaction, AccessRowsThatCannotBeWrittenRollTheWorkBack) {
  TestDatabase test_db;
  test_db.Exec(
      "CREATE TABLE t (x int);"
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'insufficient_privilege'; END $$;"
      "CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse()");
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  const CallScope call = CallScope::Background(absl::Now() + absl::Seconds(30));
  absl::Status status =
      RunTransaction(**db, call, Isolation::kReadCommitted, [&](soci::session& sql) {
        sql << "INSERT INTO t VALUES (1)";
        return AppendAccess(sql, call, {"ph", NewUuid()}, AccessOutcome::kOk);
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(ReasonOf(status), "ACCESS_LOG_UNAVAILABLE");
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM t"), 0);
  // The connection is usable, and a transaction of no access commits as before.
  test_db.Exec("DROP TRIGGER refuse ON access_log");
  ASSERT_TRUE(RunTransaction(**db, call, Isolation::kReadCommitted, [](soci::session& sql) {
                sql << "INSERT INTO t VALUES (2)";
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM t"), 1);
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM access_log"), 0);
}

TEST(Transaction, WorkOfNoCallBeginsAndCommitsThroughSoci) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  std::optional<ProtocolTrace> trace;
  {
    absl::StatusOr<Database::Pool::Lease> lease = (*db)->pool().Acquire();
    ASSERT_TRUE(lease.ok());
    trace.emplace(ConnectionOf(lease->session()));
  }
  ASSERT_TRUE(
      RunTransaction(**db, CallScope::Background(), Isolation::kReadCommitted, [](soci::session&) {
        return absl::OkStatus();
      }).ok());
  std::vector<std::string> queries = trace->Messages('F', "Query");
  ASSERT_EQ(queries.size(), 2u);
  EXPECT_NE(queries[0].find("BEGIN"), std::string::npos) << queries[0];
  EXPECT_EQ(queries[0].find("SET"), std::string::npos) << "nothing to set: " << queries[0];
  EXPECT_NE(queries[1].find("COMMIT"), std::string::npos) << queries[1];
}

// Ends every backend of the test database but the caller's, as a database restart would.
void TerminateBackends(TestDatabase& test_db) {
  test_db.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND pid <> pg_backend_pid()");
}

TEST(Pool, ConnectionsFoundDeadAtBeginAreReplacedAndNoCallFails) {
  TestDatabase test_db;
  constexpr int kConnections = 3;
  auto db = Database::Connect(
      {.connection_string = test_db.connection_string(), .pool_size = kConnections});
  ASSERT_TRUE(db.ok());
  TerminateBackends(test_db);
  // Each call holds its connection until all are in, so every pooled connection is used once.
  std::atomic<int> inside = 0, worked = 0;
  std::vector<absl::Status> results(kConnections);
  std::vector<std::thread> callers;
  for (int i = 0; i < kConnections; ++i) {
    callers.emplace_back([&, i] {
      results[i] = RunTransaction(**db, CallScope::Background(absl::Now() + absl::Seconds(20)),
                                  Isolation::kReadCommitted, [&](soci::session& sql) {
                                    ++worked;
                                    int one = 0;
                                    sql << "SELECT 1", soci::into(one);
                                    ++inside;
                                    const absl::Time bound = absl::Now() + absl::Seconds(5);
                                    while (inside < kConnections && absl::Now() < bound)
                                      absl::SleepFor(absl::Milliseconds(5));
                                    return absl::OkStatus();
                                  });
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (const absl::Status& result : results) EXPECT_TRUE(result.ok()) << result;
  EXPECT_EQ(worked, kConnections) << "each call's work ran once";
  EXPECT_EQ(inside, kConnections) << "the calls held their connections at once";
}

TEST(Pool, AConnectionLostDuringTheWorkIsNotRetried) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  int worked = 0;
  absl::Status status = RunTransaction(**db, CallScope::Background(), Isolation::kReadCommitted,
                                       [&](soci::session& sql) {
                                         ++worked;
                                         sql << "SELECT pg_terminate_backend(pg_backend_pid())";
                                         return absl::OkStatus();
                                       });
  // What was sent may have been applied: the caller decides, the pool never replays work.
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(worked, 1);
  EXPECT_TRUE((*db)->Ping().ok()) << "the broken connection should have been replaced";
}

TEST(Transaction, DeadlineBoundsTheStatement) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  const CallScope deadline = CallScope::Background(absl::Now() + absl::Milliseconds(200));
  absl::Status status =
      RunTransaction(**db, deadline, Isolation::kReadCommitted, [](soci::session& sql) {
        sql << "SELECT pg_sleep(5)";
        return absl::OkStatus();
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(Transaction, PassedDeadlineNeverReachesTheDatabase) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  const CallScope deadline = CallScope::Background(absl::Now() - absl::Seconds(1));
  bool ran = false;
  absl::Status status =
      RunTransaction(**db, deadline, Isolation::kReadCommitted, [&](soci::session&) {
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
  absl::Status status = RunTransaction(**db, CallScope::Background(), Isolation::kReadCommitted,
                                       [](soci::session& sql) {
                                         sql << "INSERT INTO t VALUES (1)";
                                         return absl::FailedPreconditionError("changed my mind");
                                       });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(test_db.QueryNumber("SELECT count(*) FROM t"), 0);
}

TEST(Transaction, SerializationFailuresAreRetried) {
  TestDatabase test_db;
  test_db.Exec("CREATE TABLE counter (n int); INSERT INTO counter VALUES (0)");
  constexpr int kWriters = 4;
  auto db =
      Database::Connect({.connection_string = test_db.connection_string(), .pool_size = kWriters});
  ASSERT_TRUE(db.ok());
  // Every first attempt reads before any writes: the first to update holds the row, the others
  // wait for it and fail with a serialization failure when it commits. Without the retry, those
  // writers would come back ABORTED. Their retries then take turns (`retry_turn`, held from a
  // retry's read until its transaction is over), so each reads the last commit and goes through
  // at its second attempt. Retries left to race one another could also be aborted by a conflict
  // whose other side was aborted too, and no count of attempts would then be certain.
  std::latch all_read(kWriters);
  std::mutex retry_turn;
  std::vector<absl::Status> results(kWriters);
  std::vector<int> attempts(kWriters, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      std::unique_lock turn(retry_turn, std::defer_lock);
      results[i] = RunTransaction(**db, CallScope::Background(), Isolation::kSerializable,
                                  [&](soci::session& sql) {
                                    if (++attempts[i] > 1 && !turn.owns_lock()) turn.lock();
                                    int n = 0;
                                    sql << "SELECT n FROM counter", soci::into(n);
                                    if (attempts[i] == 1) all_read.arrive_and_wait();
                                    sql << "UPDATE counter SET n = :n", soci::use(n + 1);
                                    return absl::OkStatus();
                                  });
    });
  }
  for (auto& t : threads) t.join();
  int retried = 0;
  for (int i = 0; i < kWriters; ++i) {
    EXPECT_TRUE(results[i].ok()) << "writer " << i << ": " << results[i];
    EXPECT_LE(attempts[i], 2) << "writer " << i << " failed after its snapshot saw every commit";
    retried += attempts[i] > 1;
  }
  // Every writer is counted exactly once: no lost update under SERIALIZABLE.
  EXPECT_EQ(test_db.QueryNumber("SELECT n FROM counter"), kWriters);
  EXPECT_EQ(retried, kWriters - 1) << "the writers did not collide";
}

}  // namespace
}  // namespace rinnalla::storage
