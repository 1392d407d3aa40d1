#ifndef RINNALLA_SERVICES_SERVER_SERVER_H_
#define RINNALLA_SERVICES_SERVER_SERVER_H_

#include <grpcpp/server.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "http_listener.h"
#include "http_options.h"
#include "memory_return.h"
#include "rinnalla/storage/database.h"
#include "scoring.h"
#include "write_groups.h"

namespace rinnalla {

// The largest request message the server reads (gRPC's default is 4 MiB). The largest request
// the field rules bound is CreateProgressNote at about 240 KB (an 8,000-character text and 50
// goal ratings with 1,000-character comments, every character 4 bytes of UTF-8); a
// LogVisitRequest is at most about 70 KB (a 4,000-character summary and 12 places with
// 1,000-character notes), an imported client about 15 KB. A recorded meeting's goals (about
// 12 KB each at most) are not counted by the rules: 1 MiB holds some 80. Larger messages are
// RESOURCE_EXHAUSTED before any handler runs.
inline constexpr int kMaxRequestBytes = 1024 * 1024;

// The health name a liveness probe asks: SERVING from start until stopping (never follows the
// database, unlike "" and the services' names).
inline constexpr char kLivenessHealthName[] = "liveness";

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";
  storage::DatabaseOptions database;
  // Calls served at once (threads of the sync server); beyond it, calls are RESOURCE_EXHAUSTED.
  // Calls beyond the database pool wait for a connection (see DatabaseOptions::lease_timeout).
  int max_concurrent_calls = 256;
  // How long in-flight calls may finish after a stop is asked for.
  absl::Duration drain_timeout = absl::Seconds(20);
  // How often the database is asked whether it answers (health).
  absl::Duration health_interval = absl::Seconds(2);
  // Signed tokens: the trusted public keys (a PEM file or a JWKS file), and the `iss` and `aud`
  // every token must carry.
  std::string jwt_public_keys;
  std::string jwt_issuer = "rinnalla-local";
  std::string jwt_audience = "rinnalla";
  absl::Duration jwt_clock_skew = absl::Seconds(60);
  // The claims naming the caller (the guide's resource name, the organization, the role).
  ClaimNames jwt_claims;
  // TLS: certificate chain and key (PEM); with a client CA, callers must present a certificate
  // it signed (mutual TLS, for record-system integrations).
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // Plaintext is served only on loopback unless this is set.
  bool allow_insecure = false;
  // How guide suggestions weigh their criteria (see services/matching/scoring.h).
  matching::ScoringWeights match_weights;
  // How long the event feed keeps events; a cursor older than that is CURSOR_EXPIRED.
  absl::Duration event_retention = absl::Hours(24 * 30);
  // The time housekeeping (hourly pruning of request ids and events) goes by; tests move it
  // ahead to see the server prune.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
  // FHIR Identifier.system URIs of record systems' client ids: "apotti=urn:oid:...,...".
  std::string fhir_identifier_systems;
  // The services this server runs: "all" or e.g. "directory,matching" (see ServiceSelection).
  std::string services = "all";
  // Count every call in Prometheus metrics (grpc_server_*); off only to measure what they cost.
  bool metrics = true;
  // host:port of a small HTTP listener serving GET /metrics; empty for none (port 0: any).
  std::string metrics_listen;
  // LogVisit's group commit: visits per transaction, groups written at once, and how long a
  // group may wait to fill while another is being written.
  WriteGroupOptions visit_groups;
  // The HTTP listener (REST, Connect, the web app); off while `http.listen` is empty.
  http::HttpOptions http;
};

// rinnalla-server: the selected services (all by default) in one process, plus
// grpc.health.v1.Health, overall ("") and per service name ("rinnalla.v1.Directory"): SERVING
// while the database answers, NOT_SERVING while stopping; a service not run here is NOT_FOUND.
// Server reflection describes every service listed. Metrics at --metrics-listen (or rendered
// by metrics::RenderText for another listener).
class RinnallaServer {
 public:
  // Connects to the database, refuses a schema that is behind (naming the command to run) and
  // starts serving. Errors are one line, fit for an operator.
  static absl::StatusOr<std::unique_ptr<RinnallaServer>> Start(const ServerOptions& options);
  ~RinnallaServer();

  int port() const { return port_; }
  // The port of --metrics-listen, or 0 without one.
  int metrics_port() const { return metrics_port_; }
  // The HTTP listener's port, 0 when there is none.
  int http_port() const { return http_ ? http_->port() : 0; }
  // The HTTP listener, or nullptr.
  const http::HttpListener* http() const { return http_.get(); }
  // Stops accepting calls, reports NOT_SERVING, lets in-flight calls finish within the drain
  // timeout and cancels the rest. Safe to call more than once.
  void Shutdown();

 private:
  RinnallaServer() = default;
  void WatchDatabase();
  void KeepHouse();
  // Sets the health of the server ("") and of each service it runs.
  void SetHealth(bool serving);

  ServerOptions options_;
  std::unique_ptr<storage::Database> database_;
  struct Services;
  std::unique_ptr<Services> services_;
  // Before server_: the server's interceptors count into it until the server is gone.
  struct MetricsEndpoint;
  std::unique_ptr<MetricsEndpoint> metrics_;
  int metrics_port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::vector<std::string> health_names_;
  std::unique_ptr<http::HttpListener> http_;

  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread health_watcher_;
  MemoryReturn memory_return_;
  std::thread housekeeper_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_SERVER_SERVER_H_
