// Every RPC of rinnalla.v1 is reachable over HTTP: by its google.api.http annotation (REST) and
// at /rinnalla.v1.<Service>/<Method> (Connect), found by walking the descriptors.

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "directory_fixture.h"
#include "google/api/annotations.pb.h"
#include "http_client.h"
#include "resource_names.h"
#include "rinnalla/v1/audit.grpc.pb.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rinnalla/v1/matching.grpc.pb.h"
#include "rinnalla/v1/meetings.grpc.pb.h"
#include "rinnalla/v1/notes.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace rinnalla::testing {
namespace {

using google::protobuf::MethodDescriptor;

std::vector<const MethodDescriptor*> AllMethods() {
  std::vector<const MethodDescriptor*> methods;
  for (const char* name : {"rinnalla.v1.Directory", "rinnalla.v1.Matching", "rinnalla.v1.Meetings",
                           "rinnalla.v1.Notes", "rinnalla.v1.Visits", "rinnalla.v1.Integration",
                           "rinnalla.v1.Audit"}) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    EXPECT_NE(service, nullptr) << name;
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) methods.push_back(service->method(i));
  }
  return methods;
}

// A path for a template: each variable's pattern with ids filled in.
std::string SamplePath(const std::string& path_template) {
  std::string path = std::regex_replace(path_template, std::regex(R"(\{[a-z_.]+=([^}]*)\})"), "$1");
  path = std::regex_replace(path, std::regex(R"(\{[a-z_.]+\})"), "*");
  path = std::regex_replace(path, std::regex("organizations/\\*"), "organizations/paijat-hame");
  std::string out;
  for (char c : path) out += c == '*' ? NewUuid() : std::string(1, c);
  return out;
}

class HttpSurfaceTest : public DirectoryTest {};

TEST_F(HttpSurfaceTest, EveryRpcHasAnHttpAnnotationAndARoute) {
  std::set<std::string> routed;
  for (const auto& route : server_.server().http()->routes().routes()) {
    routed.insert(route.method->full_name());
  }
  const std::vector<const MethodDescriptor*> methods = AllMethods();
  EXPECT_GT(methods.size(), 50u);
  for (const MethodDescriptor* method : methods) {
    EXPECT_TRUE(method->options().HasExtension(google::api::http)) << method->full_name();
    EXPECT_TRUE(routed.count(method->full_name())) << method->full_name();
  }
}

TEST_F(HttpSurfaceTest, EveryRestRouteReachesItsRpc) {
  const int port = server_.http_port();
  for (const auto& route : server_.server().http()->routes().routes()) {
    // A PATCH names its mask, so that an empty body reaches the RPC (which refuses the path).
    const std::string path =
        SamplePath(route.path.text()) + (route.http_method == "PATCH" ? "?updateMask=x" : "");
    std::string body = route.method->client_streaming() ? "[]" : route.body.empty() ? "" : "{}";
    HttpReply reply = Http(port, {route.http_method, path, body}, &kCoordinator);
    SCOPED_TRACE(route.http_method + " " + route.path.text() + " as " + path);
    ASSERT_NE(reply.status, 0);
    EXPECT_NE(reply.reason(), "NO_ROUTE");
    EXPECT_NE(reply.status, 501);
    EXPECT_NE(reply.status, 500) << reply.body;
    EXPECT_NE(reply.header("X-Request-Id"), "");
  }
}

// The OpenAPI document served to integrators names every REST route the listener answers, with
// its HTTP method: a sample path of each route matches one of the document's paths.
TEST_F(HttpSurfaceTest, OpenApiDocumentListsEveryRestRoute) {
  HttpReply reply = Http(server_.http_port(), {"GET", "/openapi.json", ""}, nullptr);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "application/json");
  nlohmann::json document = nlohmann::json::parse(reply.body);
  EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 3), "3.1");
  std::vector<std::pair<std::regex, const nlohmann::json*>> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    std::string pattern = std::regex_replace(path, std::regex(R"([.:])"), "\\$&");
    pattern = std::regex_replace(pattern, std::regex(R"(\{[^}]+\})"), "[^/:]+");
    documented.emplace_back(std::regex(pattern), &operations);
  }
  int routes = 0;
  for (const auto& route : server_.server().http()->routes().routes()) {
    const std::string sample = SamplePath(route.path.text());
    std::string method = route.http_method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    SCOPED_TRACE(route.http_method + " " + route.path.text() + " as " + sample);
    bool found = false;
    for (const auto& [pattern, operations] : documented) {
      found = found || (std::regex_match(sample, pattern) && operations->contains(method));
    }
    EXPECT_TRUE(found);
    ++routes;
  }
  EXPECT_GT(routes, 50);
}

TEST_F(HttpSurfaceTest, EveryRpcAnswersOverConnect) {
  const int port = server_.http_port();
  for (const MethodDescriptor* method : AllMethods()) {
    SCOPED_TRACE(method->full_name());
    const std::string path = "/" + method->service()->full_name() + "/" + method->name();
    if (method->client_streaming() || method->server_streaming()) {
      HttpRequest request{"POST", path, ConnectEnvelope("{}"), "application/connect+json"};
      HttpReply reply = Http(port, request, &kCoordinator);
      ASSERT_EQ(reply.status, 200);
      EXPECT_EQ(reply.header("Content-Type"), "application/connect+json");
      auto envelopes = ConnectEnvelopes(reply.body);
      ASSERT_FALSE(envelopes.empty());
      EXPECT_EQ(envelopes.back().first, 2);  // the end of the stream
      nlohmann::json end = nlohmann::json::parse(envelopes.back().second);
      if (end.contains("error")) {
        EXPECT_NE(end["error"]["code"], "unimplemented");
        EXPECT_NE(end["error"]["code"], "internal");
      }
      continue;
    }
    HttpReply reply =
        ConnectCall(port, method->service()->name() + "/" + method->name(), "{}", &kCoordinator);
    ASSERT_NE(reply.status, 0);
    EXPECT_EQ(reply.header("Content-Type"), "application/json");
    EXPECT_NE(reply.status, 500) << reply.body;
    EXPECT_NE(reply.status, 501) << reply.body;
    if (reply.status != 200) {
      EXPECT_TRUE(reply.json()["code"].is_string()) << reply.body;
    }
  }
}

}  // namespace
}  // namespace rinnalla::testing
