#ifndef RINNALLA_SERVICES_MATCHING_ASSIGNMENTS_H_
#define RINNALLA_SERVICES_MATCHING_ASSIGNMENTS_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "errors.h"
#include "rinnalla/storage/matching_repository.h"
#include "rinnalla/v1/matching.pb.h"
#include "rpc.h"

namespace rinnalla::matching {

// Assignments: a guide with a client, from AssignGuide until EndAssignment. Staff manage them; a
// guide reads their own.
class Assignments {
 public:
  Assignments(storage::MatchingRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

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
  // Authorizes `action` on the assignment `name` as `subject`; a refusal is filed under the
  // assignment's client.
  absl::Status Authorize(const Call& call, Action action, const ResourceName& name,
                         absl::string_view subject = {});
  // Pause, Resume and End: authorized first; then `problems`, what the rest of the request
  // breaks, is answered.
  absl::Status Change(const Call& call, absl::string_view name, absl::string_view etag,
                      const storage::AssignmentChange& change, const FieldViolations& problems,
                      v1::Assignment& out);

  storage::MatchingRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_ASSIGNMENTS_H_
