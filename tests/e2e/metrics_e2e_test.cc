// Prometheus metrics at --metrics-listen after a scripted session: the gRPC counters match the
// calls made, by method and code; every method's series exists before its first call; no label
// carries personal data or ids. The metrics are the process's own, as a server's are, so each test
// needs a fresh process: ctest runs every test alone; run the binary itself one test at a time
// (--gtest_filter), since a test after another sees the counts the first one made.

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "directory_fixture.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "resource_names.h"
#include "rinnalla/metrics/metrics.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

// One sample of the text format: name, labels, value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Parses the exposition format's sample lines (label values here never hold quotes or commas).
std::vector<Sample> ParseSamples(const std::string& text) {
  std::vector<Sample> samples;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    Sample s;
    size_t brace = line.find('{');
    size_t space = line.rfind(' ');
    if (brace != std::string::npos && brace < space) {
      s.name = line.substr(0, brace);
      std::string labels = line.substr(brace + 1, line.rfind('}') - brace - 1);
      for (absl::string_view pair : absl::StrSplit(labels, ',', absl::SkipEmpty())) {
        size_t eq = pair.find('=');
        s.labels[std::string(pair.substr(0, eq))] =
            std::string(pair.substr(eq + 2, pair.size() - eq - 3));
      }
    } else {
      s.name = line.substr(0, space);
    }
    s.value = std::stod(line.substr(space + 1));
    samples.push_back(std::move(s));
  }
  return samples;
}

// The value of the sample `name` whose labels include `labels`; -1 when there is none.
double ValueOf(const std::vector<Sample>& samples, const std::string& name,
               const std::map<std::string, std::string>& labels) {
  for (const Sample& s : samples) {
    if (s.name != name) continue;
    bool match = true;
    for (const auto& [key, value] : labels) {
      auto it = s.labels.find(key);
      match = match && it != s.labels.end() && it->second == value;
    }
    if (match) return s.value;
  }
  return -1;
}

std::map<std::string, std::string> Unary(const std::string& service, const std::string& method) {
  return {{"grpc_type", "unary"}, {"grpc_service", service}, {"grpc_method", method}};
}

