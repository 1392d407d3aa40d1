#ifndef RINNALLA_SERVICES_DIRECTORY_CLIENTS_H_
#define RINNALLA_SERVICES_DIRECTORY_CLIENTS_H_

#include "absl/status/status.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/v1/directory.pb.h"
#include "client_access.h"
#include "rpc.h"

namespace rinnalla::directory {

// Clients of adult social work: validate, authorize, then one repository call. Staff (social
// workers and coordinators) manage clients; guides read them through an assignment.
class Clients {
 public:
  Clients(storage::DirectoryRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Create(const Call& call, const v1::CreateClientRequest& request, v1::Client& out);
  absl::Status Get(const Call& call, const v1::GetClientRequest& request, v1::Client& out);
  absl::Status List(const Call& call, const v1::ListClientsRequest& request,
                    v1::ListClientsResponse& out);
  absl::Status Update(const Call& call, const v1::UpdateClientRequest& request, v1::Client& out);

 private:
  storage::DirectoryRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_CLIENTS_H_
