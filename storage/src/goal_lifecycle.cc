#include "goal_lifecycle.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "refusals.h"

namespace rinnalla::storage {

bool IsClosedGoalState(const std::string& state) {
  return state == "ACHIEVED" || state == "NOT_ACHIEVED" || state == "DROPPED";
}

bool LegalGoalTransition(const std::string& from, const std::string& to) {
  if (from == to) return true;
  if (from == "PROPOSED") return to == "AGREED" || to == "DROPPED";
  if (from == "AGREED") return IsClosedGoalState(to);
  return false;
}

bool CompleteGasLevels(const std::vector<std::string>& levels) {
  return levels.size() == 5 &&
         std::none_of(levels.begin(), levels.end(), [](const std::string& l) { return l.empty(); });
}

absl::StatusOr<GoalChange> DecideGoalUpdate(const GoalRecord& before, const GoalUpdate& update,
                                            const std::string& agreeing_party) {
  const GoalRecord& v = update.values;
  GoalChange change;
  change.after = before;
  GoalRecord& after = change.after;
  for (const std::string& field : update.fields) {
    bool differs = false;
    if (field == "title") differs = v.title != std::exchange(after.title, v.title);
    if (field == "area") differs = v.area != std::exchange(after.area, v.area);
    if (field == "gas_levels") {
      differs = v.gas_levels != std::exchange(after.gas_levels, v.gas_levels);
    }
    if (field == "target_date") {
      differs = v.target_date != std::exchange(after.target_date, v.target_date);
    }
    if (field == "weight") differs = v.weight != std::exchange(after.weight, v.weight);
    if (field == "state") differs = v.state != std::exchange(after.state, v.state);
    if (differs) change.changed.push_back(field);
  }
  if (!LegalGoalTransition(before.state, after.state)) {
    return Refusal("ILLEGAL_GOAL_TRANSITION",
                   absl::StrCat("a goal cannot move from ", before.state, " to ", after.state));
  }
  if (before.state != "PROPOSED" &&
      (after.title != before.title || after.gas_levels != before.gas_levels)) {
    return Refusal("GOAL_WORDING_FIXED",
                   "an agreed goal's title and GAS levels stay as they were agreed");
  }
  if (after.state == "AGREED" && !CompleteGasLevels(after.gas_levels)) {
    return Refusal("GAS_LEVELS_INCOMPLETE",
                   "a goal is agreed with five non-empty GAS levels, for -2 to +2");
  }
  change.agreeing = before.state == "PROPOSED" && after.state == "AGREED";
  if (change.agreeing) after.agreed_by = {agreeing_party};
  change.closing = IsClosedGoalState(after.state);
  return change;
}

std::string StaffParty(const std::string& role, const std::string& actor) {
  return absl::StrCat(role == "coordinator" ? "COORDINATOR" : "SOCIAL_WORKER", ":", actor);
}

absl::Status CheckGoalOfGuidance(const GoalRecord& goal, const std::string& assignment_id) {
  if (goal.assignment_id != assignment_id) {
    return Refusal("GOAL_OF_ANOTHER_ASSIGNMENT", "the goal belongs to another guidance");
  }
  if (goal.state != "AGREED") return Refusal("GOAL_NOT_AGREED", "the goal is not AGREED");
  return absl::OkStatus();
}

}  // namespace rinnalla::storage
