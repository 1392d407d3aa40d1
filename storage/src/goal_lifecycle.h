#ifndef RINNALLA_STORAGE_SRC_GOAL_LIFECYCLE_H_
#define RINNALLA_STORAGE_SRC_GOAL_LIFECYCLE_H_

// The lifecycle of a goal, as pure functions decided on rows the repository has read and locked:
// PROPOSED → AGREED | DROPPED; AGREED → ACHIEVED | NOT_ACHIEVED | DROPPED. A goal's wording and
// GAS levels are fixed once agreed, and it is agreed only with all five levels. No SQL here.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/meeting_records.h"

namespace rinnalla::storage {

// ACHIEVED, NOT_ACHIEVED or DROPPED: a goal in such a state moves no more.
bool IsClosedGoalState(const std::string& state);
// Whether a goal may move from `from` to `to` (staying is always legal).
bool LegalGoalTransition(const std::string& from, const std::string& to);
// Five non-empty levels, for -2 to +2.
bool CompleteGasLevels(const std::vector<std::string>& levels);

// What an update does to a goal.
struct GoalChange {
  std::vector<std::string> changed;  // the fields whose values differ, in the update's order
  GoalRecord after;                  // the goal as it is to be stored
  bool agreeing = false;             // PROPOSED → AGREED now: agreed by `agreed_by` now
  bool closing = false;              // the goal ends in a closed state
};

// The change `update` makes to `before`, agreed (when it agrees the goal) by the staff member
// `agreeing_party` ("SOCIAL_WORKER:sub" or "COORDINATOR:sub"). Nothing changed: `changed` empty.
// FAILED_PRECONDITION: ILLEGAL_GOAL_TRANSITION, GOAL_WORDING_FIXED (an agreed goal's title or
// levels), GAS_LEVELS_INCOMPLETE (agreeing without five levels).
absl::StatusOr<GoalChange> DecideGoalUpdate(const GoalRecord& before, const GoalUpdate& update,
                                            const std::string& agreeing_party);

// The party a staff member agrees a goal as: "COORDINATOR:sub" or "SOCIAL_WORKER:sub".
std::string StaffParty(const std::string& role, const std::string& actor);

// A goal a meeting or a note may rate or close: AGREED, of the guidance `assignment_id`.
// FAILED_PRECONDITION: GOAL_OF_ANOTHER_ASSIGNMENT, GOAL_NOT_AGREED.
absl::Status CheckGoalOfGuidance(const GoalRecord& goal, const std::string& assignment_id);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_GOAL_LIFECYCLE_H_
