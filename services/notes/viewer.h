#ifndef RINNALLA_SERVICES_NOTES_VIEWER_H_
#define RINNALLA_SERVICES_NOTES_VIEWER_H_

#include "absl/status/statusor.h"
#include "principal.h"
#include "rinnalla/storage/notes_records.h"

namespace rinnalla::notes {

// Who reads or writes notes, for storage to narrow what they see. A guide's `sub` must be their
// guide resource name in their own organization (PERMISSION_DENIED otherwise).
absl::StatusOr<storage::NoteViewer> ViewerOf(const Principal& principal);

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_VIEWER_H_
