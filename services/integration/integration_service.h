#ifndef RINNALLA_SERVICES_INTEGRATION_INTEGRATION_SERVICE_H_
#define RINNALLA_SERVICES_INTEGRATION_INTEGRATION_SERVICE_H_

#include "care_plan_export.h"
#include "client_import.h"
#include "event_watch.h"
#include "request_stream.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::integration {

// The Integration RPCs, for client record systems: each runs through the RpcRunner into the
// import, the event watch or the care plan export.
class IntegrationService final : public v1::Integration::StreamedService {
 public:
  IntegrationService(storage::IntegrationRepository& repository, storage::EventFeed& feed,
                     const storage::EventSignal& signal, const ClientAccess& access,
                     const RpcRunner& rpc, IdentifierSystems identifier_systems)
      : rpc_(rpc),
        import_(repository, access.policy()),
        watch_(feed, signal, access.policy()),
        export_(repository, access, std::move(identifier_systems)) {
    MarkMethodStreamed(MethodIndex(v1::Integration::service_full_name(), "ImportClients"),
                       ClientStreamOfBytes(this, &IntegrationService::ImportClientMessages));
  }

  grpc::Status StreamedWatchEvents(
      grpc::ServerContext* context,
      grpc::ServerSplitStreamer<v1::WatchEventsRequest, v1::Event>* stream) override;
  RINNALLA_DECLARE_RPC(ExportCarePlan, ExportCarePlanRequest, v1::ExportCarePlanResponse)

 private:
  // ImportClients, each message parsed by the handler (RequestStream).
  grpc::Status ImportClientMessages(grpc::ServerContext* context,
                                    grpc::ServerReader<grpc::ByteBuffer>* reader,
                                    v1::ImportClientsResponse* response);

  const RpcRunner& rpc_;
  ClientImporter import_;
  EventWatch watch_;
  CarePlanExport export_;
};

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_INTEGRATION_SERVICE_H_
