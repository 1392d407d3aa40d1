// The server's log, as an operator reads it: after a session full of distinctive names, texts
// and ids, no line of it holds any of them; a caller's x-request-id is kept when plain, replaced
// when not, and echoed either way.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <csignal>
#include <regex>

#include "directory_fixture.h"
#include "process.h"
#include "rinnalla/v1/matching.grpc.pb.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

class ServerLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<std::string> serving =
        server_.WaitForLine("\"event\":\"serving\"", absl::Seconds(20));
    ASSERT_TRUE(serving) << "the server did not start";
    std::smatch port;
    ASSERT_TRUE(std::regex_search(*serving, port, std::regex("\"port\":([0-9]+)")));
    auto channel =
        grpc::CreateChannel("127.0.0.1:" + port[1].str(), grpc::InsecureChannelCredentials());
    directory_ = v1::Directory::NewStub(channel);
    matching_ = v1::Matching::NewStub(channel);
  }

  // Stops the server and returns its whole log.
  std::string StopAndReadLog() {
    server_.Signal(SIGTERM);
    std::string log = server_.RestOfOutput(absl::Seconds(30));
    EXPECT_EQ(server_.Wait(absl::Seconds(20)), 0);
    return log;
  }

  // A context for `caller` sending `request_id` as x-request-id.
  static std::unique_ptr<grpc::ClientContext> WithRequestId(const Caller& caller,
                                                            const std::string& request_id) {
    auto context = TestServer::ContextFor(caller);
    context->AddMetadata("x-request-id", request_id);
    return context;
  }

  static std::string EchoedRequestId(const grpc::ClientContext& context) {
    auto it = context.GetServerInitialMetadata().find("x-request-id");
    if (it == context.GetServerInitialMetadata().end()) return "";
    return std::string(it->second.data(), it->second.size());
  }

  TestDatabase database_;
  ChildProcess server_{{RINNALLA_SERVER_BINARY, "--listen=127.0.0.1:0",
                        "--database=" + database_.server_connection_string(),
                        "--jwt-public-keys=" + TestPublicKeyFile(),
                        std::string("--jwt-issuer=") + kTestIssuer}};
  std::unique_ptr<v1::Directory::Stub> directory_;
  std::unique_ptr<v1::Matching::Stub> matching_;
};

