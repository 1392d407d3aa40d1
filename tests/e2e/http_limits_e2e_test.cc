// The HTTP listener's limits and what it tells browsers: 413, 431, 429 beyond the server's
// concurrent calls, a deadline at most the server's call timeout, a slow client cut off, CORS
// refused unless the origin is allowed, security headers, the route template (never the path) in
// the log, TLS with HSTS, the development sign-in only where it belongs, and /app-config.json.

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "directory_fixture.h"
#include "held_connection.h"
#include "http_client.h"
#include "log_capture.h"
#include "resource_names.h"
#include "test_certs.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

std::unique_ptr<TestServer> ServerWith(std::function<void(ServerOptions&)> adjust) {
  return std::make_unique<TestServer>(std::move(adjust));
}

TEST(HttpLimitsTest, ABodyTooLargeIs413AndAHeaderTooLargeIs431) {
  auto server = ServerWith([](ServerOptions& o) {
    o.http.max_body_bytes = 1024;
    o.http.max_header_bytes = 2048;
  });
  const int port = server->http_port();
  HttpReply large = HttpSend(port, "POST", "/v1/organizations/paijat-hame/guides",
                             "{\"displayName\":\"" + std::string(2000, 'a') + "\"}", &kCoordinator);
  EXPECT_EQ(large.status, 413);
  EXPECT_EQ(large.reason(), "BODY_TOO_LARGE");

  HttpRequest headers{"GET", "/v1/organizations/paijat-hame/guides"};
  for (int i = 0; i < 3; ++i)
    headers.headers.emplace("X-Filler-" + std::to_string(i), std::string(800, 'x'));
  HttpReply crowded = Http(port, headers, &kCoordinator);
  EXPECT_EQ(crowded.status, 431);
  EXPECT_EQ(crowded.reason(), "HEADERS_TOO_LARGE");
  // Within the limits the same calls are served.
  EXPECT_EQ(HttpGet(port, "/v1/organizations/paijat-hame/guides", &kCoordinator).status, 200);
  EXPECT_EQ(server->database().QueryNumber("SELECT count(*) FROM guides"), 0);
}

