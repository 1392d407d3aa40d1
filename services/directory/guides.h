#ifndef RINNALLA_SERVICES_DIRECTORY_GUIDES_H_
#define RINNALLA_SERVICES_DIRECTORY_GUIDES_H_

#include "absl/status/status.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/v1/directory.pb.h"
#include "policy.h"
#include "rpc.h"

namespace rinnalla::directory {

// The guide pool: validate, authorize, then one repository call. Coordinators manage guides;
// staff read them; a guide reads their own profile.
class Guides {
 public:
  Guides(storage::DirectoryRepository& repository, const AccessPolicy& policy)
      : repository_(repository), policy_(policy) {}

  absl::Status Create(const Call& call, const v1::CreateGuideRequest& request, v1::Guide& out);
  absl::Status Get(const Call& call, const v1::GetGuideRequest& request, v1::Guide& out);
  absl::Status List(const Call& call, const v1::ListGuidesRequest& request,
                    v1::ListGuidesResponse& out);
  absl::Status Update(const Call& call, const v1::UpdateGuideRequest& request, v1::Guide& out);

 private:
  storage::DirectoryRepository& repository_;
  const AccessPolicy& policy_;
};

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_GUIDES_H_
