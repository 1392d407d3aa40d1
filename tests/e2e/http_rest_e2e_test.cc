// REST gives what gRPC gives: the same calls through both doors answer the same JSON (protobuf's
// JSON mapping of the gRPC response), with request ids replayed, pages, filters, PATCH with and
// without updateMask, custom methods and a FHIR document.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "absl/strings/str_format.h"
#include "directory_fixture.h"
#include "http_client.h"
#include "resource_names.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rinnalla/v1/matching.grpc.pb.h"

namespace rinnalla::testing {
namespace {

nlohmann::json JsonOf(const google::protobuf::Message& message) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json).ok());
  return nlohmann::json::parse(json);
}

class HttpRestTest : public DirectoryTest {
 protected:
  int port() const { return server_.http_port(); }

  nlohmann::json GuideJson(const std::string& name = "Aino Virtanen") {
    return JsonOf(ValidGuide(name));
  }
  // POST .../guides over REST; the created guide.
  nlohmann::json RestCreateGuide(const std::string& name) {
    HttpReply reply = HttpSend(port(), "POST", "/v1/organizations/paijat-hame/guides",
                               GuideJson(name).dump(), &kCoordinator);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }
};

TEST_F(HttpRestTest, CreateWithRequestIdReplaysAndWritesOnce) {
  const std::string path =
      "/v1/organizations/paijat-hame/guides?requestId=" + NewUuid() + "&guideId=" + NewUuid();
  HttpReply first = HttpSend(port(), "POST", path, GuideJson().dump(), &kCoordinator);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("Content-Type"), "application/json");
  EXPECT_EQ(first.header("Cache-Control"), "no-store");
  HttpReply again = HttpSend(port(), "POST", path, GuideJson().dump(), &kCoordinator);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(first.json(), again.json());
  EXPECT_EQ(Count("guides"), 1);

  // Another guide under a used request id: 409, nothing written.
  HttpReply reused = HttpSend(port(), "POST", path, GuideJson("Toinen Opas").dump(), &kCoordinator);
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(reused.reason(), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("guides"), 1);
}

TEST_F(HttpRestTest, GetAnswersWhatGrpcAnswers) {
  v1::Guide guide = MustCreateGuide();
  HttpReply reply = HttpGet(port(), "/v1/" + guide.name(), &kCoordinator);
  ASSERT_EQ(reply.status, 200) << reply.body;
  v1::GetGuideRequest request;
  request.set_name(guide.name());
  v1::Guide got;
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kCoordinator).get(), request, &got).ok());
  EXPECT_EQ(reply.json(), JsonOf(got));
  EXPECT_EQ(reply.json()["state"], "ACTIVE");  // enums by name
  EXPECT_TRUE(reply.json()["createTime"].is_string());
}

TEST_F(HttpRestTest, ListPagesAndFiltersAsGrpcDoes) {
  for (const char* name : {"Aino", "Bertta", "Cecilia"}) MustCreateGuide(name);
  v1::CreateGuideRequest paused;
  paused.set_parent(kParent);
  *paused.mutable_guide() = ValidGuide("Doris");
  paused.mutable_guide()->set_state(v1::Guide::PAUSED);
  v1::Guide out;
  ASSERT_TRUE(CreateGuide(kCoordinator, paused, &out).ok());

  const std::string list =
      "/v1/organizations/paijat-hame/guides?pageSize=2&filter=state%20%3D%20ACTIVE";
  HttpReply page1 = HttpGet(port(), list, &kCoordinator);
  ASSERT_EQ(page1.status, 200) << page1.body;
  v1::ListGuidesRequest request;
  request.set_parent(kParent);
  request.set_page_size(2);
  request.set_filter("state = ACTIVE");
  v1::ListGuidesResponse grpc_page1;
  ASSERT_TRUE(
      stub_->ListGuides(TestServer::ContextFor(kCoordinator).get(), request, &grpc_page1).ok());
  EXPECT_EQ(page1.json()["guides"], JsonOf(grpc_page1)["guides"]);
  ASSERT_EQ(page1.json()["guides"].size(), 2u);
  const std::string token = page1.json()["nextPageToken"];
  ASSERT_FALSE(token.empty());

  // The proto name of a parameter works as its lowerCamel name does.
  std::string escaped;
  for (char c : token) {
    escaped += std::isalnum(static_cast<unsigned char>(c)) ? std::string(1, c)
                                                           : absl::StrFormat("%%%02X", c);
  }
  HttpReply page2 = HttpGet(port(), list + "&page_token=" + escaped, &kCoordinator);
  ASSERT_EQ(page2.status, 200) << page2.body;
  ASSERT_EQ(page2.json()["guides"].size(), 1u);
  EXPECT_EQ(page2.json()["guides"][0]["displayName"], "Cecilia");
  EXPECT_FALSE(page2.json().contains("nextPageToken"));
}

