#include "absl/strings/string_view.h"
#include "policy.h"

#include "errors.h"

namespace rinnalla {
namespace {

bool IsStaff(Role role) { return role == Role::kCoordinator || role == Role::kSocialWorker; }

bool RoleAllows(const Principal& p, Action action, absl::string_view resource_name) {
  switch (action) {
    case Action::kCreateGuide:
    case Action::kUpdateGuide:
      return p.role == Role::kCoordinator;
    case Action::kReadGuide:
      // A guide reads their own profile; their `sub` is their guide resource name.
      return IsStaff(p.role) || (p.role == Role::kGuide && resource_name == p.sub);
    case Action::kListGuides:
    case Action::kCreateClient:
    case Action::kUpdateClient:
    case Action::kListClients:
      return IsStaff(p.role);
    case Action::kReadClient:
      // Guides read a client only through an ACTIVE or PAUSED assignment, which arrives with
      // the Matching service; until then, staff only.
      return IsStaff(p.role);
  }
  return false;
}

}  // namespace

absl::Status Authorize(const Principal& principal, Action action, absl::string_view org_id,
                       absl::string_view resource_name) {
  if (principal.org_id != org_id || !RoleAllows(principal, action, resource_name)) {
    return PermissionDenied();
  }
  return absl::OkStatus();
}

}  // namespace rinnalla
