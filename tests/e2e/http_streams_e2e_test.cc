// Streams over REST: WatchEvents as NDJSON and as server-sent events, following live writes and
// resuming from the last cursor; SyncVisits and ImportClients as a JSON array of requests.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "absl/strings/str_split.h"
#include "http_client.h"
#include "test_keys.h"
#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

class HttpStreamsTest : public VisitsTest {
 protected:
  int port() const { return server_.http_port(); }

  // Follows the feed over REST until `want` results arrived; `on_result` sees each. The lines
  // as received (results, keepalives).
  std::vector<nlohmann::json> Follow(const std::string& query, bool events, size_t want,
                                     const std::function<void(const nlohmann::json&)>& on_result) {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(20, 0);
    httplib::Headers headers = {
        {"Authorization",
         "Bearer " + TestToken(kIntegration.org, kIntegration.role, kIntegration.sub)}};
    if (events) headers.emplace("Accept", "text/event-stream");
    std::string buffer;
    std::vector<nlohmann::json> results;
    const std::string separator = events ? "\n\n" : "\n";
    client.Get(
        "/v1/organizations/paijat-hame/events:watch" + query, headers,
        [&](const httplib::Response& response) {
          EXPECT_EQ(response.status, 200);
          EXPECT_EQ(response.get_header_value("Content-Type"),
                    events ? "text/event-stream" : "application/x-ndjson");
          return true;
        },
        [&](const char* data, size_t size) {
          buffer.append(data, size);
          for (size_t end; (end = buffer.find(separator)) != std::string::npos;) {
            std::string part = buffer.substr(0, end);
            buffer.erase(0, end + separator.size());
            if (events) {
              if (part.rfind("data: ", 0) != 0) continue;  // a comment: keepalive
              part = part.substr(6);
            }
            if (part.empty()) continue;  // an NDJSON keepalive
            nlohmann::json line = nlohmann::json::parse(part);
            EXPECT_TRUE(line.contains("result")) << part;
            results.push_back(line["result"]);
            on_result(line["result"]);
            if (results.size() >= want) return false;  // the caller goes away
          }
          return true;
        });
    return results;
  }
};

TEST_F(HttpStreamsTest, WatchEventsFollowsLiveWritesAsNdjsonAndResumes) {
  MustCreateClient("A1");
  int created = 0;
  std::vector<nlohmann::json> first = Follow("", false, 2, [&](const nlohmann::json&) {
    if (created++ == 0) MustCreateClient("A2");  // written while the feed is followed
  });
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0]["kind"], "client.created");
  EXPECT_EQ(first[1]["kind"], "client.created");
  EXPECT_NE(first[0]["resource"], first[1]["resource"]);

  MustCreateClient("A3");
  std::vector<nlohmann::json> resumed =
      Follow("?afterCursor=" + first[1]["cursor"].get<std::string>() + "&kinds=client.created",
             false, 1, [](const nlohmann::json&) {});
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_NE(resumed[0]["resource"], first[0]["resource"]);
  EXPECT_NE(resumed[0]["resource"], first[1]["resource"]);
}

TEST_F(HttpStreamsTest, WatchEventsFollowsLiveWritesAsServerSentEvents) {
  MustCreateClient("B1");
  int created = 0;
  std::vector<nlohmann::json> events = Follow("", true, 2, [&](const nlohmann::json&) {
    if (created++ == 0) MustCreateClient("B2");
  });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1]["kind"], "client.created");
  EXPECT_NE(events[0]["cursor"], events[1]["cursor"]);
}

TEST_F(HttpStreamsTest, ARefusedWatchGetsItsStatus) {
  HttpReply reply = HttpGet(port(), "/v1/organizations/paijat-hame/events:watch", &kCoordinator);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.reason(), "NOT_PERMITTED");
  reply = HttpGet(port(), "/v1/organizations/paijat-hame/events:watch?afterCursor=not-a-cursor",
                  &kIntegration);
  EXPECT_EQ(reply.status, 400) << reply.body;
}

