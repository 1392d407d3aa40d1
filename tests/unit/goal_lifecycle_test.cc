// The goal lifecycle as pure rules: legal moves, fixed wording, complete GAS levels, the fields an
// update changes and who agrees.

#include "goal_lifecycle.h"

#include <gtest/gtest.h>

#include <set>

#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

const std::vector<std::string> kLevels = {"ei käy", "harvoin", "kerran viikossa",
                                          "kahdesti viikossa", "joka päivä"};

GoalRecord Goal(const std::string& state) {
  GoalRecord g;
  g.org_id = "ph";
  g.id = "goal-1";
  g.client_id = "client-1";
  g.assignment_id = "assignment-1";
  g.title = "Käyn kaupassa itse";
  g.gas_levels = kLevels;
  g.state = state;
  return g;
}

GoalUpdate Update(std::vector<std::string> fields, GoalRecord values) {
  return {std::move(fields), std::move(values)};
}

TEST(GoalLifecycle, LegalMovesAreTheLifecycles) {
  const std::vector<std::string> states = {"PROPOSED", "AGREED", "ACHIEVED", "NOT_ACHIEVED",
                                           "DROPPED"};
  const std::set<std::pair<std::string, std::string>> legal = {{"PROPOSED", "AGREED"},
                                                               {"PROPOSED", "DROPPED"},
                                                               {"AGREED", "ACHIEVED"},
                                                               {"AGREED", "NOT_ACHIEVED"},
                                                               {"AGREED", "DROPPED"}};
  for (const std::string& from : states) {
    for (const std::string& to : states) {
      EXPECT_EQ(LegalGoalTransition(from, to), from == to || legal.count({from, to}) > 0)
          << from << " → " << to;
    }
  }
  for (const std::string& state : states) {
    EXPECT_EQ(IsClosedGoalState(state), state != "PROPOSED" && state != "AGREED") << state;
  }
}

TEST(GoalLifecycle, GasLevelsAreCompleteWithFiveNonEmpty) {
  EXPECT_TRUE(CompleteGasLevels(kLevels));
  EXPECT_FALSE(CompleteGasLevels({}));
  EXPECT_FALSE(CompleteGasLevels({"a", "b", "c", "d"}));
  EXPECT_FALSE(CompleteGasLevels({"a", "b", "c", "d", "e", "f"}));
  EXPECT_FALSE(CompleteGasLevels({"a", "b", "", "d", "e"}));
}

TEST(GoalLifecycle, AnUpdateChangesOnlyTheFieldsThatDiffer) {
  GoalRecord before = Goal("PROPOSED"), values = before;
  values.title = "Käyn kaupassa";
  values.weight = 3;
  values.area = "DEBT";  // not named in the update: left as it is
  absl::StatusOr<GoalChange> change =
      DecideGoalUpdate(before, Update({"title", "weight", "state"}, values), "SOCIAL_WORKER:sw");
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_EQ(change->changed, (std::vector<std::string>{"title", "weight"}));
  EXPECT_EQ(change->after.title, "Käyn kaupassa");
  EXPECT_EQ(change->after.weight, 3);
  EXPECT_EQ(change->after.area, std::nullopt);
  EXPECT_FALSE(change->agreeing);
  EXPECT_FALSE(change->closing);
  EXPECT_TRUE(change->after.agreed_by.empty());
}

TEST(GoalLifecycle, AnUpdateOfTheSameValuesChangesNothing) {
  GoalRecord before = Goal("AGREED");
  absl::StatusOr<GoalChange> change = DecideGoalUpdate(
      before, Update({"title", "gas_levels", "state", "weight"}, before), "SOCIAL_WORKER:sw");
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_TRUE(change->changed.empty());
}

TEST(GoalLifecycle, AgreeingRecordsTheStaffMemberWhoAgrees) {
  GoalRecord values = Goal("AGREED");
  absl::StatusOr<GoalChange> change =
      DecideGoalUpdate(Goal("PROPOSED"), Update({"state"}, values), StaffParty("coordinator", "c"));
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_TRUE(change->agreeing);
  EXPECT_FALSE(change->closing);
  EXPECT_EQ(change->after.agreed_by, (std::vector<std::string>{"COORDINATOR:c"}));
  EXPECT_EQ(StaffParty("social_worker", "sw"), "SOCIAL_WORKER:sw");
}

TEST(GoalLifecycle, ClosingAnAgreedGoal) {
  for (const char* state : {"ACHIEVED", "NOT_ACHIEVED", "DROPPED"}) {
    absl::StatusOr<GoalChange> change =
        DecideGoalUpdate(Goal("AGREED"), Update({"state"}, Goal(state)), "SOCIAL_WORKER:sw");
    ASSERT_TRUE(change.ok()) << state << ": " << change.status();
    EXPECT_TRUE(change->closing) << state;
    EXPECT_FALSE(change->agreeing) << state;
    EXPECT_EQ(change->after.state, state);
  }
}

