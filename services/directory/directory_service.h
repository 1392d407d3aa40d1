#ifndef RINNALLA_SERVICES_DIRECTORY_DIRECTORY_SERVICE_H_
#define RINNALLA_SERVICES_DIRECTORY_DIRECTORY_SERVICE_H_

#include "guides.h"
#include "clients.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::directory {

// The Directory RPCs: each runs through the RpcRunner into the guides or clients logic.
class DirectoryService final : public v1::Directory::Service {
 public:
  DirectoryService(storage::DirectoryRepository& repository, const ClientAccess& access,
                   const RpcRunner& rpc)
      : rpc_(rpc), guides_(repository, access.policy()), clients_(repository, access) {}

  grpc::Status CreateGuide(grpc::ServerContext* context, const v1::CreateGuideRequest* request,
                           v1::Guide* response) override;
  grpc::Status GetGuide(grpc::ServerContext* context, const v1::GetGuideRequest* request,
                        v1::Guide* response) override;
  grpc::Status ListGuides(grpc::ServerContext* context, const v1::ListGuidesRequest* request,
                          v1::ListGuidesResponse* response) override;
  grpc::Status UpdateGuide(grpc::ServerContext* context, const v1::UpdateGuideRequest* request,
                           v1::Guide* response) override;
  grpc::Status CreateClient(grpc::ServerContext* context, const v1::CreateClientRequest* request,
                            v1::Client* response) override;
  grpc::Status GetClient(grpc::ServerContext* context, const v1::GetClientRequest* request,
                         v1::Client* response) override;
  grpc::Status ListClients(grpc::ServerContext* context, const v1::ListClientsRequest* request,
                           v1::ListClientsResponse* response) override;
  grpc::Status UpdateClient(grpc::ServerContext* context, const v1::UpdateClientRequest* request,
                            v1::Client* response) override;

 private:
  const RpcRunner& rpc_;
  Guides guides_;
  Clients clients_;
};

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_DIRECTORY_SERVICE_H_
