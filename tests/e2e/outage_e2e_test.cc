// A database outage: while PostgreSQL refuses the server, calls fail fast with UNAVAILABLE (not
// at their deadline) and the caller reads a plain message with the reason DATABASE_UNAVAILABLE,
// through gRPC, REST (503, Retry-After) and Connect alike, while libpq's text (socket path, host,
// port, database) goes to the server's log only; when it is back, calls succeed again on the same
// server, without a restart.

#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include "absl/strings/match.h"
#include "directory_fixture.h"
#include "held_connection.h"
#include "http_client.h"
#include "log_capture.h"

namespace rinnalla::testing {
namespace {

class OutageTest : public DirectoryTest {
 protected:
  // The database goes away for this server: every connection is cut and no new one is let in.
  void CutDatabase() {
    admin_.Exec("ALTER DATABASE " + name() + " ALLOW_CONNECTIONS false");
    admin_.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                name() + "'");
  }
  void RestoreDatabase() { admin_.Exec("ALTER DATABASE " + name() + " ALLOW_CONNECTIONS true"); }
  const std::string& name() { return server_.database().name(); }

  // What of the infrastructure a caller must never read: anything of libpq's text.
  std::vector<std::string> Infrastructure() {
    // (Not "/": error details name their types by URL.)
    std::vector<std::string> words = {name(),
                                      "socket",
                                      ".s.PGSQL",
                                      "FATAL",
                                      "postgres",
                                      "5432",
                                      "localhost",
                                      "127.0.0.1",
                                      "/tmp",
                                      "/run",
                                      "connection to server",
                                      "accepting connections"};
    if (const char* user = getlogin()) words.emplace_back(user);
    return words;
  }
  void ExpectPlain(const std::string& text) {
    for (const std::string& word : Infrastructure()) {
      EXPECT_FALSE(absl::StrContains(text, word)) << "\"" << word << "\" in: " << text;
    }
  }

  HeldConnection admin_{ConnectionStringFor("postgres")};
};

TEST_F(OutageTest, CallsAreUnavailableDuringAnOutageAndSucceedAfterItWithoutARestart) {
  v1::Guide guide = MustCreateGuide("Aino Katkos");
  v1::GetGuideRequest get;
  get.set_name(guide.name());
  auto read = [&] {
    v1::Guide out;
    // A long deadline: failing fast means UNAVAILABLE long before it, never DEADLINE_EXCEEDED.
    grpc::Status status =
        stub_->GetGuide(TestServer::ContextFor(kCoordinator, absl::Seconds(30)).get(), get, &out);
    EXPECT_TRUE(!status.ok() || out.display_name() == "Aino Katkos");
    return status;
  };
  ASSERT_TRUE(read().ok());

  CutDatabase();
  for (int i = 0; i < 3; ++i) {
    grpc::Status status = read();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_EQ(status.error_message().find(name()), std::string::npos)
        << "no infrastructure details";
  }
  v1::CreateGuideRequest create;
  create.set_parent(kParent);
  *create.mutable_guide() = ValidGuide("Eino Katkos");
  v1::Guide created;
  EXPECT_EQ(CreateGuide(kCoordinator, create, &created).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  // It is back: the broken connections are replaced and calls succeed.
  RestoreDatabase();
  grpc::Status status = read();
  for (absl::Time until = absl::Now() + absl::Seconds(20); !status.ok() && absl::Now() < until;
       status = read()) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(CreateGuide(kCoordinator, create, &created).ok());
  EXPECT_EQ(Count("guides"), 2);
}

// Reads and writes, through every door, while the database refuses the server: the first calls
// meet connections cut under them, the later ones a database that refuses new connections.
TEST_F(OutageTest, WhatACallerReadsDuringAnOutageIsPlainThroughEveryDoor) {
  v1::Guide guide = MustCreateGuide("Aino Katkos");
  LogCapture log;
  CutDatabase();
  const int port = server_.http_port();
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE("call " + std::to_string(i));
    v1::GetGuideRequest get;
    get.set_name(guide.name());
    v1::Guide out;
    grpc::Status status =
        stub_->GetGuide(TestServer::ContextFor(kCoordinator, absl::Seconds(30)).get(), get, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_EQ(ErrorReason(status), "DATABASE_UNAVAILABLE") << status.error_message();
    EXPECT_EQ(status.error_message(), "the database is not reachable");
    ExpectPlain(status.error_message());
    ExpectPlain(status.error_details());  // ErrorInfo's metadata too

    HttpReply rest = HttpGet(port, "/v1/" + guide.name(), &kCoordinator);
    EXPECT_EQ(rest.status, 503) << rest.body;
    EXPECT_EQ(rest.header("Retry-After"), "5");
    EXPECT_EQ(rest.reason(), "DATABASE_UNAVAILABLE") << rest.body;
    EXPECT_EQ(rest.json()["code"], 14);
    ExpectPlain(rest.body);

    std::string guide_json;
    ASSERT_TRUE(
        google::protobuf::util::MessageToJsonString(ValidGuide("Eino Katkos"), &guide_json).ok());
    HttpReply write =
        HttpSend(port, "POST", "/v1/organizations/paijat-hame/guides", guide_json, &kCoordinator);
    EXPECT_EQ(write.status, 503) << write.body;
    EXPECT_EQ(write.header("Retry-After"), "5");
    EXPECT_EQ(write.reason(), "DATABASE_UNAVAILABLE") << write.body;
    ExpectPlain(write.body);

    HttpReply connect = ConnectCall(port, "Directory/GetGuide",
                                    nlohmann::json{{"name", guide.name()}}.dump(), &kCoordinator);
    EXPECT_EQ(connect.status, 503) << connect.body;
    EXPECT_EQ(connect.json()["code"], "unavailable") << connect.body;
    ExpectPlain(connect.body);
  }
  RestoreDatabase();
  // libpq's own words are the operator's, in the log.
  EXPECT_TRUE(absl::StrContains(log.text(), "\"event\":\"database_unreachable\""));
  EXPECT_TRUE(absl::StrContains(log.text(), "accepting connections")) << log.text();
  for (absl::Time until = absl::Now() + absl::Seconds(20);
       HttpGet(port, "/v1/" + guide.name(), &kCoordinator).status != 200 && absl::Now() < until;) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(HttpGet(port, "/v1/" + guide.name(), &kCoordinator).status, 200);
  EXPECT_EQ(Count("guides"), 1) << "a refused write was stored";
}

}  // namespace
}  // namespace rinnalla::testing
