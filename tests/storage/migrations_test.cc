#include "rinnalla/storage/migrations.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "test_database.h"

namespace rinnalla::storage {
namespace {

using testing::TestDatabase;

std::unique_ptr<Database> Open(const TestDatabase& test_db) {
  auto db = Database::Connect({.connection_string = test_db.connection_string(), .pool_size = 1});
  EXPECT_TRUE(db.ok()) << db.status();
  return *std::move(db);
}

TEST(Migrations, ApplyTwiceIsANoOp) {
  TestDatabase empty(/*migrated=*/false);
  auto db = Open(empty);
  auto first = ApplyMigrations(*db, BundledMigrations());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->size(), BundledMigrations().size());
  auto second = ApplyMigrations(*db, BundledMigrations());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->empty());
  EXPECT_EQ(empty.QueryNumber("SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(BundledMigrations().size()));
  auto state = CheckSchema(*db, BundledMigrations());
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->pending.empty());
  EXPECT_EQ(state->applied_version, BundledMigrations().back().version);
}

TEST(Migrations, CheckSchemaOfEmptyDatabaseListsEveryMigrationAsPending) {
  TestDatabase empty(/*migrated=*/false);
  auto db = Open(empty);
  auto state = CheckSchema(*db, BundledMigrations());
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->applied_version, 0);
  EXPECT_EQ(state->pending.size(), BundledMigrations().size());
}

TEST(Migrations, ConcurrentMigratorsApplyEachMigrationOnce) {
  TestDatabase empty(/*migrated=*/false);
  constexpr int kMigrators = 6;
  std::vector<std::unique_ptr<Database>> dbs;
  for (int i = 0; i < kMigrators; ++i) dbs.push_back(Open(empty));
  std::vector<absl::StatusOr<std::vector<int>>> results(kMigrators, std::vector<int>{});
  std::vector<std::thread> threads;
  for (int i = 0; i < kMigrators; ++i) {
    threads.emplace_back([&, i] { results[i] = ApplyMigrations(*dbs[i], BundledMigrations()); });
  }
  for (auto& t : threads) t.join();
  size_t applied = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    applied += r->size();
  }
  EXPECT_EQ(applied, BundledMigrations().size());
  EXPECT_EQ(empty.QueryNumber("SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(BundledMigrations().size()));
}

TEST(Migrations, EditedAppliedMigrationIsRefused) {
  TestDatabase empty(/*migrated=*/false);
  auto db = Open(empty);
  std::vector<Migration> original = {{1, "first", "CREATE TABLE a (x int);"}};
  ASSERT_TRUE(ApplyMigrations(*db, original).ok());
  std::vector<Migration> edited = {{1, "first", "CREATE TABLE a (x bigint);"},
                                   {2, "second", "CREATE TABLE b (x int);"}};
  auto result = ApplyMigrations(*db, edited);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find("edited"), std::string::npos);
  EXPECT_EQ(CheckSchema(*db, edited).status().code(), absl::StatusCode::kFailedPrecondition);
  // Nothing of the second migration was applied.
  EXPECT_EQ(empty.QueryNumber("SELECT count(*) FROM pg_tables WHERE tablename = 'b'"), 0);
}

TEST(Migrations, FailingMigrationLeavesNothingBehind) {
  TestDatabase empty(/*migrated=*/false);
  auto db = Open(empty);
  std::vector<Migration> migrations = {
      {1, "good", "CREATE TABLE good (x int);"},
      {2, "bad", "CREATE TABLE half (x int); SELECT * FROM no_such_table;"}};
  auto result = ApplyMigrations(*db, migrations);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(empty.QueryNumber("SELECT count(*) FROM schema_migrations"), 1);
  EXPECT_EQ(empty.QueryNumber("SELECT count(*) FROM pg_tables WHERE tablename = 'half'"), 0);
  // The lock was released: a corrected run goes through.
  migrations[1].sql = "CREATE TABLE half (x int);";
  auto retry = ApplyMigrations(*db, migrations);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(*retry, std::vector<int>{2});
}

TEST(Migrations, DatabaseNewerThanBinaryIsRefused) {
  TestDatabase empty(/*migrated=*/false);
  auto db = Open(empty);
  std::vector<Migration> newer = {{1, "first", "SELECT 1;"}, {2, "second", "SELECT 2;"}};
  ASSERT_TRUE(ApplyMigrations(*db, newer).ok());
  auto state = CheckSchema(*db, {newer[0]});
  EXPECT_EQ(state.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace rinnalla::storage
