#include "server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <prometheus/exposer.h>

#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server_builder.h>
#include <spdlog/spdlog.h>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "addresses.h"
#include "audit_service.h"
#include "client_access.h"
#include "assignment_checker.h"
#include "directory_service.h"
#include "grpc/health/v1/health.pb.h"
#include "grpc_metrics.h"
#include "integration_service.h"
#include "matching_service.h"
#include "meetings_service.h"
#include "notes_service.h"
#include "log.h"
#include "policy.h"
#include "principal.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/event_feed.h"
#include "rinnalla/storage/integration_repository.h"
#include "rinnalla/storage/matching_repository.h"
#include "rinnalla/storage/meetings_repository.h"
#include "rinnalla/storage/visits_repository.h"
#include "rinnalla/storage/migrations.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/status.h"
#include "rpc.h"
#include "service_selection.h"
#include "tokens.h"
#include "visits_service.h"

namespace rinnalla {
namespace {

// How long one round of pruning may take.
constexpr absl::Duration kHousekeepingBound = absl::Minutes(5);

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view flag) {
  std::optional<std::string> text = ReadTextFile(path);
  if (!text) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
  return *std::move(text);
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerOptions& o) {
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (o.tls_cert.empty()) {
    if (!o.tls_client_ca.empty()) return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert");
    if (!IsLoopback(o.listen) && !o.allow_insecure) {
      return absl::InvalidArgumentError(absl::StrCat(
          "refusing to serve plaintext on ", o.listen,
          ": give --tls-cert and --tls-key, or --allow-insecure behind a TLS-terminating proxy"));
    }
    return grpc::InsecureServerCredentials();
  }
  grpc::SslServerCredentialsOptions ssl;
  ASSIGN_OR_RETURN(std::string cert, ReadFile(o.tls_cert, "--tls-cert"));
  ASSIGN_OR_RETURN(std::string key, ReadFile(o.tls_key, "--tls-key"));
  ssl.pem_key_cert_pairs.push_back({key, cert});
  if (!o.tls_client_ca.empty()) {
    ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadFile(o.tls_client_ca, "--tls-client-ca"));
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

absl::StatusOr<std::unique_ptr<Authenticator>> TokenAuthenticatorFor(const ServerOptions& o) {
  if (o.jwt_public_keys.empty()) {
    return absl::InvalidArgumentError(
        "--jwt-public-keys is required: the public keys (PEM or JWKS) that sign callers' tokens");
  }
  ASSIGN_OR_RETURN(std::string text, ReadFile(o.jwt_public_keys, "--jwt-public-keys"));
  absl::StatusOr<std::vector<PublicKey>> keys = ParsePublicKeys(text);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--jwt-public-keys: ", keys.status().message()));
  }
  if (o.jwt_issuer.empty() || o.jwt_audience.empty()) {
    return absl::InvalidArgumentError("--jwt-issuer and --jwt-audience must not be empty");
  }
  return std::make_unique<TokenAuthenticator>(
      TokenVerifier(*std::move(keys),
                    {o.jwt_issuer, o.jwt_audience, o.jwt_clock_skew, o.jwt_claims}));
}

// Reflection describes a service only from descriptors linked into this binary. gRPC's own
// health service carries none (it encodes its messages by hand), so health.proto's are linked
// here, from Debian's grpc-proto, and grpcurl or buf curl can describe and call it.
const google::protobuf::FileDescriptor* HealthDescriptors() {
  return grpc::health::v1::HealthCheckRequest::descriptor()->file();
}

}  // namespace

// GET /metrics on a listener of its own (--metrics-listen).
struct RinnallaServer::MetricsEndpoint {
  std::unique_ptr<GrpcServerMetrics> grpc;
  std::unique_ptr<prometheus::Exposer> exposer;
};

