#include "assignment_checker.h"

namespace rinnalla::matching {

absl::StatusOr<bool> StoredAssignments::GuideHasClient(const storage::CallScope& scope,
                                                       const std::string& client_id) const {
  if (scope.guide_id.empty()) return false;
  return repository_.GuideHasClient(scope, scope.org_id, scope.guide_id, client_id);
}

}  // namespace rinnalla::matching
