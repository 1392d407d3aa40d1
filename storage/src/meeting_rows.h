#ifndef RINNALLA_STORAGE_SRC_MEETING_ROWS_H_
#define RINNALLA_STORAGE_SRC_MEETING_ROWS_H_

// Meetings and their recorded outcomes inside a caller's transaction.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/meeting_records.h"

namespace rinnalla::storage {

const std::string& MeetingColumns();
// A meeting row, without its outcome.
MeetingRecord ReadMeeting(const soci::row& row);
// Reads the latest outcome of each HELD meeting (after the meetings' rowset is done).
void AttachOutcomes(soci::session& sql, std::vector<MeetingRecord>& meetings);

// NOT_FOUND unless the meeting is `client_id`'s (and, with a guide scope, of that guide's
// assignments); `for_update` locks the row.
absl::StatusOr<MeetingRecord> SelectMeeting(soci::session& sql, const std::string& org_id,
                                            const std::string& client_id, const std::string& id,
                                            const CallScope& scope, bool for_update);

// The SQL condition "the row's assignment is the scoped guide's" for a table aliased `alias`
// with an `assignment_id`; names :scope_guide twice (the guide id, or '' for no scope): bound once
// by name, or twice by position.
std::string GuideScopeCondition(const std::string& alias);

// Every outcome of a meeting, oldest first (`only_revision` > 0: that one alone).
std::vector<MeetingOutcomeRecord> SelectOutcomes(soci::session& sql, const std::string& org_id,
                                                 const std::string& meeting_id,
                                                 int only_revision = 0);

void InsertOutcome(soci::session& sql, const std::string& org_id, const std::string& meeting_id,
                   const MeetingOutcomeRecord& outcome, const std::string& recorded_role);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_MEETING_ROWS_H_
