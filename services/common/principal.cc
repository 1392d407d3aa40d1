#include "absl/strings/string_view.h"
#include "principal.h"

#include "resource_names.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {
namespace {

std::optional<std::string> Metadata(const grpc::ServerContext& context, absl::string_view key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return std::nullopt;
  return std::string(it->second.data(), it->second.size());
}

absl::Status Unauthenticated(absl::string_view why) {
  return WithReason(absl::UnauthenticatedError(why), "UNAUTHENTICATED");
}

}  // namespace

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

absl::StatusOr<Principal> DevHeaderAuthenticator::Authenticate(
    const grpc::ServerContext& context) const {
  std::optional<std::string> org = Metadata(context, "x-rinnalla-org");
  std::optional<std::string> role = Metadata(context, "x-rinnalla-role");
  std::optional<std::string> sub = Metadata(context, "x-rinnalla-sub");
  if (!org || !role || !sub || sub->empty()) {
    return Unauthenticated("x-rinnalla-org, x-rinnalla-role and x-rinnalla-sub are required");
  }
  if (!IsOrganizationId(*org)) return Unauthenticated("x-rinnalla-org is not an organization id");
  std::optional<Role> parsed = ParseRole(*role);
  if (!parsed) return Unauthenticated("x-rinnalla-role is not a known role");
  return Principal{*sub, *org, *parsed};
}

absl::StatusOr<Principal> RefuseAllAuthenticator::Authenticate(const grpc::ServerContext&) const {
  return Unauthenticated("the server has no way to authenticate callers configured");
}

}  // namespace rinnalla
