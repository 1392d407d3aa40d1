#ifndef RINNALLA_SERVICES_COMMON_PRINCIPAL_H_
#define RINNALLA_SERVICES_COMMON_PRINCIPAL_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rinnalla {

// The roles of API.md's access table.
enum class Role { kCoordinator, kSocialWorker, kGuide, kIntegration, kAuditor };

std::optional<Role> ParseRole(absl::string_view role);
absl::string_view RoleName(Role role);

// Who is calling: the user (`sub`; for a guide, the guide's resource name), their organization
// and their role.
struct Principal {
  std::string sub;
  std::string org_id;
  Role role = Role::kAuditor;
  // When the token ends (its `exp`); a long stream ends with it.
  absl::Time expires = absl::InfiniteFuture();
};

// A guide's id: their `sub` must be their guide resource name in their own organization. Nullopt
// for a guide whose token names anything else (the policy refuses them everything) and for the
// other roles.
std::optional<std::string> GuideIdOf(const Principal& principal);

// Establishes the caller of an RPC from its metadata; UNAUTHENTICATED when it cannot.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual absl::StatusOr<Principal> Authenticate(const grpc::ServerContext& context) const = 0;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_PRINCIPAL_H_
