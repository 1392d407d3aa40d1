// A read sent in one round trip with its access-log row (ReadWithAccess; GetClient uses it),
// against a real PostgreSQL.

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "client_rows.h"
#include "pool.h"
#include "protocol_trace.h"
#include "resource_names.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/status.h"
#include "test_database.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

using testing::TestDatabase;

class ReadWithAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Connect({.connection_string = test_db_.connection_string(),
                                 .pool_size = 1});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    repo_ = MakePgDirectoryRepository(*db_);
    client_.org_id = "ph";
    client_.id = NewUuid();
    client_.display_name = "Matti Meikäläinen";
    client_.birth_year = 1980;
    client_.languages = {"fi", "sv"};
    client_.external_refs = {{"urn:oid:1.2.246.10", "A-1"}, {"urn:oid:1.2.246.10", "A-2"}};
    client_.state = "ACTIVE";
    CallScope creator = scope_;
    creator.method = "/rinnalla.v1.Directory/CreateClient";
    ASSERT_TRUE(repo_->CreateClient(creator, client_, std::nullopt, [](const ClientRecord& c) {
                       return "response:" + c.id;
                     }).ok());
  }
  // The protocol on the pool's one connection from now on.
  ProtocolTrace TraceThePool() {
    absl::StatusOr<Database::Pool::Lease> lease = db_->pool().Acquire();
    EXPECT_TRUE(lease.ok()) << lease.status();
    return ProtocolTrace(ConnectionOf(lease->session()));
  }
  // The rows of reads (the client's creation wrote one of its own).
  long long ReadRows() {
    return test_db_.QueryNumber(
        "SELECT count(*) FROM access_log WHERE method = '/rinnalla.v1.Directory/Get'");
  }
  long long LogRows(const std::string& outcome) {
    return test_db_.QueryNumber(absl::StrCat("SELECT count(*) FROM access_log WHERE client_id = '",
                                             client_.id, "' AND actor = 'users/sw' AND outcome = '",
                                             outcome, "' AND method = '/rinnalla.v1.Directory/Get'",
                                             " AND request_id = 'req-1'"));
  }

  TestDatabase test_db_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<DirectoryRepository> repo_;
  CallScope scope_{{"ph", "users/sw", "social_worker", "/rinnalla.v1.Directory/Get", "req-1"}};
  ClientRecord client_;
};

TEST_F(ReadWithAccessTest, AClientItsLogRowAndTheCommitTravelInOneRoundTrip) {
  scope_.deadline = absl::Now() + absl::Seconds(30);
  scope_.trace = {"0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"};
  ProtocolTrace trace = TraceThePool();
  absl::StatusOr<ClientRecord> got = repo_->GetClient(scope_, client_.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->SameContent(client_));
  EXPECT_EQ(got->revision, 1);
  EXPECT_EQ(trace.Messages('B', "ReadyForQuery").size(), 1u);
  std::vector<std::string> parsed = trace.Messages('F', "Parse");
  ASSERT_EQ(parsed.size(), 7u);
  EXPECT_NE(parsed[0].find("BEGIN"), std::string::npos) << parsed[0];
  EXPECT_NE(parsed[1].find("SET LOCAL statement_timeout"), std::string::npos) << parsed[1];
  EXPECT_NE(parsed[2].find("rinnalla/0af7651916cd43dd8448eb211c80319c/b7ad6b7169203331"),
            std::string::npos)
      << parsed[2];
  EXPECT_NE(parsed[3].find("FROM clients c"), std::string::npos) << parsed[3];
  EXPECT_NE(parsed[4].find("INSERT INTO access_log"), std::string::npos) << parsed[4];
  EXPECT_NE(parsed[5].find("refuse_commit_after"), std::string::npos) << parsed[5];
  EXPECT_NE(parsed[6].find("COMMIT"), std::string::npos) << parsed[6];
  EXPECT_EQ(LogRows("OK"), 1);
}

TEST_F(ReadWithAccessTest, AClientThatDoesNotExistIsNotFoundAndLeavesNoRow) {
  absl::StatusOr<ClientRecord> got = repo_->GetClient(scope_, NewUuid());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound) << got.status();
  // Nor one of another organization, with the same id.
  CallScope other = scope_;
  other.org_id = "other";
  got = repo_->GetClient(other, client_.id);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound) << got.status();
  EXPECT_EQ(ReadRows(), 0);
}

// A log that refuses its row serves nothing, and leaves the connection fit for the next call.
TEST_F(ReadWithAccessTest, RowsThatCannotBeWrittenServeNothing) {
  test_db_.Exec(
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'insufficient_privilege'; END $$;"
      "CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse()");
  absl::StatusOr<ClientRecord> got = repo_->GetClient(scope_, client_.id);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kUnavailable) << got.status();
  EXPECT_EQ(ReasonOf(got.status()), "ACCESS_LOG_UNAVAILABLE");
  test_db_.Exec("DROP TRIGGER refuse ON access_log");
  got = repo_->GetClient(scope_, client_.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(LogRows("OK"), 1);
}

// The call's statement_timeout holds inside the pipeline: a read slower than the deadline ends
// there, and its row is not written.
TEST_F(ReadWithAccessTest, TheDeadlineBoundsTheRead) {
  scope_.deadline = absl::Now() + absl::Milliseconds(300);
  const absl::Time start = absl::Now();
  absl::StatusOr<PipelineRows> rows = ReadWithAccess(
      *db_, scope_, {"SELECT pg_sleep(5)", {}}, ClientRef{"ph", client_.id});
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kDeadlineExceeded) << rows.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(ReadRows(), 0);
  // The server skipped the preparations after the failed read: the next call on the connection
  // prepares them again, rather than naming statements that do not exist.
  scope_.deadline = absl::Now() + absl::Seconds(30);
  absl::StatusOr<ClientRecord> got = repo_->GetClient(scope_, client_.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(LogRows("OK"), 1);
}

// An idle connection the database dropped (a restart) is found dead when the pipeline is sent,
// before anything was done: the read runs again on a new connection and the call succeeds.
TEST_F(ReadWithAccessTest, AConnectionFoundDeadIsReplacedAndTheReadSucceeds) {
  test_db_.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  absl::StatusOr<ClientRecord> got = repo_->GetClient(scope_, client_.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->SameContent(client_));
  EXPECT_EQ(LogRows("OK"), 1);
}

}  // namespace
}  // namespace rinnalla::storage
