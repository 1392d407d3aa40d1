#include "directory_service.h"

namespace rinnalla::directory {

#define RINNALLA_RPC(Name, Request, Response, target)                                         \
  grpc::Status DirectoryService::Name(grpc::ServerContext* context, const Request* request,   \
                                      Response* response) {                                   \
    return rpc_.Run(context, "/rinnalla.v1.Directory/" #Name,                                 \
                    [&](const Call& call) { return target(call, *request, *response); });     \
  }

RINNALLA_RPC(CreateGuide, v1::CreateGuideRequest, v1::Guide, guides_.Create)
RINNALLA_RPC(GetGuide, v1::GetGuideRequest, v1::Guide, guides_.Get)
RINNALLA_RPC(ListGuides, v1::ListGuidesRequest, v1::ListGuidesResponse, guides_.List)
RINNALLA_RPC(UpdateGuide, v1::UpdateGuideRequest, v1::Guide, guides_.Update)
RINNALLA_RPC(CreateClient, v1::CreateClientRequest, v1::Client, clients_.Create)
RINNALLA_RPC(GetClient, v1::GetClientRequest, v1::Client, clients_.Get)
RINNALLA_RPC(ListClients, v1::ListClientsRequest, v1::ListClientsResponse, clients_.List)
RINNALLA_RPC(UpdateClient, v1::UpdateClientRequest, v1::Client, clients_.Update)

#undef RINNALLA_RPC

}  // namespace rinnalla::directory