std::string Scrape(int port) {
  httplib::Client client("127.0.0.1", port);
  httplib::Result result = client.Get("/metrics");
  EXPECT_TRUE(result) << "no answer from the metrics listener";
  if (!result) return "";
  EXPECT_EQ(result->status, 200);
  EXPECT_NE(result->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  return result->body;
}

const std::vector<std::string> kGoCodes = {
    "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
    "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
    "DataLoss", "Unauthenticated"};

TEST(Metrics, CountersMatchTheCallsMadeByMethodAndCode) {
  TestServer server([](ServerOptions& o) {
    o.metrics_listen = "127.0.0.1:0";
    o.health_interval = absl::Hours(1);  // no health check holds a connection while scraped
  });
  ASSERT_GT(server.server().metrics_port(), 0);

  // Before any call, every method already has its series, at zero.
  std::vector<Sample> before = ParseSamples(Scrape(server.server().metrics_port()));
  for (const char* method : {"CreateReferral", "SuggestGuides", "AssignGuide", "EndAssignment"}) {
    EXPECT_EQ(ValueOf(before, "grpc_server_started_total", Unary("rinnalla.v1.Matching", method)),
              0)
        << method;
    for (const std::string& code : kGoCodes) {
      auto labels = Unary("rinnalla.v1.Matching", method);
      labels["grpc_code"] = code;
      EXPECT_EQ(ValueOf(before, "grpc_server_handled_total", labels), 0) << method << " " << code;
    }
    EXPECT_EQ(ValueOf(before, "grpc_server_handling_seconds_count",
                      Unary("rinnalla.v1.Matching", method)),
              0);
  }
  EXPECT_EQ(ValueOf(before, "grpc_server_started_total",
                    {{"grpc_type", "server_stream"},
                     {"grpc_service", "rinnalla.v1.Integration"},
                     {"grpc_method", "WatchEvents"}}),
            0);
  EXPECT_EQ(ValueOf(before, "grpc_server_started_total",
                    {{"grpc_type", "client_stream"},
                     {"grpc_service", "rinnalla.v1.Visits"},
                     {"grpc_method", "SyncVisits"}}),
            0);

  // The session: 3 guides made, 1 refused as invalid, 1 read that finds nothing, 2 lists
  // without a token, 1 health check.
  auto directory = v1::Directory::NewStub(server.channel());
  std::vector<std::string> guide_ids;
  for (int i = 0; i < 3; ++i) {
    v1::CreateGuideRequest create;
    create.set_parent(kParent);
    *create.mutable_guide() = DirectoryTestGuide("Aino Virtanen");
    v1::Guide guide;
    ASSERT_TRUE(
        directory->CreateGuide(TestServer::ContextFor(kCoordinator).get(), create, &guide).ok());
    guide_ids.push_back(guide.name().substr(guide.name().rfind('/') + 1));
  }
  v1::CreateGuideRequest invalid;
  invalid.set_parent(kParent);
  *invalid.mutable_guide() = DirectoryTestGuide("");
  v1::Guide unused;
  EXPECT_EQ(directory->CreateGuide(TestServer::ContextFor(kCoordinator).get(), invalid, &unused)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetGuideRequest get;
  get.set_name(absl::StrCat(kParent, "/guides/", NewUuid()));
  EXPECT_EQ(
      directory->GetGuide(TestServer::ContextFor(kCoordinator).get(), get, &unused).error_code(),
      grpc::StatusCode::NOT_FOUND);
  for (int i = 0; i < 2; ++i) {
    grpc::ClientContext anonymous;
    v1::ListGuidesRequest list;
    list.set_parent(kParent);
    v1::ListGuidesResponse listed;
    EXPECT_EQ(directory->ListGuides(&anonymous, list, &listed).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::ClientContext health_context;
  grpc::health::v1::HealthCheckResponse health;
  ASSERT_TRUE(grpc::health::v1::Health::NewStub(server.channel())
                  ->Check(&health_context, grpc::health::v1::HealthCheckRequest(), &health)
                  .ok());

  const std::string text = Scrape(server.server().metrics_port());
  std::vector<Sample> after = ParseSamples(text);
  const std::map<std::pair<std::string, std::string>, std::map<std::string, double>> expected = {
      {{"rinnalla.v1.Directory", "CreateGuide"}, {{"OK", 3}, {"InvalidArgument", 1}}},
      {{"rinnalla.v1.Directory", "GetGuide"}, {{"NotFound", 1}}},
      {{"rinnalla.v1.Directory", "ListGuides"}, {{"Unauthenticated", 2}}},
      {{"rinnalla.v1.Directory", "UpdateGuide"}, {}},
      {{"rinnalla.v1.Directory", "CreateClient"}, {}},
      {{"grpc.health.v1.Health", "Check"}, {{"OK", 1}}},
  };
  for (const auto& [method, by_code] : expected) {
    SCOPED_TRACE(method.first + "/" + method.second);
    auto labels = Unary(method.first, method.second);
    double calls = 0;
    for (const std::string& code : kGoCodes) {
      auto with_code = labels;
      with_code["grpc_code"] = code;
      double want = by_code.contains(code) ? by_code.at(code) : 0;
      calls += want;
      EXPECT_EQ(ValueOf(after, "grpc_server_handled_total", with_code), want) << code;
    }
    EXPECT_EQ(ValueOf(after, "grpc_server_started_total", labels), calls);
    EXPECT_EQ(ValueOf(after, "grpc_server_handling_seconds_count", labels), calls);
    auto bucket = labels;
    bucket["le"] = "+Inf";
    EXPECT_EQ(ValueOf(after, "grpc_server_handling_seconds_bucket", bucket), calls);
    // go-grpc-prometheus's buckets (prometheus.DefBuckets).
    for (const char* le :
         {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"}) {
      bucket["le"] = le;
      EXPECT_GE(ValueOf(after, "grpc_server_handling_seconds_bucket", bucket), 0) << le;
    }
  }
  // The three guides' events were written; the pool is idle again.
  EXPECT_EQ(ValueOf(after, "rinnalla_events_written_total", {}) -
                ValueOf(before, "rinnalla_events_written_total", {}),
            3);
  EXPECT_EQ(ValueOf(after, "rinnalla_db_pool_connections", {}), 8);
  EXPECT_EQ(ValueOf(after, "rinnalla_db_pool_connections_in_use", {}), 0);
  EXPECT_GE(ValueOf(after, "rinnalla_db_pool_wait_seconds_count", {}), 4);
  for (const char* name :
       {"rinnalla_db_pool_waiting", "rinnalla_db_transaction_retries_total",
        "rinnalla_access_log_write_failures_total", "rinnalla_event_watchers",
        "rinnalla_event_delivery_lag_seconds_count", "rinnalla_suggestion_pool_refreshes_total",
        "rinnalla_visits_synced_total", "rinnalla_visits_sync_refused_total"}) {
    EXPECT_EQ(ValueOf(after, name, {}), 0) << name;
  }
  // No personal data and no ids in any label.
  EXPECT_EQ(text.find("paijat-hame"), std::string::npos);
  EXPECT_EQ(text.find("Aino"), std::string::npos);
  EXPECT_EQ(text.find("koordinaattori"), std::string::npos);
  for (const std::string& id : guide_ids) EXPECT_EQ(text.find(id), std::string::npos);
  // The same text any other listener serves (GET /metrics on the HTTP listener).
  EXPECT_NE(metrics::RenderText().find("grpc_server_handled_total"), std::string::npos);
}

TEST(Metrics, TheHttpListenerServesThemAndCountsItsRequests) {
  TestServer server([](ServerOptions& o) {
    o.http.listen = "127.0.0.1:0";
    o.health_interval = absl::Hours(1);
  });
  const int port = server.server().http_port();
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  httplib::Headers auth = {
      {"Authorization",
       "Bearer " + TestToken(kCoordinator.org, kCoordinator.role, kCoordinator.sub)}};
  for (int i = 0; i < 2; ++i) {
    httplib::Result listed =
        client.Post("/rinnalla.v1.Directory/ListGuides", auth,
                    R"({"parent":"organizations/paijat-hame"})", "application/json");
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->status, 200) << listed->body;
  }
  httplib::Result anonymous =
      client.Post("/rinnalla.v1.Directory/ListGuides", R"({"parent":"organizations/paijat-hame"})",
                  "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);

  std::vector<Sample> samples = ParseSamples(Scrape(port));
  EXPECT_EQ(ValueOf(samples, "http_server_requests_total",
                    {{"route", "POST /rinnalla.v1.Directory/ListGuides"}, {"code", "200"}}),
            2);
  EXPECT_EQ(ValueOf(samples, "http_server_requests_total",
                    {{"route", "POST /rinnalla.v1.Directory/ListGuides"}, {"code", "401"}}),
            1);
  // The Connect calls ran as gRPC calls, and were counted as such.
  auto labels = Unary("rinnalla.v1.Directory", "ListGuides");
  labels["grpc_code"] = "OK";
  EXPECT_EQ(ValueOf(samples, "grpc_server_handled_total", labels), 2);
  labels["grpc_code"] = "Unauthenticated";
  EXPECT_EQ(ValueOf(samples, "grpc_server_handled_total", labels), 1);
}

TEST(Metrics, OffCountsNoCalls) {
  TestServer server([](ServerOptions& o) {
    o.metrics = false;
    o.metrics_listen = "127.0.0.1:0";
  });
  auto directory = v1::Directory::NewStub(server.channel());
  grpc::ClientContext anonymous;
  v1::ListGuidesRequest list;
  list.set_parent(kParent);
  v1::ListGuidesResponse listed;
  EXPECT_EQ(directory->ListGuides(&anonymous, list, &listed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  std::vector<Sample> samples = ParseSamples(Scrape(server.server().metrics_port()));
  EXPECT_EQ(
      ValueOf(samples, "grpc_server_started_total", Unary("rinnalla.v1.Directory", "ListGuides")),
      -1);
  EXPECT_EQ(ValueOf(samples, "rinnalla_db_pool_connections", {}), 8);
}

}  // namespace
}  // namespace rinnalla::testing
