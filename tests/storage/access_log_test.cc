// The access log as storage keeps it: a row per client per access, in the same transaction as
// the data, append-only, and no data without its row.

#include "rinnalla/storage/access_log.h"

#include <gtest/gtest.h>

#include "resource_names.h"
#include "rinnalla/storage/directory_repository.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

class AccessLogTest : public ::testing::Test {
 protected:
  static CallScope Who(const std::string& role = "social_worker") {
    return {{"ph", "users/" + role, role, "/rinnalla.v1.Directory/GetClient", "req-1"}};
  }
  ClientRecord MustCreateClient() {
    ClientRecord c;
    c.org_id = "ph";
    c.id = NewUuid();
    c.display_name = "Asiakas";
    c.state = "ACTIVE";
    auto created = directory_->CreateClient(Who(), c, std::nullopt,
                                            [](const ClientRecord&) { return std::string(); });
    EXPECT_TRUE(created.ok()) << created.status();
    return c;
  }
  long long Rows() { return test_db_.QueryNumber("SELECT count(*) FROM access_log"); }

  testing::TestDatabase test_db_;
  std::unique_ptr<DirectoryRepository> directory_ = MakePgDirectoryRepository(test_db_.db());
  std::unique_ptr<AccessLogRepository> log_ = MakePgAccessLogRepository(test_db_.db());
};

TEST_F(AccessLogTest, EveryClientTouchedIsARow) {
  ClientRecord a = MustCreateClient();
  MustCreateClient();
  EXPECT_EQ(Rows(), 2) << "creating writes";
  ASSERT_TRUE(directory_->GetClient(Who(), a.id).ok());
  EXPECT_EQ(Rows(), 3);
  auto listed = directory_->ListClients(Who(), {}, {.page_size = 10});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(Rows(), 5) << "a list logs every client it returns";
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM access_log WHERE client_id = '" + a.id +
                                 "' AND outcome = 'OK' AND actor = 'users/social_worker'"),
            3);
}

TEST_F(AccessLogTest, ReadOfAMissingClientWritesNothing) {
  EXPECT_EQ(directory_->GetClient(Who(), NewUuid()).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Rows(), 0);
}

TEST_F(AccessLogTest, NoDataWithoutItsRow) {
  ClientRecord a = MustCreateClient();
  // Make the log unwritable, as a revoked grant or a full disk would.
  test_db_.Exec(
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'insufficient_privilege'; END $$;"
      "CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse()");
  auto read = directory_->GetClient(Who(), a.id);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kUnavailable);
  auto listed = directory_->ListClients(Who(), {}, {.page_size = 10});
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kUnavailable);
  auto updated = directory_->UpdateClient(Who(), a.id, std::nullopt, [](ClientRecord& c) {
    c.display_name = "Muutettu";
    return absl::OkStatus();
  });
  EXPECT_EQ(updated.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM clients WHERE display_name = 'Muutettu'"), 0)
      << "the change rolled back with its log row";
}

TEST_F(AccessLogTest, IsAppendOnly) {
  MustCreateClient();
  auto db = Database::Connect({.connection_string = test_db_.connection_string(), .pool_size = 1});
  ASSERT_TRUE(db.ok());
  test_db_.Exec("DO $$ BEGIN UPDATE access_log SET actor = 'x'; EXCEPTION WHEN insufficient_privilege THEN "
                "RAISE NOTICE 'refused'; END $$");
  test_db_.Exec("DO $$ BEGIN DELETE FROM access_log; EXCEPTION WHEN insufficient_privilege THEN "
                "RAISE NOTICE 'refused'; END $$");
  test_db_.Exec("DO $$ BEGIN TRUNCATE access_log; EXCEPTION WHEN insufficient_privilege THEN "
                "RAISE NOTICE 'refused'; END $$");
  EXPECT_EQ(Rows(), 1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM access_log WHERE actor = 'x'"), 0);
}

TEST_F(AccessLogTest, ListsOneClientNewestFirstInPagesAndLogsTheReading) {
  ClientRecord a = MustCreateClient();
  MustCreateClient();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(directory_->GetClient(Who(), a.id).ok());
  ASSERT_TRUE(log_->Record(Who("guide"), {"ph", a.id}, AccessOutcome::kDenied).ok());

  std::vector<AccessLogEntry> entries;
  PageRequest page{.page_size = 2};
  for (int n = 0; n < 10; ++n) {
    auto result = log_->ListForClient(Who("auditor"), {"ph", a.id}, {}, page);
    ASSERT_TRUE(result.ok()) << result.status();
    entries.insert(entries.end(), result->items.begin(), result->items.end());
    if (!result->next) break;
    page.after = result->next;
  }
  // create + 4 reads + denied + the auditor's own reads (one per page, each logged first).
  ASSERT_GE(entries.size(), 7u);
  EXPECT_EQ(entries.front().role, "auditor") << "newest first: the reading itself";
  for (size_t i = 1; i < entries.size(); ++i) EXPECT_GE(entries[i - 1].time, entries[i].time);
  int denied = 0;
  for (const auto& e : entries) {
    denied += e.outcome == "DENIED";
    EXPECT_EQ(e.resource, "organizations/ph/clients/" + a.id);
  }
  EXPECT_EQ(denied, 1);
}

}  // namespace
}  // namespace rinnalla::storage
