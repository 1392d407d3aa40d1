#include "directory_service.h"

namespace rinnalla::directory {

#define RINNALLA_RPC(Name, Request, Response, target) \
  RINNALLA_DEFINE_RPC(DirectoryService, "Directory", Name, Request, Response, target)

RINNALLA_RPC(CreateGuide, CreateGuideRequest, v1::Guide, guides_.Create)
RINNALLA_RPC(GetGuide, GetGuideRequest, v1::Guide, guides_.Get)
RINNALLA_RPC(ListGuides, ListGuidesRequest, v1::ListGuidesResponse, guides_.List)
RINNALLA_RPC(UpdateGuide, UpdateGuideRequest, v1::Guide, guides_.Update)
RINNALLA_RPC(CreateClient, CreateClientRequest, v1::Client, clients_.Create)
RINNALLA_RPC(GetClient, GetClientRequest, v1::Client, clients_.Get)
RINNALLA_RPC(ListClients, ListClientsRequest, v1::ListClientsResponse, clients_.List)
RINNALLA_RPC(UpdateClient, UpdateClientRequest, v1::Client, clients_.Update)

#undef RINNALLA_RPC

}  // namespace rinnalla::directory
