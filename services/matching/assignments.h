#ifndef RINNALLA_SERVICES_MATCHING_ASSIGNMENTS_H_
#define RINNALLA_SERVICES_MATCHING_ASSIGNMENTS_H_

#include "absl/status/status.h"
#include "policy.h"
#include "rinnalla/storage/matching_repository.h"
#include "rinnalla/v1/matching.pb.h"
#include "rpc.h"

namespace rinnalla::matching {

// Assignments: a guide with a client, from AssignGuide until EndAssignment. Staff manage them; a
// guide reads their own.
class Assignments {
 public:
  Assignments(storage::MatchingRepository& repository, const AccessPolicy& policy)
      : repository_(repository), policy_(policy) {}

  absl::Status Assign(const Call& call, const v1::AssignGuideRequest& request, v1::Assignment& out);
  absl::Status Get(const Call& call, const v1::GetAssignmentRequest& request, v1::Assignment& out);
  absl::Status List(const Call& call, const v1::ListAssignmentsRequest& request,
                    v1::ListAssignmentsResponse& out);
  absl::Status Pause(const Call& call, const v1::PauseAssignmentRequest& request,
                     v1::Assignment& out);
  absl::Status Resume(const Call& call, const v1::ResumeAssignmentRequest& request,
                      v1::Assignment& out);
  absl::Status End(const Call& call, const v1::EndAssignmentRequest& request, v1::Assignment& out);

 private:
  absl::Status Change(const Call& call, absl::string_view name, absl::string_view etag,
                      const storage::AssignmentChange& change, v1::Assignment& out);

  storage::MatchingRepository& repository_;
  const AccessPolicy& policy_;
};

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_ASSIGNMENTS_H_