TEST(GoalLifecycle, AnIllegalMoveIsRefused) {
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"PROPOSED", "ACHIEVED"},
                                                        {"PROPOSED", "NOT_ACHIEVED"},
                                                        {"AGREED", "PROPOSED"},
                                                        {"ACHIEVED", "AGREED"},
                                                        {"DROPPED", "PROPOSED"},
                                                        {"NOT_ACHIEVED", "ACHIEVED"}}) {
    absl::StatusOr<GoalChange> change =
        DecideGoalUpdate(Goal(from), Update({"state"}, Goal(to)), "SOCIAL_WORKER:sw");
    ASSERT_FALSE(change.ok()) << from << " → " << to;
    EXPECT_EQ(change.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(change.status()), "ILLEGAL_GOAL_TRANSITION") << from << " → " << to;
  }
}

TEST(GoalLifecycle, AnAgreedGoalKeepsItsWording) {
  for (const char* state : {"AGREED", "ACHIEVED", "DROPPED"}) {
    GoalRecord reworded = Goal(state);
    reworded.title = "Toisin";
    GoalRecord relevelled = Goal(state);
    relevelled.gas_levels[2] = "toisin";
    for (const auto& [field, values] : std::vector<std::pair<std::string, GoalRecord>>{
             {"title", reworded}, {"gas_levels", relevelled}}) {
      absl::StatusOr<GoalChange> change =
          DecideGoalUpdate(Goal(state), Update({field}, values), "SOCIAL_WORKER:sw");
      ASSERT_FALSE(change.ok()) << state << " " << field;
      EXPECT_EQ(ReasonOf(change.status()), "GOAL_WORDING_FIXED") << state << " " << field;
    }
    // What may still change of it.
    GoalRecord weighted = Goal(state);
    weighted.weight = 2;
    weighted.target_date = absl::CivilDay(2027, 3, 1);
    EXPECT_TRUE(DecideGoalUpdate(Goal(state), Update({"weight", "target_date"}, weighted),
                                 "SOCIAL_WORKER:sw")
                    .ok())
        << state;
  }
}

TEST(GoalLifecycle, AGoalIsAgreedOnlyWithFiveLevels) {
  GoalRecord proposed = Goal("PROPOSED");
  proposed.gas_levels = {"a", "b", "c", "d"};
  absl::StatusOr<GoalChange> change =
      DecideGoalUpdate(proposed, Update({"state"}, Goal("AGREED")), "SOCIAL_WORKER:sw");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(ReasonOf(change.status()), "GAS_LEVELS_INCOMPLETE");
  // The levels given with the agreement count: an empty one refuses, five complete ones agree.
  GoalRecord values = Goal("AGREED");
  values.gas_levels = {"a", "b", "", "d", "e"};
  change = DecideGoalUpdate(proposed, Update({"state", "gas_levels"}, values), "SOCIAL_WORKER:sw");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(ReasonOf(change.status()), "GAS_LEVELS_INCOMPLETE");
  values.gas_levels = kLevels;
  change = DecideGoalUpdate(proposed, Update({"state", "gas_levels"}, values), "SOCIAL_WORKER:sw");
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_EQ(change->changed, (std::vector<std::string>{"state", "gas_levels"}));
  EXPECT_TRUE(change->agreeing);
  // A proposal may stay incomplete.
  EXPECT_TRUE(
      DecideGoalUpdate(proposed, Update({"title"}, Goal("PROPOSED")), "SOCIAL_WORKER:sw").ok());
}

TEST(GoalLifecycle, OnlyAnAgreedGoalOfTheGuidanceIsRatedOrClosed) {
  EXPECT_TRUE(CheckGoalOfGuidance(Goal("AGREED"), "assignment-1").ok());
  absl::Status other = CheckGoalOfGuidance(Goal("AGREED"), "assignment-2");
  EXPECT_EQ(other.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(other), "GOAL_OF_ANOTHER_ASSIGNMENT");
  for (const char* state : {"PROPOSED", "ACHIEVED", "NOT_ACHIEVED", "DROPPED"}) {
    absl::Status status = CheckGoalOfGuidance(Goal(state), "assignment-1");
    EXPECT_EQ(ReasonOf(status), "GOAL_NOT_AGREED") << state;
  }
  // Another guidance's goal is refused as such, whatever its state.
  EXPECT_EQ(ReasonOf(CheckGoalOfGuidance(Goal("PROPOSED"), "assignment-2")),
            "GOAL_OF_ANOTHER_ASSIGNMENT");
}

}  // namespace
}  // namespace rinnalla::storage
