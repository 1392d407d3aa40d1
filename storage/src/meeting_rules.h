#ifndef RINNALLA_STORAGE_SRC_MEETING_RULES_H_
#define RINNALLA_STORAGE_SRC_MEETING_RULES_H_

// The rules of joint meetings, as pure functions decided on rows the repository has read and
// locked (the meeting, its assignment): who must be present (the three-party rule), which
// meetings may change, and what recording or amending an outcome writes. No SQL here: the
// repository locks and reads, asks these, and writes what they decide.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/matching_records.h"
#include "rinnalla/storage/meeting_records.h"

namespace rinnalla::storage {

// The three-party rule: a guide listed must be the assignment's guide, and an INITIAL or CLOSING
// meeting needs the client, a social worker and that guide present (a REVIEW needs no one).
// FAILED_PRECONDITION: GUIDE_NOT_ON_ASSIGNMENT, THREE_PARTIES_REQUIRED.
absl::Status CheckParties(const std::string& kind, const AssignmentRecord& assignment,
                          const std::vector<ParticipantRecord>& participants);

// Who agrees the goals of a meeting: "ROLE" or "ROLE:identity" of each party present (not OTHER
// participants), in the order listed.
std::vector<std::string> AgreeingParties(const std::vector<ParticipantRecord>& participants);

// Only a SCHEDULED meeting is rescheduled or cancelled. FAILED_PRECONDITION:
// MEETING_NOT_SCHEDULED.
absl::Status CheckScheduled(const MeetingRecord& meeting);

// Whether `recording` may be recorded on `meeting`, before its assignment is read: a SCHEDULED
// meeting's first outcome, and goals closed or the guidance ended only at a CLOSING meeting.
// FAILED_PRECONDITION: OUTCOME_ALREADY_RECORDED, MEETING_NOT_SCHEDULED, CLOSING_MEETING_ONLY.
absl::Status CheckRecordable(const MeetingRecord& meeting, const OutcomeRecording& recording);

// What recording an outcome writes, beside the meeting becoming HELD.
struct RecordingPlan {
  MeetingOutcomeRecord outcome;          // revision 1, recorded by the actor
  std::vector<GoalRecord> agreed_goals;  // new AGREED goals, complete, agreed by the parties
  std::optional<ConsentRecord> consent;  // the client's consent, given at the meeting
  // The assignment's first meeting time, when this meeting was held before any other recorded.
  std::optional<absl::Time> first_meeting_time;
  // The reason the assignment ends with (a CLOSING meeting that ends the guidance).
  std::optional<std::string> end_reason;
};

// The plan of recording `recording` on `meeting` (CheckRecordable passed) of `assignment` (open,
// the client's, locked), by `actor`: CheckParties' refusals, or what to write. The goals rated
// and closed are checked by the repository as it locks them (CheckGoalOfGuidance).
absl::StatusOr<RecordingPlan> PlanRecording(const MeetingRecord& meeting,
                                            const AssignmentRecord& assignment,
                                            const OutcomeRecording& recording,
                                            const std::string& actor);

// The new revision of a meeting's outcome that amending it with `outcome` stores, by `actor`.
// FAILED_PRECONDITION: OUTCOME_NOT_RECORDED (the meeting is not HELD), and CheckParties'.
absl::StatusOr<MeetingOutcomeRecord> PlanAmendment(const MeetingRecord& meeting,
                                                   const AssignmentRecord& assignment,
                                                   const MeetingOutcomeRecord& outcome,
                                                   const std::string& actor);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_MEETING_RULES_H_