// Everything the RPCs use, alive as long as the server.
struct RinnallaServer::Services {
  std::unique_ptr<Authenticator> authenticator;
  std::unique_ptr<RpcRunner> rpc;
  std::unique_ptr<AssignmentChecker> assignments;
  std::unique_ptr<AccessPolicy> policy;
  std::unique_ptr<storage::AccessLogRepository> access_log;
  std::unique_ptr<ClientAccess> client_access;
  std::unique_ptr<storage::DirectoryRepository> directory_repository;
  std::unique_ptr<storage::MatchingRepository> matching_repository;
  std::unique_ptr<storage::IntegrationRepository> integration_repository;
  std::unique_ptr<storage::EventFeed> event_feed;
  std::unique_ptr<storage::EventSignal> event_signal;
  std::unique_ptr<storage::MeetingsRepository> meetings_repository;
  std::unique_ptr<directory::DirectoryService> directory;
  std::unique_ptr<matching::MatchingService> matching;
  std::unique_ptr<meetings::MeetingsService> meetings;
  std::unique_ptr<integration::IntegrationService> integration;
  std::unique_ptr<storage::NotesRepository> notes_repository;
  std::unique_ptr<notes::NotesService> notes;
  std::unique_ptr<storage::VisitsRepository> visits_repository;
  std::unique_ptr<visits::VisitsService> visits;
  std::unique_ptr<audit::AuditService> audit;
};

