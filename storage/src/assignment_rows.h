#ifndef RINNALLA_STORAGE_SRC_ASSIGNMENT_ROWS_H_
#define RINNALLA_STORAGE_SRC_ASSIGNMENT_ROWS_H_

// Reading and ending assignments inside a caller's transaction: Matching changes them, Meetings
// reads them and ends one at a CLOSING meeting.

#include <soci/soci.h>

#include <string>

#include "absl/status/statusor.h"
#include "rinnalla/storage/matching_records.h"

namespace rinnalla::storage {

// The columns ReadAssignment reads, in its order.
const std::string& AssignmentColumns();
AssignmentRecord ReadAssignment(const soci::row& row);

// NOT_FOUND when the organization has no such assignment; `for_update` locks the row.
absl::StatusOr<AssignmentRecord> SelectAssignment(soci::session& sql, const std::string& org_id,
                                                  const std::string& id, bool for_update);

// Ends a locked ACTIVE or PAUSED assignment: frees the guide's caseload place and writes the
// event, in the caller's transaction.
void EndAssignmentRow(soci::session& sql, const AssignmentRecord& assignment,
                      const std::string& end_reason, const std::string& end_note);

// A locked assignment of `client_id` that is ACTIVE or PAUSED; FAILED_PRECONDITION
// (ASSIGNMENT_OF_ANOTHER_CLIENT, ASSIGNMENT_NOT_OPEN) otherwise.
absl::StatusOr<AssignmentRecord> SelectOpenAssignmentOf(soci::session& sql,
                                                        const std::string& org_id,
                                                        const std::string& client_id,
                                                        const std::string& id);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_ASSIGNMENT_ROWS_H_
