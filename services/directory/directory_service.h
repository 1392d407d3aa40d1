#ifndef RINNALLA_SERVICES_DIRECTORY_DIRECTORY_SERVICE_H_
#define RINNALLA_SERVICES_DIRECTORY_DIRECTORY_SERVICE_H_

#include "clients.h"
#include "guides.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::directory {

// The Directory RPCs: each runs through the RpcRunner into the guides or clients logic.
class DirectoryService final : public v1::Directory::StreamedUnaryService {
 public:
  DirectoryService(storage::DirectoryRepository& repository, const ClientAccess& access,
                   const RpcRunner& rpc)
      : rpc_(rpc), guides_(repository, access.policy()), clients_(repository, access) {}

  RINNALLA_DECLARE_RPC(CreateGuide, CreateGuideRequest, v1::Guide)
  RINNALLA_DECLARE_RPC(GetGuide, GetGuideRequest, v1::Guide)
  RINNALLA_DECLARE_RPC(ListGuides, ListGuidesRequest, v1::ListGuidesResponse)
  RINNALLA_DECLARE_RPC(UpdateGuide, UpdateGuideRequest, v1::Guide)
  RINNALLA_DECLARE_RPC(CreateClient, CreateClientRequest, v1::Client)
  RINNALLA_DECLARE_RPC(GetClient, GetClientRequest, v1::Client)
  RINNALLA_DECLARE_RPC(ListClients, ListClientsRequest, v1::ListClientsResponse)
  RINNALLA_DECLARE_RPC(UpdateClient, UpdateClientRequest, v1::Client)

 private:
  const RpcRunner& rpc_;
  Guides guides_;
  Clients clients_;
};

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_DIRECTORY_SERVICE_H_
