#ifndef RINNALLA_STORAGE_MEETINGS_REPOSITORY_H_
#define RINNALLA_STORAGE_MEETINGS_REPOSITORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/meeting_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Joint meetings, goals and consent of one organization (`scope.org_id`). Each method is one
// transaction that also writes the access log (a row for the client) and, for changes, outbox
// events. A guide (`scope.is_guide`) is held to the client inside the transaction
// (HoldGuideToClient) and sees only what is of their own assignments; anything else is
// PERMISSION_DENIED to them, whether or not it exists.
// Errors: NOT_FOUND; ABORTED (STALE_ETAG); FAILED_PRECONDITION with reasons ASSIGNMENT_NOT_OPEN,
// ASSIGNMENT_OF_ANOTHER_CLIENT, MEETING_NOT_SCHEDULED, OUTCOME_ALREADY_RECORDED,
// OUTCOME_NOT_RECORDED, THREE_PARTIES_REQUIRED, GUIDE_NOT_ON_ASSIGNMENT, GOAL_NOT_AGREED,
// GOAL_OF_ANOTHER_ASSIGNMENT, ILLEGAL_GOAL_TRANSITION, GOAL_WORDING_FIXED, GAS_LEVELS_INCOMPLETE,
// CLOSING_MEETING_ONLY. Thread-safe.
class MeetingsRepository {
 public:
  virtual ~MeetingsRepository() = default;

  virtual absl::StatusOr<CreateOutcome<MeetingRecord>> CreateMeeting(
      const CallScope& scope, const MeetingRecord& meeting,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<MeetingRecord>& encode) = 0;
  virtual absl::StatusOr<MeetingRecord> GetMeeting(const CallScope& scope,
                                                   const std::string& client_id,
                                                   const std::string& id) = 0;
  virtual absl::StatusOr<Page<MeetingRecord>> ListMeetings(const CallScope& scope,
                                                           const MeetingFilter& filter,
                                                           const PageRequest& page) = 0;
  // Reschedules (a new time, and a new place when not empty) or cancels a SCHEDULED meeting.
  virtual absl::StatusOr<MeetingRecord> RescheduleMeeting(const CallScope& scope,
                                                          const std::string& client_id,
                                                          const std::string& id,
                                                          std::optional<int64_t> expected_revision,
                                                          absl::Time scheduled_time,
                                                          const std::string& place) = 0;
  virtual absl::StatusOr<MeetingRecord> CancelMeeting(const CallScope& scope,
                                                      const std::string& client_id,
                                                      const std::string& id,
                                                      std::optional<int64_t> expected_revision,
                                                      const std::string& reason) = 0;

  // The outcome, its agreed goals, ratings, closings, consent, the assignment's first meeting
  // time and (CLOSING) the assignment's end, in one transaction.
  virtual absl::StatusOr<CreateOutcome<MeetingRecord>> RecordOutcome(
      const CallScope& scope, const std::string& client_id, const OutcomeRecording& recording,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<MeetingRecord>& encode) = 0;
  virtual absl::StatusOr<MeetingRecord> AmendOutcome(const CallScope& scope,
                                                     const std::string& client_id,
                                                     const std::string& id,
                                                     std::optional<int64_t> expected_revision,
                                                     const MeetingOutcomeRecord& outcome) = 0;
  // Every recorded outcome of a meeting, oldest first.
  virtual absl::StatusOr<std::vector<MeetingOutcomeRecord>> ListOutcomeRevisions(
      const CallScope& scope, const std::string& client_id, const std::string& id) = 0;

  virtual absl::StatusOr<CreateOutcome<ConsentRecord>> SetConsent(
      const CallScope& scope, const ConsentRecord& consent,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<ConsentRecord>& encode) = 0;
  // Newest first.
  virtual absl::StatusOr<Page<ConsentRecord>> ListConsents(const CallScope& scope,
                                                           const std::string& client_id,
                                                           const PageRequest& page) = 0;

  // A new PROPOSED goal of an ACTIVE or PAUSED assignment of the client.
  virtual absl::StatusOr<CreateOutcome<GoalRecord>> CreateGoal(
      const CallScope& scope, const GoalRecord& goal, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<GoalRecord>& encode) = 0;
  virtual absl::StatusOr<GoalRecord> GetGoal(const CallScope& scope, const std::string& client_id,
                                             const std::string& id) = 0;
  virtual absl::StatusOr<Page<GoalRecord>> ListGoals(const CallScope& scope,
                                                     const GoalFilter& filter,
                                                     const PageRequest& page) = 0;
  virtual absl::StatusOr<GoalRecord> UpdateGoal(const CallScope& scope,
                                                const std::string& client_id, const std::string& id,
                                                std::optional<int64_t> expected_revision,
                                                const GoalUpdate& update) = 0;
};

std::unique_ptr<MeetingsRepository> MakePgMeetingsRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_MEETINGS_REPOSITORY_H_
