#include "server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server_builder.h>
#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "directory_service.h"
#include "log.h"
#include "principal.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/migrations.h"
#include "rinnalla/storage/status.h"
#include "rpc.h"

namespace rinnalla {

// Everything the RPCs use, alive as long as the server.
struct RinnallaServer::Services {
  std::unique_ptr<Authenticator> authenticator;
  std::unique_ptr<RpcRunner> rpc;
  std::unique_ptr<storage::DirectoryRepository> directory_repository;
  std::unique_ptr<directory::DirectoryService> directory;
};

absl::StatusOr<std::unique_ptr<RinnallaServer>> RinnallaServer::Start(
    const ServerOptions& options) {
  std::unique_ptr<RinnallaServer> server(new RinnallaServer());
  server->options_ = options;
  ASSIGN_OR_RETURN(server->database_, storage::Database::Connect(options.database));
  ASSIGN_OR_RETURN(storage::SchemaState schema,
                   storage::CheckSchema(*server->database_, storage::BundledMigrations()));
  if (!schema.pending.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the database schema is at version ", schema.applied_version, " but this server needs ",
        schema.latest_version, "; run: rinnalla migrate --database '<connection string>'"));
  }

  auto services = std::make_unique<Services>();
  if (options.insecure_dev_auth) {
    services->authenticator = std::make_unique<DevHeaderAuthenticator>();
  } else {
    services->authenticator = std::make_unique<RefuseAllAuthenticator>();
  }
  services->rpc = std::make_unique<RpcRunner>(*services->authenticator);
  services->directory_repository = storage::MakePgDirectoryRepository(*server->database_);
  services->directory = std::make_unique<directory::DirectoryService>(
      *services->directory_repository, *services->rpc);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &server->port_);
  builder.RegisterService(services->directory.get());
  // Sync server: each call runs on a thread of a bounded pool; the database pool bounds the rest.
  grpc::ResourceQuota quota("rinnalla-server");
  quota.SetMaxThreads(std::max(16, options.database.pool_size * 4));
  builder.SetResourceQuota(quota);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  server->services_ = std::move(services);
  server->server_->GetHealthCheckService()->SetServingStatus(true);
  server->health_watcher_ = std::thread([s = server.get()] { s->WatchDatabase(); });
  spdlog::info(R"("event":"serving","listen":{},"port":{})", JsonString(options.listen),
               server->port_);
  return server;
}

void RinnallaServer::WatchDatabase() {
  std::unique_lock lock(mutex_);
  bool serving = true;
  absl::Time next_prune = absl::Now();
  while (!stop_.wait_for(lock, absl::ToChronoMilliseconds(options_.health_interval),
                         [&] { return stopping_; })) {
    lock.unlock();
    bool answers = database_->Ping(options_.health_interval).ok();
    if (answers && absl::Now() >= next_prune) {
      // Housekeeping rides on the same loop: request ids are kept 7 days, then forgotten.
      next_prune = absl::Now() + absl::Hours(1);
      if (absl::StatusOr<int> pruned = database_->PruneRequestIds(absl::Hours(24 * 7));
          pruned.ok() && *pruned > 0) {
        spdlog::info(R"("event":"pruned_request_ids","count":{})", *pruned);
      }
    }
    lock.lock();
    if (stopping_) break;
    if (answers != serving) {
      serving = answers;
      server_->GetHealthCheckService()->SetServingStatus(serving);
      spdlog::warn(R"("event":"health","database":"{}")", serving ? "answers" : "unreachable");
    }
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
  spdlog::info(R"("event":"stopping","drain_seconds":{})",
               absl::ToInt64Seconds(options_.drain_timeout));
  // Health answers NOT_SERVING from here on; new calls are refused, in-flight ones may finish.
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.drain_timeout));
  server_->Wait();
  spdlog::info(R"("event":"stopped")");
}

RinnallaServer::~RinnallaServer() { Shutdown(); }

}  // namespace rinnalla
