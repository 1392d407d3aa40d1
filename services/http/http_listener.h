#ifndef RINNALLA_SERVICES_HTTP_HTTP_LISTENER_H_
#define RINNALLA_SERVICES_HTTP_HTTP_LISTENER_H_

// The HTTP/1.1 listener of rinnalla-server: REST (google.api.http) and Connect, dispatched into
// the gRPC server in-process, so every rule of a call is the gRPC call's; the web app's files,
// /app-config.json and the development sign-in. One JSON log line per request names its route
// template, never its path.

#include <grpcpp/server.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "http_options.h"
#include "rest_routes.h"
#include "tokens.h"

namespace httplib {
class Server;
}

namespace rinnalla::http {

// What the HTTP listener shares with the gRPC one.
struct HttpTransport {
  std::string tls_cert;  // PEM files; TLS when given
  std::string tls_key;
  std::string tls_client_ca;  // require client certificates from this CA
  bool allow_insecure = false;
  std::string jwt_issuer;  // for development sign-in tokens
  std::string jwt_audience;
  ClaimNames jwt_claims;  // also published to the web app, which reads them from the ID token
};

class Gateway;
class DevSignIn;
class CorsPolicy;

class HttpListener {
 public:
  // Binds and starts serving `services` (full names, e.g. "rinnalla.v1.Directory") of `server`.
  // INVALID_ARGUMENT for a setting refused (plaintext off loopback without --allow-insecure,
  // development sign-in off loopback, a bad annotation), UNAVAILABLE when it cannot listen.
  static absl::StatusOr<std::unique_ptr<HttpListener>> Start(
      const HttpOptions& options, const HttpTransport& transport, grpc::Server& server,
      const std::vector<std::string>& services);
  ~HttpListener();

  int port() const { return port_; }
  const RestRoutes& routes() const { return routes_; }

  // Stops accepting connections; requests in flight go on (the gRPC server's drain bounds them).
  void StopAccepting();
  // Waits until every request in flight has ended. StopAccepting first.
  void Wait();

 private:
  HttpListener() = default;
  void Route();
  std::string RouteTemplateOf(const std::string& method, const std::string& path) const;

  HttpOptions options_;
  ClaimNames claims_;
  bool tls_ = false;
  RestRoutes routes_;
  std::vector<const google::protobuf::ServiceDescriptor*> services_;
  std::unique_ptr<Gateway> gateway_;
  std::unique_ptr<DevSignIn> dev_sign_in_;
  std::unique_ptr<CorsPolicy> cors_;
  std::string csp_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_HTTP_LISTENER_H_
