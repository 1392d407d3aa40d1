// HTTP errors: the status of each gRPC code with the google.rpc.Status (ErrorInfo, BadRequest) as
// the body on REST and Connect's error JSON on Connect; refusals that say nothing about
// existence; bad input refused before anything is written.

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "directory_fixture.h"
#include "google/rpc/error_details.pb.h"
#include "http_client.h"
#include "resource_names.h"

namespace rinnalla::testing {
namespace {

class HttpErrorsTest : public DirectoryTest {
 protected:
  int port() const { return server_.http_port(); }
  std::string GuideBody(const std::string& name) {
    return nlohmann::json{{"displayName", name},   {"experienceAreas", {"MENTAL_HEALTH"}},
                          {"languages", {"fi"}},   {"municipalities", {"398"}},
                          {"maxActiveClients", 4}, {"state", "ACTIVE"}}
        .dump();
  }
};

TEST_F(HttpErrorsTest, NoTokenIs401) {
  v1::Guide guide = MustCreateGuide();
  HttpReply reply = HttpGet(port(), "/v1/" + guide.name());
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.json()["code"], 16);
  EXPECT_FALSE(reply.reason().empty());
  EXPECT_NE(reply.header("X-Request-Id"), "");
}

TEST_F(HttpErrorsTest, AnotherOrganizationIs403AlikeForExistingAndMissing) {
  v1::Guide guide = MustCreateGuide();
  const std::string missing = kParent + "/guides/" + NewUuid();
  HttpReply existing = HttpGet(port(), "/v1/" + guide.name(), &kOtherCoordinator);
  HttpReply absent = HttpGet(port(), "/v1/" + missing, &kOtherCoordinator);
  EXPECT_EQ(existing.status, 403);
  EXPECT_EQ(absent.status, 403);
  EXPECT_EQ(existing.body, absent.body);
  EXPECT_EQ(existing.reason(), "NOT_PERMITTED");
  // The organization's own staff learn it is missing.
  EXPECT_EQ(HttpGet(port(), "/v1/" + missing, &kCoordinator).status, 404);
}

TEST_F(HttpErrorsTest, InvalidFieldsAre400WithBadRequestAndWriteNothing) {
  HttpReply reply = HttpSend(port(), "POST", "/v1/organizations/paijat-hame/guides", GuideBody(""),
                             &kCoordinator);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json()["code"], 3);
  EXPECT_EQ(reply.reason(), "INVALID_FIELD");
  EXPECT_TRUE(reply.violated_fields().count("guide.display_name")) << reply.body;
  EXPECT_EQ(Count("guides"), 0);
}

TEST_F(HttpErrorsTest, UnparseableJsonIs400NamingTheProblemAndWritesNothing) {
  for (const std::string& body :
       {std::string("{\"displayName\": "), std::string("[1,2]"), std::string("{\"noSuchField\":1}"),
        std::string("{\"state\":\"NO_SUCH_STATE\"}"),
        std::string("{\"maxActiveClients\":\"x\"}")}) {
    SCOPED_TRACE(body);
    HttpReply reply =
        HttpSend(port(), "POST", "/v1/organizations/paijat-hame/guides", body, &kCoordinator);
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(reply.reason(), "MALFORMED_JSON");
    EXPECT_NE(reply.json()["message"].get<std::string>().find("rinnalla.v1.Guide"),
              std::string::npos);
  }
  EXPECT_EQ(Count("guides"), 0);
}

TEST_F(HttpErrorsTest, BadQueryParametersAre400) {
  for (const std::string& query : {std::string("noSuchParameter=1"), std::string("pageSize=many"),
                                   std::string("parent=organizations/helsinki")}) {
    SCOPED_TRACE(query);
    HttpReply reply =
        HttpGet(port(), "/v1/organizations/paijat-hame/guides?" + query, &kCoordinator);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.reason(), "INVALID_QUERY_PARAMETER");
  }
}

TEST_F(HttpErrorsTest, AnUnknownPathIs404) {
  HttpReply reply = HttpGet(port(), "/v1/organizations/paijat-hame/nothing", &kCoordinator);
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.reason(), "NO_ROUTE");
  EXPECT_EQ(
      HttpSend(port(), "DELETE", "/v1/organizations/paijat-hame/guides", "", &kCoordinator).status,
      404);
}

TEST_F(HttpErrorsTest, ATimeoutTooShortIs504) {
  HttpRequest request{"GET", "/v1/organizations/paijat-hame/guides"};
  request.headers.emplace("X-Server-Timeout", "0.000001");
  HttpReply reply = Http(port(), request, &kCoordinator);
  EXPECT_EQ(reply.status, 504) << reply.body;
  request.headers = {{"X-Server-Timeout", "soon"}};
  EXPECT_EQ(Http(port(), request, &kCoordinator).status, 400);
}

TEST_F(HttpErrorsTest, ConnectErrorsCarryTheirCodeAndDetails) {
  HttpReply reply = ConnectCall(
      port(), "Directory/CreateGuide",
      nlohmann::json{{"parent", kParent}, {"guide", nlohmann::json::parse(GuideBody(""))}}.dump(),
      &kCoordinator);
  EXPECT_EQ(reply.status, 400);
  nlohmann::json error = reply.json();
  EXPECT_EQ(error["code"], "invalid_argument");
  bool error_info = false;
  bool bad_request = false;
  for (const nlohmann::json& detail : error["details"]) {
    std::string value = detail["value"];
    EXPECT_EQ(value.find('='), std::string::npos);  // unpadded
    std::string bytes;
    ASSERT_TRUE(absl::Base64Unescape(value, &bytes));
    if (detail["type"] == "google.rpc.ErrorInfo") {
      google::rpc::ErrorInfo info;
      ASSERT_TRUE(info.ParseFromString(bytes));
      EXPECT_EQ(info.reason(), "INVALID_FIELD");
      EXPECT_EQ(detail["debug"]["reason"], "INVALID_FIELD");
      error_info = true;
    }
    if (detail["type"] == "google.rpc.BadRequest") bad_request = true;
  }
  EXPECT_TRUE(error_info && bad_request) << reply.body;
  EXPECT_EQ(Count("guides"), 0);

  EXPECT_EQ(ConnectCall(port(), "Directory/GetGuide", "{}").status, 401);
  EXPECT_EQ(ConnectCall(port(), "Directory/GetGuide", "{\"nme\":1}", &kCoordinator).json()["code"],
            "invalid_argument");
  HttpRequest wrong_type{"POST", "/rinnalla.v1.Directory/GetGuide", "{}", "text/plain"};
  EXPECT_EQ(Http(port(), wrong_type, &kCoordinator).status, 415);
}

TEST_F(HttpErrorsTest, ConnectTakesAndAnswersBinaryMessages) {
  v1::Guide guide = MustCreateGuide();
  v1::GetGuideRequest request;
  request.set_name(guide.name());
  HttpReply reply = Http(
      port(),
      {"POST", "/rinnalla.v1.Directory/GetGuide", request.SerializeAsString(), "application/proto"},
      &kCoordinator);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "application/proto");
  v1::Guide got;
  ASSERT_TRUE(got.ParseFromString(reply.body));
  EXPECT_EQ(got.name(), guide.name());
}

}  // namespace
}  // namespace rinnalla::testing
