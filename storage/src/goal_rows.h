#ifndef RINNALLA_STORAGE_SRC_GOAL_ROWS_H_
#define RINNALLA_STORAGE_SRC_GOAL_ROWS_H_

// Goals inside a caller's transaction: meetings agree and close them, the Goal methods read and
// change them, notes and meetings rate them.

#include <soci/soci.h>

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "rinnalla/storage/meeting_records.h"

namespace rinnalla::storage {

const std::string& GoalColumns();
GoalRecord ReadGoal(const soci::row& row);

// NOT_FOUND unless the goal is `client_id`'s; `for_update` locks the row.
absl::StatusOr<GoalRecord> SelectGoal(soci::session& sql, const std::string& org_id,
                                      const std::string& client_id, const std::string& id,
                                      bool for_update);

// An AGREED goal of `assignment_id`, locked; FAILED_PRECONDITION (GOAL_NOT_AGREED,
// GOAL_OF_ANOTHER_ASSIGNMENT) or NOT_FOUND otherwise.
absl::StatusOr<GoalRecord> SelectAgreedGoal(soci::session& sql, const std::string& org_id,
                                            const std::string& client_id,
                                            const std::string& assignment_id,
                                            const std::string& id);

// Inserts `goal` as it is (state, agreement and all) and writes its event.
void InsertGoal(soci::session& sql, const GoalRecord& goal, const std::string& created_by);

// Records one rating of a goal, from a note or a meeting (`source_kind` NOTE or MEETING), as of
// `time` (default: now; a note's correction rates as of the note it corrects).
void InsertGoalRating(soci::session& sql, const std::string& org_id, const std::string& client_id,
                      const GoalRatingRecord& rating, const std::string& source_kind,
                      const std::string& source_id, const std::string& recorded_by,
                      std::optional<absl::Time> time = std::nullopt);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_GOAL_ROWS_H_
