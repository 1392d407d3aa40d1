#ifndef RINNALLA_SERVICES_INTEGRATION_INTEGRATION_SERVICE_H_
#define RINNALLA_SERVICES_INTEGRATION_INTEGRATION_SERVICE_H_

#include "care_plan_export.h"
#include "client_import.h"
#include "event_watch.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::integration {

// The Integration RPCs, for client record systems: each runs through the RpcRunner into the
// import, the event watch or the care plan export.
class IntegrationService final : public v1::Integration::Service {
 public:
  IntegrationService(storage::IntegrationRepository& repository, storage::EventFeed& feed,
                     const storage::EventSignal& signal, const ClientAccess& access,
                     const RpcRunner& rpc, IdentifierSystems identifier_systems)
      : rpc_(rpc),
        import_(repository, access.policy()),
        watch_(feed, signal, access.policy()),
        export_(repository, access, std::move(identifier_systems)) {}

  grpc::Status ImportClients(grpc::ServerContext* context,
                             grpc::ServerReader<v1::ImportClientRequest>* reader,
                             v1::ImportClientsResponse* response) override;
  grpc::Status WatchEvents(grpc::ServerContext* context, const v1::WatchEventsRequest* request,
                           grpc::ServerWriter<v1::Event>* writer) override;
  grpc::Status ExportCarePlan(grpc::ServerContext* context,
                              const v1::ExportCarePlanRequest* request,
                              v1::ExportCarePlanResponse* response) override;

 private:
  const RpcRunner& rpc_;
  ClientImporter import_;
  EventWatch watch_;
  CarePlanExport export_;
};

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_INTEGRATION_SERVICE_H_
