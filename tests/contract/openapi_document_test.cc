// The generated OpenAPI document lists every REST route of every RPC, and its schemas follow
// protobuf's JSON mapping.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api_methods.h"
#include "http_route.h"

namespace rinnalla::contract {
namespace {

using Json = nlohmann::json;

const Json& Document() {
  static const Json document = [] {
    std::ifstream in(RINNALLA_OPENAPI_JSON);
    return Json::parse(in, nullptr, /*allow_exceptions=*/false);
  }();
  return document;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

const Json& Schema(const std::string& name) { return Document()["components"]["schemas"][name]; }

const Json& OperationAt(const std::string& path, const std::string& verb) {
  return Document()["paths"][path][verb];
}

std::set<std::string> ParameterNames(const Json& operation, const std::string& in) {
  std::set<std::string> names;
  for (const Json& parameter : operation.value("parameters", Json::array())) {
    if (parameter["in"] == in) names.insert(parameter["name"].get<std::string>());
  }
  return names;
}

TEST(OpenApiDocument, IsOpenApi31WithBearerAuth) {
  ASSERT_TRUE(Document().is_object()) << "unreadable: " << RINNALLA_OPENAPI_JSON;
  EXPECT_EQ(Document()["openapi"], "3.1.0");
  EXPECT_EQ(Document()["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  EXPECT_EQ(Document()["security"][0].count("bearerAuth"), 1u);
}

TEST(OpenApiDocument, ListsEveryRestRouteWithItsPathParameters) {
  size_t routes = 0;
  for (const auto* method : ApiMethods()) {
    for (const openapi::HttpRoute& route : openapi::RoutesOf(*method)) {
      ++routes;
      const Json& operation = OperationAt(route.openapi_path, Lower(route.verb));
      ASSERT_TRUE(operation.is_object())
          << method->full_name() << ": " << route.verb << " " << route.openapi_path;
      EXPECT_EQ(operation["summary"], method->name());
      std::set<std::string> expected;
      for (const auto& parameter : route.parameters) expected.insert(parameter.name);
      EXPECT_EQ(ParameterNames(operation, "path"), expected) << method->full_name();
      for (const char* status : {"200", "400", "401", "403", "404", "default"}) {
        EXPECT_TRUE(operation["responses"].contains(status)) << method->full_name() << status;
      }
    }
  }
  size_t operations = 0;
  for (const auto& [path, item] : Document()["paths"].items()) operations += item.size();
  EXPECT_EQ(operations, routes) << "no operation without its RPC";
}

TEST(OpenApiDocument, QueryParametersAreTheFieldsThePathAndBodyLeave) {
  EXPECT_EQ(ParameterNames(OperationAt("/v1/organizations/{org}/guides", "get"), "query"),
            (std::set<std::string>{"pageSize", "pageToken", "filter"}));
  EXPECT_EQ(ParameterNames(OperationAt("/v1/organizations/{org}/guides", "post"), "query"),
            (std::set<std::string>{"guideId", "requestId"}));
  EXPECT_EQ(ParameterNames(OperationAt("/v1/organizations/{org}/guides/{guide}", "patch"), "query"),
            (std::set<std::string>{"updateMask"}));
  const Json& watch = OperationAt("/v1/organizations/{org}/events:watch", "get");
  EXPECT_EQ(ParameterNames(watch, "query"), (std::set<std::string>{"afterCursor", "kinds"}));
  for (const Json& parameter : watch["parameters"]) {
    if (parameter["name"] == "kinds") {
      EXPECT_EQ(parameter["schema"]["type"], "array");
    }
  }
  EXPECT_TRUE(ParameterNames(OperationAt("/v1/visits:sync", "post"), "query").empty());
}

TEST(OpenApiDocument, SchemasFollowTheJsonMapping) {
  const Json& guide = Schema("rinnalla.v1.Guide")["properties"];
  EXPECT_EQ(guide["createTime"]["type"], "string");
  EXPECT_EQ(guide["createTime"]["format"], "date-time");
  EXPECT_EQ(guide["maxActiveClients"]["format"], "int32");
  EXPECT_EQ(guide["state"]["$ref"], "#/components/schemas/rinnalla.v1.Guide.State");
  EXPECT_EQ(guide["experienceAreas"]["items"]["$ref"],
            "#/components/schemas/rinnalla.v1.ExperienceArea");
  EXPECT_EQ(guide["name"]["readOnly"], true) << "output only";
  EXPECT_NE(guide["displayName"]["description"].get<std::string>().find("200 characters"),
            std::string::npos)
      << "field comments are descriptions";
  EXPECT_FALSE(guide.contains("display_name")) << "lowerCamelCase names";

  const Json& state = Schema("rinnalla.v1.Guide.State");
  EXPECT_EQ(state["type"], "string");
  EXPECT_EQ(state["enum"],
            Json::array({"STATE_UNSPECIFIED", "IN_TRAINING", "ACTIVE", "ON_BREAK", "INACTIVE"}));
  const Json& totals = Schema("rinnalla.v1.VisitTotals")["properties"];
  EXPECT_EQ(totals["minutes"]["type"], "string") << "int64 as a string";
  EXPECT_EQ(Schema("rinnalla.v1.ImportClientRequest")["properties"]["updateMask"]["type"],
            "string");
}

TEST(OpenApiDocument, ErrorsAreStatusWithErrorInfoAndBadRequest) {
  const Json& error = Schema("Error");
  EXPECT_EQ(error["properties"]["code"]["type"], "integer");
  std::set<std::string> details;
  for (const Json& detail : error["properties"]["details"]["items"]["anyOf"]) {
    details.insert(detail["allOf"][0]["properties"]["@type"]["const"].get<std::string>());
    EXPECT_TRUE(Schema(detail["allOf"][1]["$ref"].get<std::string>().substr(21)).is_object());
  }
  EXPECT_EQ(details, (std::set<std::string>{"type.googleapis.com/google.rpc.ErrorInfo",
                                            "type.googleapis.com/google.rpc.BadRequest"}));
  EXPECT_EQ(Document()["components"]["responses"]["BadRequest"]["content"]["application/json"]
                      ["schema"]["$ref"],
            "#/components/schemas/Error");
}

TEST(OpenApiDocument, StreamsAndTheCarePlanHaveTheirMediaTypes) {
  const Json& sync = OperationAt("/v1/visits:sync", "post")["requestBody"]["content"];
  EXPECT_EQ(sync["application/json"]["schema"]["type"], "array");
  EXPECT_EQ(sync["application/json"]["schema"]["items"]["$ref"],
            "#/components/schemas/rinnalla.v1.LogVisitRequest");
  EXPECT_TRUE(sync.contains("application/x-ndjson"));

  const Json& watch =
      OperationAt("/v1/organizations/{org}/events:watch", "get")["responses"]["200"]["content"];
  EXPECT_EQ(watch["application/x-ndjson"]["schema"]["properties"]["result"]["$ref"],
            "#/components/schemas/rinnalla.v1.Event");
  EXPECT_TRUE(watch.contains("text/event-stream"));

  const Json& export_care_plan = OperationAt(
      "/v1/organizations/{org}/clients/{client}:exportCarePlan", "get")["responses"]["200"];
  EXPECT_TRUE(export_care_plan["content"].contains("application/fhir+json"));
}

}  // namespace
}  // namespace rinnalla::contract