TEST_F(HttpStreamsTest, SyncVisitsTakesAJsonArrayAndNothingIsDoubled) {
  GuideAndClient g = MakeGuidance("S1");
  auto visit = [&](int hours_ago) {
    std::string json;
    EXPECT_TRUE(
        google::protobuf::util::MessageToJsonString(
            LogRequest(g, ValidVisit(g, absl::Hours(hours_ago)), NewUuid(), NewUuid()), &json)
            .ok());
    return nlohmann::json::parse(json);
  };
  nlohmann::json batch = nlohmann::json::array({visit(30), visit(20)});
  HttpReply reply = HttpSend(port(), "POST", "/v1/visits:sync", batch.dump(), &g.caller);
  ASSERT_EQ(reply.status, 200) << reply.body;
  nlohmann::json results = reply.json()["results"];
  ASSERT_EQ(results.size(), 2u) << reply.body;
  EXPECT_TRUE(results[0].contains("visit")) << results[0];
  EXPECT_TRUE(results[1].contains("visit")) << results[1];
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM visits"), 2);

  // Sent again: the same visits, nothing doubled.
  HttpReply again = HttpSend(port(), "POST", "/v1/visits:sync", batch.dump(), &g.caller);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["results"][0]["visit"]["name"], results[0]["visit"]["name"]);
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM visits"), 2);

  // Not JSON at all: 400, nothing written.
  HttpReply broken = HttpSend(port(), "POST", "/v1/visits:sync", "[{", &g.caller);
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(broken.reason(), "MALFORMED_JSON");
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM visits"), 2);
}

// [visit, an element that is no LogVisitRequest, visit, visit]: a result at each position, the bad
// one's INVALID_ARGUMENT MALFORMED_MESSAGE, the three visits stored; resent, nothing is doubled.
TEST_F(HttpStreamsTest, SyncVisitsAnswersAMalformedElementAtItsPositionAndStoresTheOthers) {
  GuideAndClient g = MakeGuidance("S2");
  auto visit = [&](int hours_ago) {
    std::string json;
    EXPECT_TRUE(
        google::protobuf::util::MessageToJsonString(
            LogRequest(g, ValidVisit(g, absl::Hours(hours_ago)), NewUuid(), NewUuid()), &json)
            .ok());
    return nlohmann::json::parse(json);
  };
  for (const nlohmann::json& bad :
       {nlohmann::json(42), nlohmann::json{{"visit", {{"durationMinutes", "an hour"}}}},
        nlohmann::json{{"noSuchField", true}}}) {
    SCOPED_TRACE(bad.dump());
    const long long before = Count("visits");
    nlohmann::json batch = nlohmann::json::array({visit(40), bad, visit(30), visit(20)});
    HttpReply reply = HttpSend(port(), "POST", "/v1/visits:sync", batch.dump(), &g.caller);
    ASSERT_EQ(reply.status, 200) << reply.body;
    nlohmann::json results = reply.json()["results"];
    ASSERT_EQ(results.size(), 4u) << reply.body;
    for (int i : {0, 2, 3}) EXPECT_TRUE(results[i].contains("visit")) << results[i];
    ASSERT_TRUE(results[1].contains("error")) << results[1];
    EXPECT_EQ(results[1]["error"]["code"], 3);
    std::string reason;
    for (const nlohmann::json& detail : results[1]["error"]["details"]) {
      if (detail["@type"] == "type.googleapis.com/google.rpc.ErrorInfo") reason = detail["reason"];
    }
    EXPECT_EQ(reason, "MALFORMED_MESSAGE") << results[1];
    EXPECT_EQ(Count("visits"), before + 3);

    HttpReply again = HttpSend(port(), "POST", "/v1/visits:sync", batch.dump(), &g.caller);
    ASSERT_EQ(again.status, 200) << again.body;
    ASSERT_EQ(again.json()["results"].size(), 4u);
    for (int i : {0, 2, 3}) {
      EXPECT_EQ(again.json()["results"][i]["visit"]["name"], results[i]["visit"]["name"]);
    }
    EXPECT_EQ(Count("visits"), before + 3) << "a resent batch doubled a visit";
  }
}

TEST_F(HttpStreamsTest, ImportClientsTakesNdjson) {
  std::string lines;
  for (const char* ref : {"N1", "N2"}) {
    lines += nlohmann::json{{"parent", kParent},
                            {"client",
                             {{"displayName", "Tuotu Asiakas"},
                              {"externalRefs", {{{"system", "apotti"}, {"id", ref}}}},
                              {"birthYear", 1980},
                              {"municipality", "398"},
                              {"languages", {"fi"}}}}}
                 .dump() +
             "\n";
  }
  HttpReply reply =
      Http(port(), {"POST", "/v1/clients:import", lines, "application/x-ndjson"}, &kIntegration);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["results"].size(), 2u);
  EXPECT_EQ(reply.json()["createdCount"], 2);
}

}  // namespace
}  // namespace rinnalla::testing
