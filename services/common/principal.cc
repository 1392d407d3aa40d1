#include "principal.h"

#include "absl/strings/string_view.h"
#include "resource_names.h"

namespace rinnalla {

std::optional<Role> ParseRole(absl::string_view role) {
  if (role == "coordinator") return Role::kCoordinator;
  if (role == "social_worker") return Role::kSocialWorker;
  if (role == "guide") return Role::kGuide;
  if (role == "integration") return Role::kIntegration;
  if (role == "auditor") return Role::kAuditor;
  return std::nullopt;
}

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kCoordinator: return "coordinator";
    case Role::kSocialWorker: return "social_worker";
    case Role::kGuide: return "guide";
    case Role::kIntegration: return "integration";
    case Role::kAuditor: return "auditor";
  }
  return "unknown";
}

std::optional<std::string> GuideIdOf(const Principal& principal) {
  if (principal.role != Role::kGuide) return std::nullopt;
  std::optional<ResourceName> guide = ParseResourceName(principal.sub, "guides");
  if (!guide || guide->org_id != principal.org_id) return std::nullopt;
  return guide->id;
}

}  // namespace rinnalla
