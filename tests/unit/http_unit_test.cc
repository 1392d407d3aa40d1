// The HTTP layer's pure parts: path templates, requests from paths and queries, status mapping.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http_status.h"
#include "path_template.h"
#include "rest_request.h"
#include "rest_routes.h"
#include "rinnalla/v1/directory.pb.h"
#include "rinnalla/v1/integration.pb.h"

namespace rinnalla::http {
namespace {

TEST(PathTemplateTest, MatchesVariablesAndVerbs) {
  auto get = PathTemplate::Parse("/v1/{name=organizations/*/clients/*}");
  ASSERT_TRUE(get.ok());
  auto bound = get->Match("/v1/organizations/ph/clients/c1");
  ASSERT_TRUE(bound);
  EXPECT_EQ(*bound, (PathBindings{{"name", "organizations/ph/clients/c1"}}));
  EXPECT_FALSE(get->Match("/v1/organizations/ph/clients/c1:exportCarePlan"));
  EXPECT_FALSE(get->Match("/v1/organizations/ph/clients"));
  EXPECT_FALSE(get->Match("/v1/organizations/ph/clients/c1/visits"));
  EXPECT_FALSE(get->Match("/v1/organizations//clients/c1"));

  auto verb = PathTemplate::Parse("/v1/{client=organizations/*/clients/*}:exportCarePlan");
  ASSERT_TRUE(verb.ok());
  EXPECT_TRUE(verb->has_verb());
  EXPECT_EQ(*verb->Match("/v1/organizations/ph/clients/c1:exportCarePlan"),
            (PathBindings{{"client", "organizations/ph/clients/c1"}}));
  EXPECT_FALSE(verb->Match("/v1/organizations/ph/clients/c1"));

  auto list = PathTemplate::Parse("/v1/{parent=organizations/*}/guides");
  EXPECT_EQ(*list->Match("/v1/organizations/ph/guides"),
            (PathBindings{{"parent", "organizations/ph"}}));
  EXPECT_EQ(list->literal_count(), 3);

  auto nested = PathTemplate::Parse("/v1/{guide.name=organizations/*/guides/*}");
  EXPECT_EQ(nested->variables(), std::vector<std::string>{"guide.name"});
  auto rest = PathTemplate::Parse("/files/{path=**}");
  EXPECT_EQ(*rest->Match("/files/a/b/c"), (PathBindings{{"path", "a/b/c"}}));
}

TEST(PathTemplateTest, RefusesBrokenTemplates) {
  for (const char* text : {"v1/x", "/v1/{name", "/v1/{=x}", "/v1/a:b:c", "/v1/**/x", "/v1//x"}) {
    EXPECT_FALSE(PathTemplate::Parse(text).ok()) << text;
  }
}

TEST(RestRoutesTest, EveryAnnotationReadsAndVerbsComeFirst) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  (void)v1::Guide::descriptor();
  (void)v1::Event::descriptor();
  auto routes = RestRoutes::Of({pool->FindServiceByName("rinnalla.v1.Directory"),
                                pool->FindServiceByName("rinnalla.v1.Integration")});
  ASSERT_TRUE(routes.ok()) << routes.status();
  auto found = routes->Find("GET", "/v1/organizations/ph/clients/c1:exportCarePlan");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->route->method->name(), "ExportCarePlan");
  found = routes->Find("GET", "/v1/organizations/ph/clients/c1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->route->method->name(), "GetClient");
  EXPECT_FALSE(routes->Find("PUT", "/v1/organizations/ph/clients/c1"));
}

RestRoute RouteFor(const std::string& method, const std::string& http_method,
                   const std::string& path, const std::string& body) {
  RestRoute route;
  route.http_method = http_method;
  route.path = *PathTemplate::Parse(path);
  route.body = body;
  route.method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(method);
  return route;
}

TEST(RestRequestTest, QueryParametersFillFieldsByEitherName) {
  RestRoute route = RouteFor("rinnalla.v1.Directory.ListGuides", "GET",
                             "/v1/{parent=organizations/*}/guides", "");
  v1::ListGuidesRequest request;
  ASSERT_TRUE(
      BuildRestRequest(route, {{"parent", "organizations/ph"}},
                       {{"pageSize", "5"}, {"page_token", "t"}, {"filter", "state = ACTIVE"}}, "",
                       request)
          .ok());
  EXPECT_EQ(request.parent(), "organizations/ph");
  EXPECT_EQ(request.page_size(), 5);
  EXPECT_EQ(request.page_token(), "t");
  EXPECT_EQ(request.filter(), "state = ACTIVE");

  for (QueryParameters bad : {QueryParameters{{"pageSize", "x"}}, QueryParameters{{"nope", "1"}},
                              QueryParameters{{"parent", "organizations/other"}},
                              QueryParameters{{"pageSize", "1"}, {"pageSize", "2"}}}) {
    v1::ListGuidesRequest refused;
    EXPECT_EQ(BuildRestRequest(route, {{"parent", "organizations/ph"}}, bad, "", refused).code(),
              absl::StatusCode::kInvalidArgument);
  }
}

TEST(RestRequestTest, RepeatedParametersAndEnumsByName) {
  RestRoute route = RouteFor("rinnalla.v1.Integration.WatchEvents", "GET",
                             "/v1/{parent=organizations/*}/events:watch", "");
  v1::WatchEventsRequest request;
  ASSERT_TRUE(BuildRestRequest(route, {{"parent", "organizations/ph"}},
                               {{"kinds", "client.created"}, {"kinds", "client.updated"}}, "",
                               request)
                  .ok());
  EXPECT_EQ(request.kinds_size(), 2);
}

TEST(RestRequestTest, PatchWithoutMaskUpdatesTheFieldsOfTheBody) {
  RestRoute route = RouteFor("rinnalla.v1.Directory.UpdateGuide", "PATCH",
                             "/v1/{guide.name=organizations/*/guides/*}", "guide");
  v1::UpdateGuideRequest request;
  ASSERT_TRUE(BuildRestRequest(route, {{"guide.name", "organizations/ph/guides/g"}}, {},
                               R"({"displayName":"A","max_active_clients":3,"etag":"e"})", request)
                  .ok());
  EXPECT_EQ(request.guide().name(), "organizations/ph/guides/g");
  EXPECT_EQ(request.guide().etag(), "e");
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  EXPECT_EQ(paths, (std::vector<std::string>{"display_name", "max_active_clients"}));

  v1::UpdateGuideRequest masked;
  ASSERT_TRUE(BuildRestRequest(route, {{"guide.name", "organizations/ph/guides/g"}},
                               {{"updateMask", "display_name,languages"}}, R"({"displayName":"A"})",
                               masked)
                  .ok());
  EXPECT_EQ(masked.update_mask().paths_size(), 2);
  EXPECT_EQ(masked.update_mask().paths(1), "languages");

  v1::UpdateGuideRequest nothing;
  EXPECT_FALSE(BuildRestRequest(route, {{"guide.name", "organizations/ph/guides/g"}}, {},
                                R"({"etag":"e"})", nothing)
                   .ok());
  v1::UpdateGuideRequest broken;
  EXPECT_FALSE(BuildRestRequest(route, {}, {}, R"({"displayName":)", broken).ok());
}

TEST(HttpStatusTest, EveryCodeHasItsHttpStatus) {
  const std::pair<grpc::StatusCode, int> expected[] = {
      {grpc::StatusCode::OK, 200},
      {grpc::StatusCode::CANCELLED, 499},
      {grpc::StatusCode::UNKNOWN, 500},
      {grpc::StatusCode::INVALID_ARGUMENT, 400},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 504},
      {grpc::StatusCode::NOT_FOUND, 404},
      {grpc::StatusCode::ALREADY_EXISTS, 409},
      {grpc::StatusCode::PERMISSION_DENIED, 403},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 429},
      {grpc::StatusCode::FAILED_PRECONDITION, 400},
      {grpc::StatusCode::ABORTED, 409},
      {grpc::StatusCode::OUT_OF_RANGE, 400},
      {grpc::StatusCode::UNIMPLEMENTED, 501},
      {grpc::StatusCode::INTERNAL, 500},
      {grpc::StatusCode::UNAVAILABLE, 503},
      {grpc::StatusCode::DATA_LOSS, 500},
      {grpc::StatusCode::UNAUTHENTICATED, 401},
  };
  for (const auto& [code, status] : expected) EXPECT_EQ(HttpStatusOf(code), status) << code;
  EXPECT_EQ(ConnectCodeOf(grpc::StatusCode::CANCELLED), "canceled");
  EXPECT_EQ(ConnectCodeOf(grpc::StatusCode::FAILED_PRECONDITION), "failed_precondition");
  EXPECT_EQ(RetryAfterOf(grpc::StatusCode::UNAVAILABLE), 5);
  EXPECT_EQ(RetryAfterOf(grpc::StatusCode::RESOURCE_EXHAUSTED), 1);
  EXPECT_EQ(RetryAfterOf(grpc::StatusCode::INTERNAL), std::nullopt);
}

TEST(HttpStatusTest, ErrorBodiesCarryTheDetails) {
  grpc::Status status = HttpError(absl::StatusCode::kFailedPrecondition, "GUIDE_EXCLUDED", "no");
  nlohmann::json rest = nlohmann::json::parse(RestErrorJson(status));
  EXPECT_EQ(rest["code"], 9);
  EXPECT_EQ(rest["details"][0]["@type"], "type.googleapis.com/google.rpc.ErrorInfo");
  EXPECT_EQ(rest["details"][0]["reason"], "GUIDE_EXCLUDED");
  nlohmann::json connect = nlohmann::json::parse(ConnectErrorJson(status));
  EXPECT_EQ(connect["code"], "failed_precondition");
  EXPECT_EQ(connect["details"][0]["type"], "google.rpc.ErrorInfo");
  EXPECT_EQ(connect["details"][0]["debug"]["domain"], "rinnalla.fi");
  // A status without details still says its code and an ErrorInfo.
  nlohmann::json bare = nlohmann::json::parse(
      RestErrorJson(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded")));
  EXPECT_EQ(bare["code"], 4);
  EXPECT_EQ(bare["details"][0]["reason"], "DEADLINE_EXCEEDED");
}

}  // namespace
}  // namespace rinnalla::http
