#include "integration_service.h"

namespace rinnalla::integration {

grpc::Status IntegrationService::ImportClientMessages(grpc::ServerContext* context,
                                                      grpc::ServerReader<grpc::ByteBuffer>* reader,
                                                      v1::ImportClientsResponse* response) {
  return rpc_.Run(context, "/rinnalla.v1.Integration/ImportClients",
                  [&](const Call& call, StreamTally& tally) {
                    RequestStream<v1::ImportClientRequest> requests(*reader);
                    return import_.Import(call, requests, *response, tally);
                  });
}

grpc::Status IntegrationService::StreamedWatchEvents(
    grpc::ServerContext* context,
    grpc::ServerSplitStreamer<v1::WatchEventsRequest, v1::Event>* stream) {
  return rpc_.RunServerStream<v1::WatchEventsRequest, v1::Event>(
      context, "/rinnalla.v1.Integration/WatchEvents", *stream,
      [&](const Call& call, const v1::WatchEventsRequest& request, StreamTally& tally) {
        return watch_.Watch(call, request, *context, *stream, tally);
      });
}

RINNALLA_DEFINE_RPC(IntegrationService, "Integration", ExportCarePlan, ExportCarePlanRequest,
                    v1::ExportCarePlanResponse, export_.Export)

}  // namespace rinnalla::integration