TEST_F(HttpRestTest, PatchWithUpdateMaskChangesOnlyTheMaskedFields) {
  v1::Guide guide = MustCreateGuide();
  nlohmann::json body = {
      {"displayName", "Aino Uusi"}, {"maxActiveClients", 9}, {"etag", guide.etag()}};
  HttpReply reply = HttpSend(port(), "PATCH", "/v1/" + guide.name() + "?updateMask=displayName",
                             body.dump(), &kCoordinator);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["displayName"], "Aino Uusi");
  EXPECT_EQ(reply.json()["maxActiveClients"], 4);

  // The proto name of the field works too.
  body = {{"maxActiveClients", 7}, {"etag", reply.json()["etag"]}};
  reply = HttpSend(port(), "PATCH", "/v1/" + guide.name() + "?update_mask=max_active_clients",
                   body.dump(), &kCoordinator);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["maxActiveClients"], 7);
}

TEST_F(HttpRestTest, PatchWithoutUpdateMaskChangesTheFieldsTheBodyNames) {
  v1::Guide guide = MustCreateGuide();
  nlohmann::json body = {{"displayName", "Aino Toinen"}, {"etag", guide.etag()}};
  HttpReply reply = HttpSend(port(), "PATCH", "/v1/" + guide.name(), body.dump(), &kCoordinator);
  ASSERT_EQ(reply.status, 200) << reply.body;
  v1::GetGuideRequest request;
  request.set_name(guide.name());
  v1::Guide got;
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kCoordinator).get(), request, &got).ok());
  EXPECT_EQ(got.display_name(), "Aino Toinen");
  EXPECT_EQ(got.languages_size(), 1);  // not cleared: the body did not name it
  EXPECT_EQ(got.max_active_clients(), 4);
  EXPECT_EQ(reply.json(), JsonOf(got));

  // A stale etag: 409 ABORTED, nothing changed.
  reply = HttpSend(port(), "PATCH", "/v1/" + guide.name(), body.dump(), &kCoordinator);
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.reason(), "STALE_ETAG");
}

TEST_F(HttpRestTest, ACustomMethodAnswersAsGrpcDoes) {
  v1::Client client = MustCreateClient();
  auto matching = v1::Matching::NewStub(server_.channel());
  v1::CreateReferralRequest create;
  create.set_parent(kParent);
  create.mutable_referral()->set_client(client.name());
  create.mutable_referral()->add_needs(v1::MENTAL_HEALTH);
  create.mutable_referral()->add_languages("fi");
  create.mutable_referral()->set_municipality("398");
  v1::Referral referral;
  ASSERT_TRUE(
      matching->CreateReferral(TestServer::ContextFor(kSocialWorker).get(), create, &referral)
          .ok());

  HttpReply reply = HttpSend(port(), "POST", "/v1/" + referral.name() + ":cancel",
                             R"({"reason":"the client moved away"})", &kSocialWorker);
  ASSERT_EQ(reply.status, 200) << reply.body;
  v1::GetReferralRequest get;
  get.set_name(referral.name());
  v1::Referral cancelled;
  ASSERT_TRUE(
      matching->GetReferral(TestServer::ContextFor(kSocialWorker).get(), get, &cancelled).ok());
  EXPECT_EQ(cancelled.state(), v1::Referral::CANCELLED);
  EXPECT_EQ(reply.json(), JsonOf(cancelled));
}

TEST_F(HttpRestTest, ExportCarePlanAnswersTheFhirBundleItself) {
  v1::Client client = MustCreateClient();
  HttpReply reply = HttpGet(port(), "/v1/" + client.name() + ":exportCarePlan", &kIntegration);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/fhir+json");
  EXPECT_EQ(reply.json()["resourceType"], "Bundle");
}

}  // namespace
}  // namespace rinnalla::testing
