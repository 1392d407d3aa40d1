// rinnalla-server: the Rinnalla services in one process.

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "absl/synchronization/mutex.h"
#include "flags.h"
#include "log.h"
#include "server.h"

int main(int argc, char** argv) {
  // A write to a reader that went away (a log pipe, a caller's socket) fails with EPIPE like any
  // other error; it must not end the server.
  std::signal(SIGPIPE, SIG_IGN);
  rinnalla::ServerOptions options;
  const char* env_database = std::getenv("RINNALLA_DATABASE");
  options.database.connection_string = env_database ? env_database : "";
  if (const char* env_services = std::getenv("RINNALLA_SERVICES")) options.services = env_services;
  rinnalla::Flags flags("rinnalla-server",
                        "serves the Rinnalla API (gRPC) for experience guidance case management.");
  flags.AddString("listen", &options.listen, "Address to serve on, host:port (port 0 = any).");
  flags.AddString("database", &options.database.connection_string,
                  "PostgreSQL connection string or URI; defaults to $RINNALLA_DATABASE.");
  flags.AddInt("pool-size", &options.database.pool_size, "Database connections in the pool.");
  flags.AddDuration("pool-timeout", &options.database.lease_timeout,
                    "How long a call waits for a free connection before UNAVAILABLE.");
  flags.AddInt("visit-group-size", &options.visit_groups.max_items,
               "LogVisit: the most visits of concurrent calls stored in one transaction.");
  flags.AddInt("visit-group-writers", &options.visit_groups.writers,
               "LogVisit: groups of visits written at the same time.");
  flags.AddDuration("visit-group-wait", &options.visit_groups.max_wait,
                    "LogVisit: how long a group may wait to fill while another is written.");
  flags.AddInt("max-concurrent-calls", &options.max_concurrent_calls,
               "Calls served at once; more are refused with RESOURCE_EXHAUSTED.");
  flags.AddDuration("drain-timeout", &options.drain_timeout,
                    "On SIGTERM/SIGINT, how long in-flight calls may finish.");
  flags.AddDuration("health-interval", &options.health_interval,
                    "How often the database is checked for the health service.");
  flags.AddString("jwt-public-keys", &options.jwt_public_keys,
                  "Required. File with the public keys that sign callers' tokens: PEM, or JWKS "
                  "({\"keys\":[...]}, chosen by kid, so keys can rotate).");
  flags.AddString("jwt-issuer", &options.jwt_issuer, "The `iss` every token must carry.");
  flags.AddString("jwt-audience", &options.jwt_audience, "The `aud` every token must carry.");
  flags.AddString("jwt-sub-claim", &options.jwt_claims.sub,
                  "The claim that names the caller (for a guide, the guide's resource name).");
  flags.AddString("jwt-org-claim", &options.jwt_claims.org,
                  "The claim that names the caller's organization.");
  flags.AddString("jwt-role-claim", &options.jwt_claims.role,
                  "The claim that names the caller's role.");
  flags.AddDuration("jwt-clock-skew", &options.jwt_clock_skew,
                    "Tolerance for `exp` and `nbf` against this machine's clock.");
  flags.AddString("tls-cert", &options.tls_cert, "Serve TLS with this certificate chain (PEM).");
  flags.AddString("tls-key", &options.tls_key, "The private key of --tls-cert (PEM).");
  flags.AddString("tls-client-ca", &options.tls_client_ca,
                  "Require client certificates signed by this CA (mutual TLS).");
  flags.AddDouble("match-weight-needs", &options.match_weights.needs,
                  "Suggestions: points for covering all of the client's needs.");
  flags.AddDouble("match-weight-municipality", &options.match_weights.municipality,
                  "Suggestions: points for working in the client's municipality.");
  flags.AddDouble("match-weight-caseload", &options.match_weights.caseload,
                  "Suggestions: points for a guide with an empty caseload (spreads the load).");
  flags.AddDouble("match-weight-continuity", &options.match_weights.continuity,
                  "Suggestions: points for a guide who guided the client before.");
  flags.AddDuration("event-retention", &options.event_retention,
                    "How long the event feed keeps events (e.g. 720h); older cursors expire.");
  flags.AddString("fhir-identifier-systems", &options.fhir_identifier_systems,
                  "FHIR Identifier.system URIs of record systems' client ids, e.g. "
                  "\"apotti=urn:oid:1.2.246.10.1,lifecare=urn:oid:1.2.246.10.2\".");
  flags.AddString("services", &options.services,
                  "The services to run: all, or some of directory,matching,meetings,visits,notes,"
                  "integration,audit (one deployment per service; health answers per name); "
                  "defaults to $RINNALLA_SERVICES, else all.");
  flags.AddString("metrics-listen", &options.metrics_listen,
                  "host:port of a listener serving Prometheus metrics at GET /metrics.");
  flags.AddBool("metrics", &options.metrics,
                "Count every call in grpc_server_* metrics (--metrics=false only to measure "
                "their cost).");
  flags.AddBool("allow-insecure", &options.allow_insecure,
                "Allow plaintext on a non-loopback address (e.g. behind a TLS proxy).");
  flags.AddString("http-listen", &options.http.listen,
                  "HTTP/1.1 listener (REST, Connect, the web app), host:port (port 0 = any); "
                  "off when empty. TLS with --tls-cert/--tls-key.");
  flags.AddInt("http-max-body-bytes", &options.http.max_body_bytes,
               "HTTP: larger request bodies are refused with 413.");
  flags.AddInt("http-max-header-bytes", &options.http.max_header_bytes,
               "HTTP: requests with larger headers (in total) are refused with 431.");
  flags.AddInt("http-max-connections", &options.http.max_connections,
               "HTTP: connections served at once (threads); more wait for a free one.");
  flags.AddDuration("http-read-timeout", &options.http.read_timeout,
                    "HTTP: a client that sends nothing for this long is cut off.");
  flags.AddDuration("http-write-timeout", &options.http.write_timeout,
                    "HTTP: a client that reads nothing for this long is cut off.");
  flags.AddDuration("http-idle-timeout", &options.http.idle_timeout,
                    "HTTP: how long an idle keep-alive connection is kept (whole seconds).");
  flags.AddDuration("http-call-timeout", &options.http.call_timeout,
                    "HTTP: a call's deadline when it names none, and the longest it may ask for "
                    "(X-Server-Timeout, Connect-Timeout-Ms).");
  flags.AddDuration("http-stream-keepalive", &options.http.stream_keepalive,
                    "HTTP: how often a quiet stream (WatchEvents) sends a keepalive line.");
  flags.AddString("http-cors-origins", &options.http.cors_origins,
                  "HTTP: origins allowed to call from browsers elsewhere (comma-separated); "
                  "none by default.");
  flags.AddString("web-root", &options.http.web_root,
                  "HTTP: the built web app's folder, served at /.");
  flags.AddString("dev-sign-in", &options.http.dev_sign_in,
                  "HTTP, development only: a JSON file {\"privateKey\":PATH,\"users\":[...]} "
                  "whose users may sign in at /dev/sign-in; refused unless --http-listen is "
                  "loopback.");
  flags.AddString("oidc-issuer", &options.http.oidc_issuer,
                  "The web app's OpenID Connect issuer (published in /app-config.json).");
  flags.AddString("oidc-client-id", &options.http.oidc_client_id,
                  "The web app's OpenID Connect client id.");
  flags.AddString("oidc-scope", &options.http.oidc_scope,
                  "The scopes the web app asks the identity provider for; the ID token must "
                  "carry the --jwt-*-claim claims.");
  int exit_code = 0;
  std::optional<std::vector<std::string>> args = flags.ParseCommandLine(argc, argv, &exit_code);
  if (!args) return exit_code;
  if (!args->empty()) {
    std::cerr << "rinnalla-server: unexpected argument \"" << args->front() << "\" (see --help)\n";
    return 2;
  }
  if (options.database.connection_string.empty()) {
    std::cerr << "rinnalla-server: no database given: use --database or set RINNALLA_DATABASE\n";
    return 2;
  }

  // Signals are taken by sigwait below, so every thread started from here on blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Debian's Abseil checks every mutex for lock cycles, which shows up on gRPC's hot path.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  rinnalla::ConfigureJsonLogging();
  absl::StatusOr<std::unique_ptr<rinnalla::RinnallaServer>> server =
      rinnalla::RinnallaServer::Start(options);
  if (!server.ok()) {
    std::cerr << "rinnalla-server: " << server.status().message() << "\n";
    return 1;
  }
  int signal = 0;
  sigwait(&signals, &signal);
  (*server)->Shutdown();
  return 0;
}
