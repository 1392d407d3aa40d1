// The assignment lifecycle as pure rules: ACTIVE ⇄ PAUSED, either → ENDED, and which assignment
// a client's guidance goes on in.

#include "assignment_lifecycle.h"

#include <gtest/gtest.h>

#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

using Kind = AssignmentChange::Kind;

AssignmentRecord Assignment(const std::string& state) {
  AssignmentRecord a;
  a.org_id = "ph";
  a.id = "a-1";
  a.client_id = "c-1";
  a.guide_id = "g-1";
  a.state = state;
  return a;
}

TEST(AssignmentLifecycle, PausesResumesAndEnds) {
  EXPECT_EQ(*NextAssignmentState(Assignment("ACTIVE"), Kind::kPause), "PAUSED");
  EXPECT_EQ(*NextAssignmentState(Assignment("PAUSED"), Kind::kResume), "ACTIVE");
  EXPECT_EQ(*NextAssignmentState(Assignment("ACTIVE"), Kind::kEnd), "ENDED");
  EXPECT_EQ(*NextAssignmentState(Assignment("PAUSED"), Kind::kEnd), "ENDED");
}

TEST(AssignmentLifecycle, EveryOtherMoveIsRefused) {
  auto reason = [](const std::string& state, Kind kind) {
    absl::StatusOr<std::string> next = NextAssignmentState(Assignment(state), kind);
    EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition) << state;
    return ReasonOf(next.status()).value_or("");
  };
  EXPECT_EQ(reason("PAUSED", Kind::kPause), "ASSIGNMENT_NOT_ACTIVE");
  EXPECT_EQ(reason("ACTIVE", Kind::kResume), "ASSIGNMENT_NOT_PAUSED");
  for (Kind kind : {Kind::kPause, Kind::kResume, Kind::kEnd}) {
    EXPECT_EQ(reason("ENDED", kind), "ASSIGNMENT_ENDED");
  }
}

TEST(AssignmentLifecycle, TheGuidanceGoesOnInTheClientsOpenAssignment) {
  EXPECT_TRUE(CheckOpenAssignmentOf(Assignment("ACTIVE"), "c-1").ok());
  EXPECT_TRUE(CheckOpenAssignmentOf(Assignment("PAUSED"), "c-1").ok());
  absl::Status ended = CheckOpenAssignmentOf(Assignment("ENDED"), "c-1");
  EXPECT_EQ(ended.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(ended), "ASSIGNMENT_NOT_OPEN");
  for (const char* state : {"ACTIVE", "ENDED"}) {
    absl::Status other = CheckOpenAssignmentOf(Assignment(state), "c-2");
    EXPECT_EQ(other.code(), absl::StatusCode::kFailedPrecondition) << state;
    EXPECT_EQ(ReasonOf(other), "ASSIGNMENT_OF_ANOTHER_CLIENT") << state;
  }
}

}  // namespace
}  // namespace rinnalla::storage
