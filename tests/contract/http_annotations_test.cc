// Every RPC of rinnalla.v1 carries a google.api.http annotation (AIP-127, AIP-136), and the paths
// record systems rely on (API.md, "HTTP") are exactly the ones the annotations give.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "api_methods.h"
#include "google/api/annotations.pb.h"
#include "http_route.h"

namespace rinnalla::contract {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using openapi::FieldAt;
using openapi::HttpRoute;
using openapi::RoutesOf;

TEST(HttpAnnotations, EveryRpcOfTheApiHasOne) {
  std::vector<const MethodDescriptor*> methods = ApiMethods();
  EXPECT_GT(methods.size(), 50u) << "the walk found the services";
  for (const MethodDescriptor* method : methods) {
    EXPECT_TRUE(method->options().HasExtension(google::api::http)) << method->full_name();
    for (const HttpRoute& route : RoutesOf(*method)) {
      EXPECT_FALSE(route.verb.empty()) << method->full_name();
      EXPECT_TRUE(absl::StartsWith(route.path_template, "/v1/")) << method->full_name();
    }
  }
}

TEST(HttpAnnotations, PathVariablesAndBodiesNameFieldsOfTheRequest) {
  for (const MethodDescriptor* method : ApiMethods()) {
    for (const HttpRoute& route : RoutesOf(*method)) {
      for (const std::string& variable : route.path_fields) {
        const FieldDescriptor* field = FieldAt(*method->input_type(), variable);
        ASSERT_NE(field, nullptr) << method->full_name() << ": {" << variable << "}";
        EXPECT_EQ(field->type(), FieldDescriptor::TYPE_STRING) << method->full_name();
        EXPECT_FALSE(field->is_repeated()) << method->full_name();
      }
      if (route.verb == "GET" || route.verb == "DELETE") {
        EXPECT_TRUE(route.body.empty()) << method->full_name() << " reads its query, no body";
      } else if (route.body != "*") {
        const FieldDescriptor* body = FieldAt(*method->input_type(), route.body);
        ASSERT_NE(body, nullptr) << method->full_name() << ": body " << route.body;
        EXPECT_EQ(body->type(), FieldDescriptor::TYPE_MESSAGE) << method->full_name();
      }
      // AIP-136: a custom method that writes is POST .../{resource}:verb with the whole request.
      const std::string& path = route.path_template;
      if (route.verb == "POST" && absl::StrContains(path.substr(path.rfind('/')), ':')) {
        EXPECT_EQ(route.body, "*") << method->full_name();
      }
      // Client streams take the requests as the body.
      if (method->client_streaming()) {
        EXPECT_EQ(route.body, "*") << method->full_name();
      }
      if (!route.response_body.empty()) {
        EXPECT_NE(method->output_type()->FindFieldByName(route.response_body), nullptr)
            << method->full_name();
      }
    }
  }
}

TEST(HttpAnnotations, NoTwoRpcsShareARoute) {
  std::map<std::pair<std::string, std::string>, std::string> owner;
  for (const MethodDescriptor* method : ApiMethods()) {
    for (const HttpRoute& route : RoutesOf(*method)) {
      auto [it, inserted] =
          owner.emplace(std::pair(route.verb, route.openapi_path), method->full_name());
      EXPECT_TRUE(inserted) << method->full_name() << " and " << it->second << " share "
                            << route.verb << " " << route.openapi_path;
    }
  }
}

// The table of API.md: record systems depend on these, so they never change.
TEST(HttpAnnotations, MatchTheRoutesRecordSystemsRelyOn) {
  std::map<std::string, HttpRoute> routes;
  for (const MethodDescriptor* method : ApiMethods()) {
    std::vector<HttpRoute> method_routes = RoutesOf(*method);
    ASSERT_FALSE(method_routes.empty()) << method->full_name();
    routes[method->name()] = method_routes.front();
  }
  auto route = [&routes](const std::string& method) {
    return routes[method].verb + " " + routes[method].path_template;
  };
  EXPECT_EQ(route("GetClient"), "GET /v1/{name=organizations/*/clients/*}");
  EXPECT_EQ(route("GetGuide"), "GET /v1/{name=organizations/*/guides/*}");
  EXPECT_EQ(route("ListGuides"), "GET /v1/{parent=organizations/*}/guides");
  EXPECT_EQ(route("CreateClient"), "POST /v1/{parent=organizations/*}/clients");
  EXPECT_EQ(routes["CreateClient"].body, "client");
  EXPECT_EQ(route("UpdateGuide"), "PATCH /v1/{guide.name=organizations/*/guides/*}");
  EXPECT_EQ(routes["UpdateGuide"].body, "guide");
  EXPECT_EQ(route("LogVisit"), "POST /v1/{parent=organizations/*/clients/*}/visits");
  EXPECT_EQ(routes["LogVisit"].body, "visit");
  EXPECT_EQ(route("SyncVisits"), "POST /v1/visits:sync");
  EXPECT_EQ(route("ImportClients"), "POST /v1/clients:import");
  EXPECT_EQ(route("WatchEvents"), "GET /v1/{parent=organizations/*}/events:watch");
  EXPECT_EQ(route("ExportCarePlan"), "GET /v1/{client=organizations/*/clients/*}:exportCarePlan");
  EXPECT_EQ(routes["ExportCarePlan"].response_body, "bundle");
  EXPECT_EQ(route("SuggestGuides"),
            "POST /v1/{referral=organizations/*/referrals/*}:suggestGuides");
  EXPECT_EQ(route("AssignGuide"), "POST /v1/{referral=organizations/*/referrals/*}:assignGuide");
  EXPECT_EQ(route("RecordMeetingOutcome"),
            "POST /v1/{name=organizations/*/clients/*/meetings/*}:recordOutcome");
  EXPECT_EQ(route("ListAccessLog"), "GET /v1/{parent=organizations/*/clients/*}/accessLog");
  for (const char* whole_request :
       {"SyncVisits", "ImportClients", "SuggestGuides", "AssignGuide", "RecordMeetingOutcome"}) {
    EXPECT_EQ(routes[whole_request].body, "*") << whole_request;
  }
}

// The OpenAPI paths spell the resource names out, as API.md writes them.
TEST(HttpRoutes, SpellResourceNamesOutAsOpenApiPaths) {
  HttpRoute route;
  route.path_template = "/v1/{guide.name=organizations/*/guides/*}:x";
  openapi::ExpandPath(route);
  EXPECT_EQ(route.openapi_path, "/v1/organizations/{org}/guides/{guide}:x");
  ASSERT_EQ(route.parameters.size(), 2u);
  EXPECT_EQ(route.parameters[0].name, "org");
  EXPECT_EQ(route.parameters[1].name, "guide");
  EXPECT_EQ(route.parameters[1].field, "guide.name");
  EXPECT_EQ(route.path_fields, std::vector<std::string>{"guide.name"});

  route.path_template = "/v1/{name}/things";
  openapi::ExpandPath(route);
  EXPECT_EQ(route.openapi_path, "/v1/{name}/things");
  route.path_template = "/v1/{parent=organizations/*/matchExclusions/*}";
  openapi::ExpandPath(route);
  EXPECT_EQ(route.openapi_path, "/v1/organizations/{org}/matchExclusions/{matchExclusion}");
}

}  // namespace
}  // namespace rinnalla::contract
