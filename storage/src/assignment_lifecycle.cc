#include "assignment_lifecycle.h"

#include "refusals.h"

namespace rinnalla::storage {

absl::StatusOr<std::string> NextAssignmentState(const AssignmentRecord& a,
                                                AssignmentChange::Kind change) {
  if (a.state == "ENDED") return Refusal("ASSIGNMENT_ENDED", "the assignment has ended");
  switch (change) {
    case AssignmentChange::Kind::kPause:
      if (a.state != "ACTIVE") {
        return Refusal("ASSIGNMENT_NOT_ACTIVE", "only an ACTIVE assignment can pause");
      }
      return std::string("PAUSED");
    case AssignmentChange::Kind::kResume:
      if (a.state != "PAUSED") {
        return Refusal("ASSIGNMENT_NOT_PAUSED", "only a PAUSED assignment can resume");
      }
      return std::string("ACTIVE");
    case AssignmentChange::Kind::kEnd:
      return std::string("ENDED");
  }
  return absl::InvalidArgumentError("unknown assignment change");
}

absl::Status CheckOpenAssignmentOf(const AssignmentRecord& a, const std::string& client_id) {
  if (a.client_id != client_id) {
    return Refusal("ASSIGNMENT_OF_ANOTHER_CLIENT", "the assignment is not one of this client's");
  }
  if (a.state != "ACTIVE" && a.state != "PAUSED") {
    return Refusal("ASSIGNMENT_NOT_OPEN", "the assignment has ended");
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::storage
