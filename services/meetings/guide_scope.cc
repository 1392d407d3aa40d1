#include "guide_scope.h"

#include "errors.h"
#include "resource_names.h"

namespace rinnalla::meetings {

storage::GuideScope ScopeOf(const Call& call) {
  if (call.principal.role != Role::kGuide) return {};
  std::optional<ResourceName> guide = ParseResourceName(call.principal.sub, "guides");
  // A guide's token names them; one that does not sees nothing.
  return {guide ? guide->id : std::string("00000000-0000-0000-0000-000000000000")};
}

absl::Status Unhidden(const Call& call, absl::Status status) {
  if (call.principal.role == Role::kGuide && status.code() == absl::StatusCode::kNotFound) {
    return PermissionDenied();
  }
  return status;
}

}  // namespace rinnalla::meetings
