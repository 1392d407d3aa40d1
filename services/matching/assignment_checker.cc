#include "assignment_checker.h"

#include "resource_names.h"

namespace rinnalla::matching {

absl::StatusOr<bool> StoredAssignments::GuideHasClient(const std::string& org_id,
                                                       const std::string& guide_name,
                                                       const std::string& client_id) const {
  std::optional<ResourceName> guide = ParseResourceName(guide_name, "guides");
  if (!guide || guide->org_id != org_id) return false;
  return repository_.GuideHasClient(org_id, guide->id, client_id);
}

}  // namespace rinnalla::matching
