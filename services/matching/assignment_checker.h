#ifndef RINNALLA_SERVICES_MATCHING_ASSIGNMENT_CHECKER_H_
#define RINNALLA_SERVICES_MATCHING_ASSIGNMENT_CHECKER_H_

#include "policy.h"
#include "rinnalla/storage/matching_repository.h"

namespace rinnalla::matching {

// The access policy's question "does this guide guide this client now?", answered from the
// assignments: true exactly while an ACTIVE or PAUSED assignment links them.
class StoredAssignments final : public AssignmentChecker {
 public:
  explicit StoredAssignments(storage::MatchingRepository& repository) : repository_(repository) {}
  absl::StatusOr<bool> GuideHasClient(const storage::CallScope& scope,
                                      const std::string& client_id) const override;

 private:
  storage::MatchingRepository& repository_;
};

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_ASSIGNMENT_CHECKER_H_
