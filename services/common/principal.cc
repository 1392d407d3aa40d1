#include "principal.h"

#include "absl/strings/string_view.h"

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

}  // namespace rinnalla
