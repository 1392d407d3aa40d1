#ifndef RINNALLA_STORAGE_SRC_ASSIGNMENT_LIFECYCLE_H_
#define RINNALLA_STORAGE_SRC_ASSIGNMENT_LIFECYCLE_H_

// The lifecycle of an assignment, as pure functions decided on the row the repository has read
// and locked: ACTIVE ⇄ PAUSED, and either → ENDED, which is final. No SQL here.

#include <string>

#include "absl/status/statusor.h"
#include "rinnalla/storage/matching_records.h"

namespace rinnalla::storage {

// The state `change` moves `assignment` to. FAILED_PRECONDITION: ASSIGNMENT_ENDED (an ended
// assignment changes no more), ASSIGNMENT_NOT_ACTIVE (pausing one that is not ACTIVE),
// ASSIGNMENT_NOT_PAUSED (resuming one that is not PAUSED).
absl::StatusOr<std::string> NextAssignmentState(const AssignmentRecord& assignment,
                                                AssignmentChange::Kind change);

// An assignment the client's guidance goes on in (meetings, goals, consent are recorded on it):
// the client's, ACTIVE or PAUSED. FAILED_PRECONDITION: ASSIGNMENT_OF_ANOTHER_CLIENT,
// ASSIGNMENT_NOT_OPEN.
absl::Status CheckOpenAssignmentOf(const AssignmentRecord& assignment,
                                   const std::string& client_id);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_ASSIGNMENT_LIFECYCLE_H_
