#ifndef RINNALLA_SERVICES_COMMON_POLICY_H_
#define RINNALLA_SERVICES_COMMON_POLICY_H_

// Who may do what (API.md's role table), decided before any data is touched. Every refusal is
// the same PERMISSION_DENIED, whether or not the resource exists.

#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "principal.h"

namespace rinnalla {

enum class Action {
  kCreateGuide,
  kUpdateGuide,
  kReadGuide,
  kListGuides,
  kCreateClient,
  kUpdateClient,
  kReadClient,
  kListClients,
};

// OK when `principal` may take `action` on a resource of organization `org_id` named
// `resource_name` (empty for collection actions).
absl::Status Authorize(const Principal& principal, Action action, absl::string_view org_id,
                       absl::string_view resource_name = {});

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_POLICY_H_
