#include "viewer_scope.h"

#include "rinnalla/storage/status.h"

namespace rinnalla::storage {

absl::Status NotPermitted() {
  return WithReason(absl::PermissionDeniedError("the caller may not do this"), "NOT_PERMITTED");
}

absl::Status HoldGuideToClient(soci::session& sql, const std::string& org_id,
                               const NoteViewer& viewer, const std::string& client_id) {
  if (!viewer.is_guide()) return absl::OkStatus();
  int guides = 0;
  sql << "SELECT count(*) FROM assignments WHERE org_id = :org AND client_id = CAST(:c AS uuid)"
         " AND guide_id = CAST(:g AS uuid) AND state IN ('ACTIVE', 'PAUSED')",
      soci::use(org_id), soci::use(client_id), soci::use(viewer.guide_id), soci::into(guides);
  return guides > 0 ? absl::OkStatus() : NotPermitted();
}

}  // namespace rinnalla::storage
