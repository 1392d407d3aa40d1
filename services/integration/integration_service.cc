#include "integration_service.h"

namespace rinnalla::integration {

grpc::Status IntegrationService::ImportClients(grpc::ServerContext* context,
                                               grpc::ServerReader<v1::ImportClientRequest>* reader,
                                               v1::ImportClientsResponse* response) {
  return rpc_.Run(context, "/rinnalla.v1.Integration/ImportClients",
                  [&](const Call& call, StreamTally& tally) {
                    return import_.Import(call, *reader, *response, tally);
                  });
}

grpc::Status IntegrationService::WatchEvents(grpc::ServerContext* context,
                                             const v1::WatchEventsRequest* request,
                                             grpc::ServerWriter<v1::Event>* writer) {
  return rpc_.Run(context, "/rinnalla.v1.Integration/WatchEvents",
                  [&](const Call& call, StreamTally& tally) {
                    return watch_.Watch(call, *request, *context, *writer, tally);
                  });
}

grpc::Status IntegrationService::ExportCarePlan(grpc::ServerContext* context,
                                                const v1::ExportCarePlanRequest* request,
                                                v1::ExportCarePlanResponse* response) {
  return rpc_.Run(context, "/rinnalla.v1.Integration/ExportCarePlan",
                  [&](const Call& call) { return export_.Export(call, *request, *response); });
}

}  // namespace rinnalla::integration