TEST_F(ServerLogTest, NoPersonalDataInAnyLineAfterASession) {
  std::vector<std::string> secrets = {"Zachariaszz Ainutlaatuinen", "Qvistina Erikoisnimi",
                                      "REF-77331199", "Salainen muistiinpano 5566"};
  v1::CreateGuideRequest create_guide;
  create_guide.set_parent(kParent);
  *create_guide.mutable_guide() = DirectoryTestGuide(secrets[0]);
  v1::Guide guide;
  ASSERT_TRUE(
      directory_->CreateGuide(TestServer::ContextFor(kCoordinator).get(), create_guide, &guide)
          .ok());
  v1::CreateClientRequest create_client;
  create_client.set_parent(kParent);
  create_client.mutable_client()->set_display_name(secrets[1]);
  create_client.mutable_client()->add_languages("fi");
  create_client.mutable_client()->set_municipality("398");
  v1::ExternalRef* ref = create_client.mutable_client()->add_external_refs();
  ref->set_system("apotti");
  ref->set_id(secrets[2]);
  v1::Client client;
  ASSERT_TRUE(
      directory_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), create_client, &client)
          .ok());
  secrets.push_back(client.name().substr(client.name().rfind('/') + 1));
  secrets.push_back(guide.name().substr(guide.name().rfind('/') + 1));

  v1::CreateReferralRequest refer;
  refer.set_parent(kParent);
  refer.mutable_referral()->set_client(client.name());
  refer.mutable_referral()->add_needs(v1::MENTAL_HEALTH);
  refer.mutable_referral()->add_languages("fi");
  refer.mutable_referral()->set_municipality("398");
  refer.mutable_referral()->set_note(secrets[3]);
  v1::Referral referral;
  ASSERT_TRUE(
      matching_->CreateReferral(TestServer::ContextFor(kSocialWorker).get(), refer, &referral)
          .ok());
  v1::AssignGuideRequest assign;
  assign.set_referral(referral.name());
  assign.set_guide(guide.name());
  v1::Assignment assignment;
  ASSERT_TRUE(
      matching_->AssignGuide(TestServer::ContextFor(kSocialWorker).get(), assign, &assignment)
          .ok());
  v1::GetClientRequest get;
  get.set_name(client.name());
  v1::Client read;
  EXPECT_TRUE(directory_
                  ->GetClient(TestServer::ContextFor({"paijat-hame", "guide", guide.name()}).get(),
                              get, &read)
                  .ok());
  // Refusals and bad input carry the same words and ids.
  EXPECT_FALSE(
      directory_->GetClient(TestServer::ContextFor(kOtherCoordinator).get(), get, &read).ok());
  create_client.mutable_client()->set_display_name(secrets[1] + "\x01");
  EXPECT_EQ(
      directory_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), create_client, &read)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  create_client.mutable_client()->set_display_name(secrets[1]);
  EXPECT_EQ(
      directory_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), create_client, &read)
          .error_code(),
      grpc::StatusCode::ALREADY_EXISTS)
      << "the ref is taken";

  const std::string log = StopAndReadLog();
  EXPECT_NE(log.find("rinnalla.v1.Matching/AssignGuide"), std::string::npos) << "calls are logged";
  EXPECT_GE(std::count(log.begin(), log.end(), '\n'), 8) << log;
  for (const std::string& secret : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " is in the log:\n" << log;
  }
}

TEST_F(ServerLogTest, APlainRequestIdIsKeptAndEchoedAnyOtherIsReplaced) {
  v1::ListGuidesRequest list;
  list.set_parent(kParent);
  v1::ListGuidesResponse out;
  auto plain = WithRequestId(kCoordinator, "trace-42_ok");
  ASSERT_TRUE(directory_->ListGuides(plain.get(), list, &out).ok());
  EXPECT_EQ(EchoedRequestId(*plain), "trace-42_ok");

  // gRPC metadata carries printable ASCII only (a client refuses anything else before sending).
  const std::vector<std::string> unsafe = {"bad id\"},{\"level\":\"forged", "../skandit",
                                           std::string(65, 'a')};
  std::vector<std::string> replacements;
  for (const std::string& id : unsafe) {
    auto context = WithRequestId(kCoordinator, id);
    ASSERT_TRUE(directory_->ListGuides(context.get(), list, &out).ok());
    const std::string echoed = EchoedRequestId(*context);
    EXPECT_NE(echoed, id);
    EXPECT_TRUE(std::regex_match(echoed, std::regex("[A-Za-z0-9_-]{1,64}"))) << echoed;
    replacements.push_back(echoed);
  }
  // Without one, the server makes one and says which.
  auto none = TestServer::ContextFor(kCoordinator);
  ASSERT_TRUE(directory_->ListGuides(none.get(), list, &out).ok());
  EXPECT_FALSE(EchoedRequestId(*none).empty());
  replacements.push_back(EchoedRequestId(*none));

  const std::string log = StopAndReadLog();
  EXPECT_NE(log.find(R"("request_id":"trace-42_ok")"), std::string::npos) << log;
  for (const std::string& id : replacements) {
    EXPECT_NE(log.find("\"request_id\":\"" + id + "\""), std::string::npos) << id << "\n" << log;
  }
  EXPECT_EQ(log.find("forged"), std::string::npos) << log;
  EXPECT_EQ(log.find("skandit"), std::string::npos) << log;
  EXPECT_EQ(log.find(std::string(65, 'a')), std::string::npos);
}

}  // namespace
}  // namespace rinnalla::testing