// --max-concurrent-calls over REST: a call beyond the limit is 429 at once, with Retry-After and
// the google.rpc.Status, while those within it wait for the database; it writes nothing.
TEST(HttpLimitsTest, CallsOverTheLimitAre429WithRetryAfter) {
  constexpr int kLimit = 8;
  constexpr int kCalls = 2 * kLimit;
  auto server = ServerWith([](ServerOptions& o) {
    o.max_concurrent_calls = kLimit;
    o.database.pool_size = 2;         // the limit, not the pool, is what runs out
    o.http.max_connections = kCalls;  // every request reaches the gRPC server
  });
  const int port = server->http_port();
  // Every call waits inside the server: at the lock, or for one of the two connections.
  HeldConnection locker(server->database().connection_string());
  locker.Exec("BEGIN");
  locker.Exec("LOCK TABLE guides IN EXCLUSIVE MODE");
  std::vector<std::future<HttpReply>> calls;
  for (int i = 0; i < kCalls; ++i) {
    calls.push_back(std::async(std::launch::async, [port, i] {
      HttpRequest request{"POST", "/v1/organizations/paijat-hame/guides",
                          nlohmann::json{{"displayName", "Opas " + std::to_string(i)},
                                         {"experienceAreas", {"MENTAL_HEALTH"}},
                                         {"languages", {"fi"}},
                                         {"municipalities", {"398"}},
                                         {"maxActiveClients", 4},
                                         {"state", "ACTIVE"}}
                              .dump()};
      request.headers.emplace("X-Server-Timeout", "60");
      return Http(port, request, &kCoordinator);
    }));
  }
  int refused = 0;
  std::vector<bool> done(kCalls, false);
  for (absl::Time until = absl::Now() + absl::Seconds(30);
       refused < kCalls - kLimit && absl::Now() < until;) {
    for (int i = 0; i < kCalls; ++i) {
      if (done[i] || calls[i].wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
        continue;
      }
      done[i] = true;
      HttpReply reply = calls[i].get();
      EXPECT_EQ(reply.status, 429) << "answered while the table was locked: " << reply.body;
      EXPECT_EQ(reply.header("Retry-After"), "1");
      EXPECT_EQ(reply.json()["code"], 8) << reply.body;
      EXPECT_NE(reply.header("X-Request-Id"), "");
      ++refused;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_GE(refused, kCalls - kLimit) << "no call was refused for the limit";
  EXPECT_EQ(server->database().QueryNumber("SELECT count(*) FROM guides"), 0);
  locker.Exec("COMMIT");

  int served = 0;
  for (int i = 0; i < kCalls; ++i) {
    if (done[i]) continue;
    HttpReply reply = calls[i].get();
    EXPECT_TRUE(reply.status == 200 || reply.status == 429) << reply.status << " " << reply.body;
    served += reply.status == 200;
  }
  EXPECT_GE(served, 2) << "the calls within the limit are served";
  EXPECT_EQ(server->database().QueryNumber("SELECT count(*) FROM guides"), served);
}

// A caller's X-Server-Timeout is bounded by --http-call-timeout, and Connect-Timeout-Ms is
// honoured: a call held by a lock ends 504 at the shorter deadline, and writes nothing.
TEST(HttpLimitsTest, ACallsDeadlineIsAtMostTheServersCallTimeout) {
  auto server = ServerWith([](ServerOptions& o) { o.http.call_timeout = absl::Milliseconds(500); });
  const int port = server->http_port();
  HeldConnection locker(server->database().connection_string());
  locker.Exec("BEGIN");
  locker.Exec("LOCK TABLE guides IN EXCLUSIVE MODE");
  const std::string guide =
      nlohmann::json{{"displayName", "Opas"}, {"experienceAreas", {"MENTAL_HEALTH"}},
                     {"languages", {"fi"}},   {"municipalities", {"398"}},
                     {"maxActiveClients", 4}, {"state", "ACTIVE"}}
          .dump();
  HttpRequest rest{"POST", "/v1/organizations/paijat-hame/guides", guide};
  rest.headers.emplace("X-Server-Timeout", "60");
  absl::Time start = absl::Now();
  HttpReply reply = Http(port, rest, &kCoordinator);
  EXPECT_EQ(reply.status, 504) << reply.body;
  EXPECT_EQ(reply.json()["code"], 4) << reply.body;
  EXPECT_LT(absl::Now() - start, absl::Seconds(10)) << "the caller's 60 s were not bounded";

  HttpRequest connect{"POST", "/rinnalla.v1.Directory/CreateGuide",
                      nlohmann::json{{"parent", "organizations/paijat-hame"},
                                     {"guide", nlohmann::json::parse(guide)}}
                          .dump()};
  connect.headers.emplace("Connect-Protocol-Version", "1");
  connect.headers.emplace("Connect-Timeout-Ms", "200");
  reply = Http(port, connect, &kCoordinator);
  EXPECT_EQ(reply.status, 504) << reply.body;
  EXPECT_EQ(reply.json()["code"], "deadline_exceeded") << reply.body;
  locker.Exec("COMMIT");
  EXPECT_EQ(server->database().QueryNumber("SELECT count(*) FROM guides"), 0);
}

TEST(HttpLimitsTest, ASlowClientIsCutOff) {
  auto server = ServerWith([](ServerOptions& o) { o.http.read_timeout = absl::Milliseconds(500); });
  RawConnection connection(server->http_port());
  ASSERT_TRUE(connection.Send("GET /app-config.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  const absl::Time start = absl::Now();
  bool closed = false;
  connection.ReadUntilClosed(absl::Seconds(20), closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST(HttpLimitsTest, CorsIsRefusedUnlessTheOriginIsAllowed) {
  auto server = ServerWith([](ServerOptions& o) { o.http.cors_origins = "https://app.example"; });
  const int port = server->http_port();
  auto preflight = [&](const std::string& origin) {
    HttpRequest request{"OPTIONS", "/rinnalla.v1.Directory/GetGuide"};
    request.headers = {{"Origin", origin},
                       {"Access-Control-Request-Method", "POST"},
                       {"Access-Control-Request-Headers", "authorization,content-type"}};
    return Http(port, request);
  };
  HttpReply refused = preflight("https://evil.example");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("Access-Control-Allow-Origin"), "");
  HttpReply allowed = preflight("https://app.example");
  EXPECT_EQ(allowed.status, 204);
  EXPECT_EQ(allowed.header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_NE(allowed.header("Access-Control-Allow-Headers").find("Authorization"),
            std::string::npos);

  // Without the flag, no origin is allowed.
  auto closed = ServerWith({});
  HttpRequest request{"OPTIONS", "/rinnalla.v1.Directory/GetGuide"};
  request.headers = {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "POST"}};
  EXPECT_EQ(Http(closed->http_port(), request).status, 403);
}

TEST(HttpLimitsTest, EveryResponseCarriesSecurityHeaders) {
  auto server = ServerWith({});
  for (const HttpReply& reply :
       {HttpGet(server->http_port(), "/v1/organizations/paijat-hame/guides", &kCoordinator),
        HttpGet(server->http_port(), "/v1/organizations/paijat-hame/guides"),
        HttpGet(server->http_port(), "/nothing-here")}) {
    EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(reply.header("Cache-Control"), "no-store");
    EXPECT_NE(reply.header("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(reply.header("Strict-Transport-Security"), "");  // plaintext
  }
}

// A path and a query can hold what identifies a client (its id, a record system's reference):
// the log line writes the route template alone.
TEST(HttpLimitsTest, TheLogLineWritesTheRouteTemplateNeverThePath) {
  auto server = ServerWith({});
  LogCapture log;
  const std::string id = NewUuid();
  HttpReply reply =
      HttpGet(server->http_port(), "/v1/organizations/paijat-hame/clients/" + id, &kSocialWorker);
  EXPECT_EQ(reply.status, 404);
  HttpGet(server->http_port(),
          "/v1/organizations/paijat-hame/"
          "clients?filter=external_ref%20%3D%20%22apotti%2F131052-308T%22",
          &kSocialWorker);
  // The line is written once the response has gone.
  std::string text = log.text();
  for (absl::Time until = absl::Now() + absl::Seconds(10);
       text.find("GET /v1/{parent=organizations/*}/clients") == std::string::npos &&
       absl::Now() < until;
       text = log.text()) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_NE(
      text.find(
          R"("event":"http","route":"GET /v1/{name=organizations/*/clients/*}","status":404)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("route":"GET /v1/{parent=organizations/*}/clients","status":200)"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find(id), std::string::npos) << text;
  EXPECT_EQ(text.find("131052"), std::string::npos) << text;
}

TEST(HttpLimitsTest, TlsServesWithHsts) {
  TestCerts certs = MakeTestCerts();
  const std::string cert = WriteTempFile("http-cert.pem", certs.server_cert);
  const std::string key = WriteTempFile("http-key.pem", certs.server_key);
  const std::string ca = WriteTempFile("http-ca.pem", certs.ca_cert);
  auto server = std::make_unique<TestServer>(
      [&](ServerOptions& o) {
        o.tls_cert = cert;
        o.tls_key = key;
      },
      grpc::SslCredentials(grpc::SslCredentialsOptions{certs.ca_cert, "", ""}));
  httplib::SSLClient client("127.0.0.1", server->http_port());
  client.set_ca_cert_path(ca.c_str());
  client.enable_server_certificate_verification(true);
  httplib::Result result = client.Get("/app-config.json");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
  // Plaintext to the TLS port gets no API answer.
  EXPECT_NE(HttpGet(server->http_port(), "/app-config.json").status, 200);
}

TEST(HttpLimitsTest, PlaintextOffLoopbackIsRefusedUnlessAllowed) {
  TestDatabase database;
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.connection_string = database.server_connection_string();
  options.jwt_public_keys = TestPublicKeyFile();
  options.http.listen = "0.0.0.0:0";
  auto refused = RinnallaServer::Start(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("plaintext HTTP"), std::string::npos);
  options.allow_insecure = true;
  auto allowed = RinnallaServer::Start(options);
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_GT((*allowed)->http_port(), 0);
}

std::string DevSignInFile() {
  nlohmann::json file = {{"privateKey", WriteTempFile("dev-private.pem", TestKeys().private_pem)},
                         {"users",
                          {{{"sub", "users/koordinaattori"},
                            {"org", "paijat-hame"},
                            {"role", "coordinator"},
                            {"displayName", "Kaisa Koordinaattori"}}}}};
  return WriteTempFile("dev-sign-in.json", file.dump());
}

TEST(HttpLimitsTest, DevSignInHandsOutTokensOnLoopbackOnly) {
  auto server = ServerWith([](ServerOptions& o) { o.http.dev_sign_in = DevSignInFile(); });
  const int port = server->http_port();
  HttpReply config = HttpGet(port, "/app-config.json");
  EXPECT_EQ(config.json(), nlohmann::json::parse(R"({"devSignIn":true,"oidc":null})"));
  HttpReply users = HttpGet(port, "/dev/sign-in");
  ASSERT_EQ(users.status, 200);
  EXPECT_EQ(users.json()["users"][0]["displayName"], "Kaisa Koordinaattori");
  EXPECT_EQ(users.body.find("privateKey"), std::string::npos);

  HttpReply token = HttpSend(port, "POST", "/dev/sign-in",
                             R"({"sub":"users/koordinaattori","org":"paijat-hame"})");
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_TRUE(token.json()["expireTime"].is_string());
  HttpRequest call{"GET", "/v1/organizations/paijat-hame/guides"};
  call.headers.emplace("Authorization", "Bearer " + token.json()["token"].get<std::string>());
  EXPECT_EQ(Http(port, call).status, 200);
  EXPECT_EQ(
      HttpSend(port, "POST", "/dev/sign-in", R"({"sub":"users/x","org":"paijat-hame"})").status,
      404);
  EXPECT_EQ(HttpSend(port, "POST", "/dev/sign-in", "not json").status, 400);

  // Off loopback the server refuses to start.
  TestDatabase database;
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.connection_string = database.server_connection_string();
  options.jwt_public_keys = TestPublicKeyFile();
  options.allow_insecure = true;
  options.http.listen = "0.0.0.0:0";
  options.http.dev_sign_in = DevSignInFile();
  auto refused = RinnallaServer::Start(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("loopback"), std::string::npos);
}

TEST(HttpLimitsTest, WithoutTheFlagThereIsNoDevSignIn) {
  auto server = ServerWith([](ServerOptions& o) {
    o.http.oidc_issuer = "https://tunnistus.example/realms/phhyky";
    o.http.oidc_client_id = "rinnalla-web";
  });
  EXPECT_EQ(HttpGet(server->http_port(), "/dev/sign-in").status, 404);
  EXPECT_EQ(HttpSend(server->http_port(), "POST", "/dev/sign-in",
                     R"({"sub":"users/koordinaattori","org":"paijat-hame"})")
                .status,
            404);
  HttpReply config = HttpGet(server->http_port(), "/app-config.json");
  EXPECT_EQ(config.json(), nlohmann::json::parse(R"({"devSignIn":false,"oidc":{
      "issuer":"https://tunnistus.example/realms/phhyky","clientId":"rinnalla-web",
      "scope":"openid profile","claims":{"sub":"sub","org":"org","role":"role"}}})"));
  EXPECT_NE(config.header("Content-Security-Policy").find("https://tunnistus.example"),
            std::string::npos);
}

TEST(HttpLimitsTest, TheWebRootServesTheAppAndFallsBackToIndex) {
  const std::string root = absl::StrCat(::testing::TempDir(), "rinnalla-web-", getpid());
  std::filesystem::create_directories(root);
  std::ofstream(root + "/index.html") << "<!doctype html><title>Rinnalla</title>";
  std::ofstream(root + "/app-0123abcd.js") << "console.log(1)";
  auto server = ServerWith([&](ServerOptions& o) { o.http.web_root = root; });
  const int port = server->http_port();
  HttpReply page = HttpGet(port, "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_NE(page.body.find("Rinnalla"), std::string::npos);
  HttpReply asset = HttpGet(port, "/app-0123abcd.js");
  EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.header("Content-Type"), "text/javascript; charset=utf-8");
  HttpReply route = HttpGet(port, "/clients/some-client");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, page.body);
  EXPECT_EQ(HttpGet(port, "/../../etc/passwd").body, page.body);
}

}  // namespace
}  // namespace rinnalla::testing
