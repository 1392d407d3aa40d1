#ifndef RINNALLA_STORAGE_SRC_VIEWER_SCOPE_H_
#define RINNALLA_STORAGE_SRC_VIEWER_SCOPE_H_

#include <soci/soci.h>

#include <string>

#include "absl/status/status.h"
#include "rinnalla/storage/notes_records.h"

namespace rinnalla::storage {

// The refusal a caller sees, the same as the access policy's (AIP-211).
absl::Status NotPermitted();

// Holds a guide to their ACTIVE or PAUSED assignment with the client inside the caller's
// transaction, so an assignment ended a moment ago ends access too: PERMISSION_DENIED otherwise.
// OK for staff.
absl::Status HoldGuideToClient(soci::session& sql, const std::string& org_id,
                               const NoteViewer& viewer, const std::string& client_id);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_VIEWER_SCOPE_H_