absl::StatusOr<std::unique_ptr<RinnallaServer>> RinnallaServer::Start(
    const ServerOptions& options) {
  std::unique_ptr<RinnallaServer> server(new RinnallaServer());
  server->options_ = options;
  auto services = std::make_unique<Services>();
  ASSIGN_OR_RETURN(services->authenticator, TokenAuthenticatorFor(options));
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials, Credentials(options));
  absl::StatusOr<integration::IdentifierSystems> identifier_systems =
      integration::ParseIdentifierSystems(options.fhir_identifier_systems);
  if (!identifier_systems.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--fhir-identifier-systems: ", identifier_systems.status().message()));
  }
  if (options.event_retention < absl::Hours(1)) {
    return absl::InvalidArgumentError("--event-retention must be at least 1h");
  }
  ASSIGN_OR_RETURN(const ServiceSelection selection, ServiceSelection::Parse(options.services));
  ASSIGN_OR_RETURN(server->database_, storage::Database::Connect(options.database));
  ASSIGN_OR_RETURN(storage::SchemaState schema,
                   storage::CheckSchema(*server->database_, storage::BundledMigrations()));
  // CheckSchema refuses a database newer than this binary (a version it does not know).
  if (!schema.pending.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the database schema is at version ", schema.applied_version, " but this server needs ",
        schema.latest_version, "; run: rinnalla migrate --database '<connection string>'"));
  }

  services->rpc = std::make_unique<RpcRunner>(*services->authenticator);
  services->matching_repository = storage::MakePgMatchingRepository(*server->database_);
  // A guide reads a client exactly while an ACTIVE or PAUSED assignment links them.
  services->assignments =
      std::make_unique<matching::StoredAssignments>(*services->matching_repository);
  services->policy = std::make_unique<AccessPolicy>(*services->assignments);
  services->access_log = storage::MakePgAccessLogRepository(*server->database_);
  services->client_access =
      std::make_unique<ClientAccess>(*services->policy, *services->access_log);
  services->directory_repository = storage::MakePgDirectoryRepository(*server->database_);
  services->directory = std::make_unique<directory::DirectoryService>(
      *services->directory_repository, *services->client_access, *services->rpc);
  services->matching = std::make_unique<matching::MatchingService>(
      *services->matching_repository, *services->client_access, *services->rpc,
      options.match_weights);
  services->integration_repository = storage::MakePgIntegrationRepository(*server->database_);
  services->event_feed = storage::MakePgEventFeed(*server->database_);
  if (selection.Runs(ServiceName::kIntegration)) {
    // One listening connection for every watcher of this server, outside the pool; only where
    // the feed is served.
    services->event_signal =
        std::make_unique<storage::EventSignal>(options.database.connection_string);
    services->integration = std::make_unique<integration::IntegrationService>(
        *services->integration_repository, *services->event_feed, *services->event_signal,
        *services->client_access, *services->rpc, *std::move(identifier_systems));
  }
  services->meetings_repository = storage::MakePgMeetingsRepository(*server->database_);
  services->meetings = std::make_unique<meetings::MeetingsService>(
      *services->meetings_repository, *services->client_access, *services->rpc);
  services->notes_repository = storage::MakePgNotesRepository(*server->database_);
  services->notes = std::make_unique<notes::NotesService>(*services->notes_repository,
                                                          *services->client_access, *services->rpc);
  services->visits_repository = storage::MakePgVisitsRepository(*server->database_);
  services->visits = std::make_unique<visits::VisitsService>(
      *services->visits_repository, *services->client_access, *services->rpc,
      options.visit_groups);
  services->audit = std::make_unique<audit::AuditService>(
      *services->access_log, *services->client_access, *services->rpc);

  HealthDescriptors();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, credentials, &server->port_);
  // A service not selected is not registered: its calls are UNIMPLEMENTED.
  const std::pair<ServiceName, grpc::Service*> registered[] = {
      {ServiceName::kDirectory, services->directory.get()},
      {ServiceName::kMatching, services->matching.get()},
      {ServiceName::kIntegration, services->integration.get()},
      {ServiceName::kMeetings, services->meetings.get()},
      {ServiceName::kNotes, services->notes.get()},
      {ServiceName::kVisits, services->visits.get()},
      {ServiceName::kAudit, services->audit.get()}};
  for (const auto& [name, service] : registered) {
    if (selection.Runs(name)) builder.RegisterService(service);
  }
  server->metrics_ = std::make_unique<MetricsEndpoint>();
  metrics::RegisterAll();
  if (options.metrics) {
    std::vector<std::string> counted = selection.FullNames();
    counted.push_back("grpc.health.v1.Health");
    counted.push_back("grpc.reflection.v1alpha.ServerReflection");
    server->metrics_->grpc = std::make_unique<GrpcServerMetrics>(*metrics::Registry(), counted);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> counting;
    counting.push_back(server->metrics_->grpc->InterceptorFactory());
    builder.experimental().SetInterceptorCreators(std::move(counting));
  }
  // Event feeds stay open for hours while nothing happens: HTTP/2 pings keep them (and any
  // proxy on the way) alive, and tell a vanished watcher from an idle one.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // Watchers may ping as often as every 10 s themselves.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  // Sync server: each call runs on a thread of a bounded pool; those beyond the database pool
  // wait for a connection, so the bound is generous and the database pool sets the pace.
  grpc::ResourceQuota quota("rinnalla-server");
  quota.SetMaxThreads(std::max(options.max_concurrent_calls, options.database.pool_size + 4));
  builder.SetResourceQuota(quota);
  // A thread that finishes a call exits when MAX_POLLERS (default 2) others already wait for
  // work; under steady concurrency a new thread was made every second call or so (611 in 3 s at 32
  // callers). Keeping as many as the database can serve at once keeps them.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              options.database.pool_size + 4);
  builder.SetMaxReceiveMessageSize(kMaxRequestBytes);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  server->services_ = std::move(services);
  if (!options.http.listen.empty()) {
    http::HttpTransport transport{options.tls_cert,       options.tls_key,    options.tls_client_ca,
                                  options.allow_insecure, options.jwt_issuer, options.jwt_audience,
                                  options.jwt_claims};
    absl::StatusOr<std::unique_ptr<http::HttpListener>> listener = http::HttpListener::Start(
        options.http, transport, *server->server_, selection.FullNames());
    if (!listener.ok()) {
      server->server_->Shutdown();
      return listener.status();
    }
    server->http_ = *std::move(listener);
  }
  // Health per service name and overall (""), following the database; "liveness" answers
  // SERVING until the server stops, whatever the database does, so a liveness probe restarts a
  // stuck process and never a healthy one waiting out a database failover.
  server->health_names_ = selection.FullNames();
  server->health_names_.push_back("");
  server->SetHealth(true);
  server->server_->GetHealthCheckService()->SetServingStatus(std::string(kLivenessHealthName), true);
  if (!options.metrics_listen.empty()) {
    try {
      server->metrics_->exposer = std::make_unique<prometheus::Exposer>(options.metrics_listen, 1);
    } catch (const std::exception&) {
      return absl::UnavailableError(
          absl::StrCat("--metrics-listen: cannot listen on ", options.metrics_listen));
    }
    server->metrics_->exposer->RegisterCollectable(metrics::Registry());
    std::vector<int> ports = server->metrics_->exposer->GetListeningPorts();
    server->metrics_port_ = ports.empty() ? 0 : ports.front();
  }
  server->health_watcher_ = std::thread([s = server.get()] { s->WatchDatabase(); });
  server->housekeeper_ = std::thread([s = server.get()] { s->KeepHouse(); });
  // "port" stays last: scripts and tests read it up to the closing brace.
  spdlog::info(
      R"("event":"serving","listen":{},"services":{},"http_port":{},"metrics_port":{},"port":{})",
      JsonString(options.listen), JsonString(options.services), server->http_port(),
      server->metrics_port_, server->port_);
  return server;
}

