#include "http_listener.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "addresses.h"
#include "browser_policy.h"
#include "connect_protocol.h"
#include "dev_sign_in.h"
#include "errors.h"
#include "gateway.h"
#include "http_status.h"
#include "log.h"
#include "openapi_document.h"
#include "rest_protocol.h"
#include "rinnalla/metrics/metrics.h"
#include "web_files.h"

namespace rinnalla::http {
namespace {

using google::protobuf::MethodDescriptor;

// The method a Connect path names ("/rinnalla.v1.Directory/GetGuide") among `services`.
const MethodDescriptor* ConnectMethodOf(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services,
    absl::string_view path) {
  if (!absl::ConsumePrefix(&path, "/")) return nullptr;
  size_t slash = path.find('/');
  if (slash == absl::string_view::npos) return nullptr;
  for (const auto* service : services) {
    if (service->full_name() != path.substr(0, slash)) continue;
    return service->FindMethodByName(std::string(path.substr(slash + 1)));
  }
  return nullptr;
}

size_t HeaderBytes(const httplib::Request& request) {
  size_t bytes = 0;
  for (const auto& [name, value] : request.headers) bytes += name.size() + value.size() + 4;
  return bytes;
}

void WriteJson(int status, const std::string& json, httplib::Response& response) {
  response.status = status;
  response.set_content(json, "application/json");
}

// httplib 0.11 answers a browser that accepts "br" with brotli at quality 11, with no setting for
// it: a megabyte of JSON takes seconds to compress. Offering it only gzip (about 20 ms a megabyte)
// keeps every answer fast. The request is httplib's own non-const object, handed over as const.
void OfferOnlyGzip(const httplib::Request& request) {
  auto& headers = const_cast<httplib::Request&>(request).headers;
  auto accepted = headers.find("Accept-Encoding");
  if (accepted == headers.end()) return;
  const bool gzip = absl::StrContains(absl::AsciiStrToLower(accepted->second), "gzip");
  headers.erase("Accept-Encoding");
  if (gzip) headers.emplace("Accept-Encoding", "gzip");
}

template <typename Duration>
void SplitSeconds(absl::Duration d, Duration set) {
  const int64_t micros = absl::ToInt64Microseconds(d);
  set(static_cast<time_t>(micros / 1000000), static_cast<time_t>(micros % 1000000));
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpListener>> HttpListener::Start(
    const HttpOptions& options, const HttpTransport& transport, grpc::Server& server,
    const std::vector<std::string>& services) {
  std::unique_ptr<HttpListener> listener(new HttpListener());
  listener->options_ = options;
  listener->claims_ = transport.jwt_claims;
  const bool loopback = IsLoopback(options.listen);
  if (transport.tls_cert.empty() && !loopback && !transport.allow_insecure) {
    return absl::InvalidArgumentError(absl::StrCat(
        "refusing to serve plaintext HTTP on ", options.listen,
        ": give --tls-cert and --tls-key, or --allow-insecure behind a TLS-terminating proxy"));
  }
  if (!options.dev_sign_in.empty() && !loopback) {
    return absl::InvalidArgumentError(
        "--dev-sign-in hands out tokens to anyone who asks: it serves only on a loopback "
        "--http-listen (127.0.0.1, ::1)");
  }
  if (options.max_body_bytes <= 0 || options.max_header_bytes <= 0 ||
      options.max_connections <= 0) {
    return absl::InvalidArgumentError(
        "--http-max-body-bytes, --http-max-header-bytes and --http-max-connections must be "
        "positive");
  }
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const auto* service = pool->FindServiceByName(name);
    if (service == nullptr) return absl::InternalError(absl::StrCat("no descriptor of ", name));
    listener->services_.push_back(service);
  }
  absl::StatusOr<RestRoutes> routes = RestRoutes::Of(listener->services_);
  if (!routes.ok()) return routes.status();
  listener->routes_ = *std::move(routes);
  if (!options.dev_sign_in.empty()) {
    absl::StatusOr<DevSignIn> dev = DevSignIn::Load(options.dev_sign_in, transport.jwt_issuer,
                                                    transport.jwt_audience, transport.jwt_claims);
    if (!dev.ok()) return dev.status();
    listener->dev_sign_in_ = std::make_unique<DevSignIn>(*std::move(dev));
  }
  listener->cors_ = std::make_unique<CorsPolicy>(options.cors_origins);
  listener->csp_ = ContentSecurityPolicy(options.oidc_issuer);
  listener->gateway_ = std::make_unique<Gateway>(server, options);

  if (transport.tls_cert.empty()) {
    listener->http_ = std::make_unique<httplib::Server>();
  } else {
    listener->tls_ = true;
    listener->http_ = std::make_unique<httplib::SSLServer>(
        transport.tls_cert.c_str(), transport.tls_key.c_str(),
        transport.tls_client_ca.empty() ? nullptr : transport.tls_client_ca.c_str());
    if (!listener->http_->is_valid()) {
      return absl::InvalidArgumentError(
          "--tls-cert/--tls-key: the HTTP listener cannot use this certificate and key");
    }
  }
  // A caller that vanishes mid-response must not end the process (TLS writes raise SIGPIPE).
  std::signal(SIGPIPE, SIG_IGN);
  listener->Route();

  const size_t colon = options.listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(options.listen.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http-listen: expected HOST:PORT, not ", options.listen));
  }
  std::string host = options.listen.substr(0, colon);
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]"))
    host = host.substr(1, host.size() - 2);
  if (port == 0) {
    port = listener->http_->bind_to_any_port(host);
  } else if (!listener->http_->bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  listener->port_ = port;
  listener->thread_ = std::thread([l = listener.get()] { l->http_->listen_after_bind(); });
  // stop() only ends a listener that runs; one stopped before it ran would never end.
  for (int i = 0; i < 5000 && !listener->http_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  spdlog::info(R"("event":"serving_http","listen":{},"port":{},"tls":{})",
               JsonString(options.listen), port, listener->tls_);
  return listener;
}

void HttpListener::Route() {
  httplib::Server& http = *http_;
  const int threads = options_.max_connections;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(static_cast<size_t>(options_.max_body_bytes));
  SplitSeconds(options_.read_timeout, [&](time_t s, time_t us) { http.set_read_timeout(s, us); });
  SplitSeconds(options_.write_timeout, [&](time_t s, time_t us) { http.set_write_timeout(s, us); });
  http.set_keep_alive_timeout(
      std::max<time_t>(1, static_cast<time_t>(absl::ToInt64Seconds(options_.idle_timeout))));
  http.set_keep_alive_max_count(100);
  // httplib writes a response's headers and its body apart: with Nagle's algorithm the body
  // waits for the caller's (delayed) acknowledgement of the headers, about 40 ms a call.
  http.set_tcp_nodelay(true);

  http.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        if (HeaderBytes(request) > static_cast<size_t>(options_.max_header_bytes)) {
          WriteJson(431,
                    RestErrorJson(HttpError(absl::StatusCode::kInvalidArgument, "HEADERS_TOO_LARGE",
                                            absl::StrCat("the request's headers are larger than ",
                                                         options_.max_header_bytes, " bytes"))),
                    response);
          return httplib::Server::HandlerResponse::Handled;
        }
        OfferOnlyGzip(request);
        if (request.method == "OPTIONS") {
          cors_->AnswerPreflight(request, response);
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  http.set_post_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        cors_->AddHeaders(request, response);
        AddSecurityHeaders(tls_, csp_, response);
        // Counted before the response is written (the logger runs after): whoever has the
        // answer finds it counted.
        metrics::HttpRequests(RouteTemplateOf(request.method, request.path), response.status)
            .Increment();
      });
  // Errors httplib answers itself (413, 414, 400 for a broken request) carry a Status too.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const absl::StatusCode code = response.status == 413   ? absl::StatusCode::kOutOfRange
                                      : response.status == 404 ? absl::StatusCode::kNotFound
                                                               : absl::StatusCode::kInvalidArgument;
        const char* reason = response.status == 413   ? "BODY_TOO_LARGE"
                             : response.status == 414 ? "URI_TOO_LONG"
                             : response.status == 404 ? "NO_ROUTE"
                                                      : "MALFORMED_REQUEST";
        const char* message = response.status == 413   ? "the request's body is too large"
                              : response.status == 414 ? "the request's path is too long"
                              : response.status == 404 ? "nothing is served here"
                                                       : "the request could not be read";
        response.set_content(RestErrorJson(HttpError(code, reason, message)), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        WriteJson(500,
                  RestErrorJson(HttpError(absl::StatusCode::kInternal, "INTERNAL",
                                          "the request could not be served")),
                  response);
      });
  http.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    std::string request_id = response.get_header_value("X-Request-Id");
    spdlog::info(R"("event":"http","route":{},"status":{},"request_id":{})",
                 JsonString(RouteTemplateOf(request.method, request.path)), response.status,
                 JsonString(request_id));
  });

  auto serve = [this](const httplib::Request& request, httplib::Response& response) {
    const std::string& path = request.path;
    if (absl::StartsWith(path, "/v1/")) {
      if (std::optional<RestRoutes::Found> found = routes_.Find(request.method, path)) {
        return ServeRest(*gateway_, *found, request, response);
      }
      return WriteRestError(HttpError(absl::StatusCode::kNotFound, "NO_ROUTE",
                                      "no API method answers this path and HTTP method"),
                            response);
    }
    if (const MethodDescriptor* method = ConnectMethodOf(services_, path)) {
      if (request.method != "POST") {
        response.set_header("Allow", "POST");
        return WriteJson(
            405,
            ConnectErrorJson(HttpError(absl::StatusCode::kUnimplemented, "METHOD_NOT_ALLOWED",
                                       "Connect calls are POST")),
            response);
      }
      return ServeConnect(*gateway_, *method, request, response);
    }
    if (path == "/metrics" && request.method == "GET") {
      response.set_content(metrics::RenderText(), metrics::kTextContentType);
      return;
    }
    if (path == "/openapi.json" && request.method == "GET") {
      return WriteJson(200, std::string(OpenApiDocument()), response);
    }
    if (path == "/app-config.json" && request.method == "GET") {
      nlohmann::json oidc = nullptr;
      if (!options_.oidc_issuer.empty()) {
        oidc = {{"issuer", options_.oidc_issuer},
                {"clientId", options_.oidc_client_id},
                {"scope", options_.oidc_scope},
                {"claims", {{"sub", claims_.sub}, {"org", claims_.org}, {"role", claims_.role}}}};
      }
      return WriteJson(
          200, nlohmann::json{{"devSignIn", dev_sign_in_ != nullptr}, {"oidc", oidc}}.dump(),
          response);
    }
    if (path == "/dev/sign-in" && dev_sign_in_ != nullptr) {
      if (request.method == "GET") return WriteJson(200, dev_sign_in_->users_json(), response);
      if (request.method == "POST") {
        absl::StatusOr<std::string> token = dev_sign_in_->SignIn(request.body, absl::Now());
        if (!token.ok()) return WriteRestError(ToGrpcStatus(token.status()), response);
        return WriteJson(200, *token, response);
      }
    }
    if (request.method == "GET" && !options_.web_root.empty() &&
        ServeWebFile(options_.web_root, path, response)) {
      return;
    }
    WriteRestError(HttpError(absl::StatusCode::kNotFound, "NO_ROUTE", "nothing is served here"),
                   response);
  };
  http.Get(".*", serve);
  http.Post(".*", serve);
  http.Patch(".*", serve);
  http.Put(".*", serve);
  http.Delete(".*", serve);
}

std::string HttpListener::RouteTemplateOf(const std::string& method,
                                          const std::string& path) const {
  if (absl::StartsWith(path, "/v1/")) {
    if (std::optional<RestRoutes::Found> found = routes_.Find(method, path)) {
      return absl::StrCat(method, " ", found->route->path.text());
    }
    return absl::StrCat(method, " /v1/(no route)");
  }
  if (const MethodDescriptor* m = ConnectMethodOf(services_, path)) {
    return absl::StrCat(method, " /", m->service()->full_name(), "/", m->name());
  }
  if (path == "/app-config.json" || path == "/dev/sign-in" || path == "/metrics" ||
      path == "/openapi.json") {
    return absl::StrCat(method, " ", path);
  }
  // The web app's own routes may hold ids; its files are named by the build.
  return absl::StrCat(method, " (web app)");
}

void HttpListener::StopAccepting() {
  if (http_ != nullptr) http_->stop();
}

void HttpListener::Wait() {
  if (thread_.joinable()) thread_.join();
}

HttpListener::~HttpListener() {
  StopAccepting();
  Wait();
}

}  // namespace rinnalla::http
