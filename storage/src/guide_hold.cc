#include "guide_hold.h"

#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

// FOR SHARE: an ending (an UPDATE of the row) that has not committed is waited for and then seen;
// one that starts later waits for this transaction.
constexpr char kHoldOpenAssignment[] =
    "SELECT count(*) FROM (SELECT 1 FROM assignments WHERE org_id = :org"
    " AND client_id = CAST(:client AS uuid) AND guide_id = CAST(:guide AS uuid)"
    " AND state IN ('ACTIVE', 'PAUSED') FOR SHARE) AS held";

}  // namespace

absl::Status CheckGuideNamed(const CallScope& scope) {
  return scope.is_guide && scope.guide_id.empty() ? PermissionDenied() : absl::OkStatus();
}

absl::Status HoldGuideToClient(soci::session& sql, const CallScope& scope,
                               const std::string& client_id) {
  if (!scope.is_guide) return absl::OkStatus();
  RETURN_IF_ERROR(CheckGuideNamed(scope));
  int held = 0;
  sql << kHoldOpenAssignment, soci::use(scope.org_id, "org"), soci::use(client_id, "client"),
      soci::use(scope.guide_id, "guide"), soci::into(held);
  return held > 0 ? absl::OkStatus() : PermissionDenied();
}

absl::Status Unhidden(const CallScope& scope, absl::Status status) {
  if (scope.is_guide && status.code() == absl::StatusCode::kNotFound) return PermissionDenied();
  return status;
}

}  // namespace rinnalla::storage
