#ifndef RINNALLA_SERVICES_MATCHING_EXCLUSIONS_H_
#define RINNALLA_SERVICES_MATCHING_EXCLUSIONS_H_

#include "client_access.h"
#include "rinnalla/storage/matching_repository.h"
#include "rinnalla/v1/matching.pb.h"

namespace rinnalla::matching {

// "I know this person": guides who must not be matched with a client.
class Exclusions {
 public:
  Exclusions(storage::MatchingRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Add(const Call& call, const v1::AddMatchExclusionRequest& request,
                   v1::MatchExclusion& out);
  absl::Status List(const Call& call, const v1::ListMatchExclusionsRequest& request,
                    v1::ListMatchExclusionsResponse& out);
  absl::Status Remove(const Call& call, const v1::RemoveMatchExclusionRequest& request,
                      google::protobuf::Empty& out);

 private:
  storage::MatchingRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_EXCLUSIONS_H_
