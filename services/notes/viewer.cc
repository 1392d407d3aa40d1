#include "viewer.h"

#include "errors.h"
#include "resource_names.h"
#include "validation.h"

namespace rinnalla::notes {

absl::StatusOr<storage::NoteViewer> ViewerOf(const Principal& principal) {
  storage::NoteViewer viewer{AuthorRoleName(principal.role), ""};
  if (principal.role == Role::kGuide) {
    std::optional<ResourceName> guide = ParseResourceName(principal.sub, "guides");
    if (!guide || guide->org_id != principal.org_id) return PermissionDenied();
    viewer.guide_id = guide->id;
  }
  return viewer;
}

}  // namespace rinnalla::notes
