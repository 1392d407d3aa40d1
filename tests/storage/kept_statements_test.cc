// Statements kept prepared per pooled connection: prepared once, executed again with new values,
// prepared again on the connection that replaces one the database dropped, and prepared once when
// a pipeline sends the same one twice.

#include "kept_statements.h"

#include <gtest/gtest.h>

#include <vector>

#include "pipeline.h"
#include "pool.h"
#include "test_database.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

using testing::TestDatabase;

// The probe names itself so that pg_prepared_statements can find it.
constexpr char kProbe[] = "SELECT /* kept-probe */ CAST(:x AS int) * 10";

struct Prepared {
  long long count = -1;  // entries of the probe on the connection
  long long executions = -1;
  long long backend = -1;
};

// What the connection in use knows about the probe.
Prepared ProbeOnConnection(soci::session& sql) {
  Prepared p;
  sql << "SELECT count(*), coalesce(sum(generic_plans + custom_plans), 0), pg_backend_pid()"
         " FROM pg_prepared_statements WHERE statement LIKE '%kept-probe%'",
      soci::into(p.count), soci::into(p.executions), soci::into(p.backend);
  return p;
}

// Runs the probe for `x` on the pool's connection; its answer, or -1 when the call failed.
int RunProbe(Database& db, int x, Prepared* seen = nullptr) {
  int answer = -1;
  absl::Status status = RunTransaction(db, CallScope::Background(), Isolation::kReadCommitted, [&](soci::session& sql) {
    EXPECT_TRUE(RunKept(sql, kProbe, soci::use(x), soci::into(answer)));
    if (seen != nullptr) *seen = ProbeOnConnection(sql);
    return absl::OkStatus();
  });
  return status.ok() ? answer : -1;
}

TEST(KeptStatements, AreExecutedAgainWithNewValuesWithoutBeingPreparedAgain) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  Prepared seen;
  EXPECT_EQ(RunProbe(**db, 1, &seen), 10);
  EXPECT_EQ(seen.count, 1);
  EXPECT_EQ(seen.executions, 1);
  EXPECT_EQ(RunProbe(**db, 7, &seen), 70);
  EXPECT_EQ(RunProbe(**db, 3, &seen), 30);
  // One prepared statement, executed three times: not prepared per call, nor deallocated.
  EXPECT_EQ(seen.count, 1);
  EXPECT_EQ(seen.executions, 3);
}

TEST(KeptStatements, ArePreparedAgainOnTheConnectionThatReplacesALostOne) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  Prepared before;
  ASSERT_EQ(RunProbe(**db, 2, &before), 20);
  test_db.Exec("SELECT pg_terminate_backend(" + std::to_string(before.backend) + ")");
  // The first call after the outage may meet the dropped connection; a later one is served on a
  // new connection, where the probe is prepared again.
  Prepared after;
  int answer = -1;
  for (int attempt = 0; attempt < 50 && answer == -1; ++attempt) answer = RunProbe(**db, 4, &after);
  EXPECT_EQ(answer, 40);
  EXPECT_NE(after.backend, before.backend);
  EXPECT_EQ(after.count, 1);
  EXPECT_EQ(after.executions, 1);
  EXPECT_EQ(RunProbe(**db, 5, &after), 50);
  EXPECT_EQ(after.executions, 2);
}

TEST(KeptStatements, StayUsableAfterAnExecutionFails) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  const std::string divide = "SELECT /* kept-divide */ 100 / CAST(:x AS int)";
  auto run = [&](int x) {
    int answer = -1;
    absl::Status status = RunTransaction(**db, CallScope::Background(), Isolation::kReadCommitted, [&](soci::session& sql) {
      RunKept(sql, divide, soci::use(x), soci::into(answer));
      return absl::OkStatus();
    });
    return status.ok() ? answer : -1;
  };
  EXPECT_EQ(run(4), 25);
  EXPECT_EQ(run(0), -1);  // division by zero
  EXPECT_EQ(run(5), 20);  // the failed execution's bindings are gone
}

TEST(KeptStatements, SentTwiceInOnePipelineArePreparedOnce) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  const std::string probe = "SELECT /* kept-probe */ CAST($1 AS int) * 10";
  auto run = [&](const std::vector<std::string>& values, Prepared* seen) {
    std::vector<int> answers;
    absl::StatusOr<Database::Pool::Lease> lease = (*db)->pool().Acquire();
    EXPECT_TRUE(lease.ok()) << lease.status();
    if (!lease.ok()) return answers;
    std::vector<PipelinedStatement> statements;
    for (const std::string& value : values) statements.push_back({probe, {value}, true});
    PipelineAnswers pipeline = RunPipeline(lease->session(), statements);
    EXPECT_FALSE(pipeline.failure)
        << "statement " << pipeline.failure->index << ": " << pipeline.failure->sqlstate;
    for (const PipelineRows& rows : pipeline.rows) {
      answers.push_back(PipelineRow(rows, 0).get<int>(0));
    }
    *seen = ProbeOnConnection(lease->session());
    return answers;
  };
  Prepared seen;
  EXPECT_EQ(run({"1", "2", "3"}, &seen), (std::vector<int>{10, 20, 30}));
  EXPECT_EQ(seen.count, 1);
  EXPECT_EQ(seen.executions, 3);
  EXPECT_EQ(run({"4", "5"}, &seen), (std::vector<int>{40, 50}));
  EXPECT_EQ(seen.count, 1);
  EXPECT_EQ(seen.executions, 5);
}

TEST(KeptRows, ReadEveryRowOfEachExecution) {
  TestDatabase test_db;
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  auto read = [&](int n) {
    std::vector<int> values;
    EXPECT_TRUE(RunTransaction(**db, CallScope::Background(), Isolation::kReadCommitted, [&](soci::session& sql) {
                  KeptRows rows(sql, "SELECT CAST(g AS int) FROM generate_series(1, :n) g",
                                soci::use(n));
                  for (const soci::row& row : rows) values.push_back(row.get<int>(0));
                  return absl::OkStatus();
                }).ok());
    return values;
  };
  EXPECT_EQ(read(3), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(read(0), std::vector<int>{});
  EXPECT_EQ(read(2), (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace rinnalla::storage