void RinnallaServer::WatchDatabase() {
  std::unique_lock lock(mutex_);
  bool serving = true;
  while (!stop_.wait_for(lock, absl::ToChronoNanoseconds(options_.health_interval),
                         [&] { return stopping_; })) {
    lock.unlock();
    // Bounded by the wall clock, on a connection of its own: a stuck database is NOT_SERVING
    // within two intervals of sticking, however busy the pool.
    bool answers = database_->Ping(options_.health_interval / 2).ok();
    lock.lock();
    if (stopping_) break;
    if (answers != serving) {
      serving = answers;
      SetHealth(serving);
      spdlog::warn(R"("event":"health","database":"{}")", serving ? "answers" : "unreachable");
    }
  }
}

void RinnallaServer::KeepHouse() {
  // Hourly by the server's clock (which tests move ahead); the database prunes what is older than
  // the retention counted back from that clock's now.
  std::unique_lock lock(mutex_);
  absl::Time next_prune = options_.clock();
  do {
    if (const absl::Time now = options_.clock(); now >= next_prune) {
      next_prune = now + absl::Hours(1);
      lock.unlock();
      const absl::Duration ahead = now - absl::Now();
      const storage::CallScope bounded =
          storage::CallScope::Background(absl::Now() + kHousekeepingBound);
      // Request ids are kept 7 days, then forgotten; events --event-retention, then pruned.
      if (absl::StatusOr<int> pruned =
              database_->PruneRequestIds(bounded, absl::Hours(24 * 7) - ahead);
          pruned.ok() && *pruned > 0) {
        spdlog::info(R"("event":"pruned_request_ids","count":{})", *pruned);
      }
      // Events are pruned by the servers that serve the feed.
      if (absl::StatusOr<int64_t> pruned =
              services_->event_signal == nullptr
                  ? absl::StatusOr<int64_t>(0)
                  : services_->event_feed->Prune(bounded, options_.event_retention - ahead);
          pruned.ok() && *pruned > 0) {
        spdlog::info(R"("event":"pruned_events","count":{})", *pruned);
      }
      lock.lock();
    }
  } while (!stop_.wait_for(lock, absl::ToChronoNanoseconds(options_.health_interval),
                           [&] { return stopping_; }));
}

void RinnallaServer::SetHealth(bool serving) {
  for (const std::string& name : health_names_) {
    server_->GetHealthCheckService()->SetServingStatus(name, serving);
  }
}

void RinnallaServer::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || server_ == nullptr) return;  // stopped already, or never started
    stopping_ = true;
  }
  stop_.notify_all();
  if (health_watcher_.joinable()) health_watcher_.join();
  if (housekeeper_.joinable()) housekeeper_.join();
  // Event watches never end by themselves: end them now, so they need not wait out the drain.
  if (services_ != nullptr && services_->event_signal != nullptr) services_->event_signal->Stop();
  spdlog::info(R"("event":"stopping","drain_seconds":{})",
               absl::ToInt64Seconds(options_.drain_timeout));
  // Health answers NOT_SERVING from here on; new calls are refused, in-flight ones may finish
  // (those that came over HTTP too: the HTTP listener takes no new connection, and its requests
  // end with their calls).
  if (http_ != nullptr) http_->StopAccepting();
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.drain_timeout));
  server_->Wait();
  if (http_ != nullptr) http_->Wait();
  spdlog::info(R"("event":"stopped")");
}

RinnallaServer::~RinnallaServer() { Shutdown(); }

}  // namespace rinnalla
