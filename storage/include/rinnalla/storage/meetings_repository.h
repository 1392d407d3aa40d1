#ifndef RINNALLA_STORAGE_MEETINGS_REPOSITORY_H_
#define RINNALLA_STORAGE_MEETINGS_REPOSITORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/meeting_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Joint meetings, goals and consent of one organization (`accessor.org_id`). Each method is one
// transaction that also writes the access log (a row for the client) and, for changes, outbox
// events. A `scope` with a guide hides what is not of that guide's assignments (NOT_FOUND).
// Errors: NOT_FOUND; ABORTED (STALE_ETAG); FAILED_PRECONDITION with reasons ASSIGNMENT_NOT_OPEN,
// ASSIGNMENT_OF_ANOTHER_CLIENT, MEETING_NOT_SCHEDULED, OUTCOME_ALREADY_RECORDED,
// OUTCOME_NOT_RECORDED, THREE_PARTIES_REQUIRED, GUIDE_NOT_ON_ASSIGNMENT, GOAL_NOT_AGREED,
// GOAL_OF_ANOTHER_ASSIGNMENT, ILLEGAL_GOAL_TRANSITION, GOAL_WORDING_FIXED, GAS_LEVELS_INCOMPLETE,
// CLOSING_MEETING_ONLY. Thread-safe.
class MeetingsRepository {
 public:
  virtual ~MeetingsRepository() = default;

  virtual absl::StatusOr<CreateOutcome<MeetingRecord>> CreateMeeting(
      const Accessor& accessor, const MeetingRecord& meeting,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<MeetingRecord>& encode) = 0;
  virtual absl::StatusOr<MeetingRecord> GetMeeting(const Accessor& accessor,
                                                   const std::string& client_id,
                                                   const std::string& id,
                                                   const GuideScope& scope) = 0;
  virtual absl::StatusOr<Page<MeetingRecord>> ListMeetings(const Accessor& accessor,
                                                           const MeetingFilter& filter,
                                                           const GuideScope& scope,
                                                           const PageRequest& page) = 0;
  // Reschedules (a new time, and a new place when not empty) or cancels a SCHEDULED meeting.
  virtual absl::StatusOr<MeetingRecord> RescheduleMeeting(const Accessor& accessor,
                                                          const std::string& client_id,
                                                          const std::string& id,
                                                          std::optional<int64_t> expected_revision,
                                                          absl::Time scheduled_time,
                                                          const std::string& place) = 0;
  virtual absl::StatusOr<MeetingRecord> CancelMeeting(const Accessor& accessor,
                                                      const std::string& client_id,
                                                      const std::string& id,
                                                      std::optional<int64_t> expected_revision,
                                                      const std::string& reason) = 0;

  // The outcome, its agreed goals, ratings, closings, consent, the assignment's first meeting
  // time and (CLOSING) the assignment's end, in one transaction.
  virtual absl::StatusOr<CreateOutcome<MeetingRecord>> RecordOutcome(
      const Accessor& accessor, const std::string& client_id, const OutcomeRecording& recording,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<MeetingRecord>& encode) = 0;
  virtual absl::StatusOr<MeetingRecord> AmendOutcome(const Accessor& accessor,
                                                     const std::string& client_id,
                                                     const std::string& id,
                                                     std::optional<int64_t> expected_revision,
                                                     const MeetingOutcomeRecord& outcome) = 0;
  // Every recorded outcome of a meeting, oldest first.
  virtual absl::StatusOr<std::vector<MeetingOutcomeRecord>> ListOutcomeRevisions(
      const Accessor& accessor, const std::string& client_id, const std::string& id,
      const GuideScope& scope) = 0;

  virtual absl::StatusOr<CreateOutcome<ConsentRecord>> SetConsent(
      const Accessor& accessor, const ConsentRecord& consent,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<ConsentRecord>& encode) = 0;
  // Newest first.
  virtual absl::StatusOr<Page<ConsentRecord>> ListConsents(const Accessor& accessor,
                                                           const std::string& client_id,
                                                           const GuideScope& scope,
                                                           const PageRequest& page) = 0;

  // A new PROPOSED goal of an ACTIVE or PAUSED assignment of the client.
  virtual absl::StatusOr<CreateOutcome<GoalRecord>> CreateGoal(
      const Accessor& accessor, const GoalRecord& goal, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<GoalRecord>& encode) = 0;
  virtual absl::StatusOr<GoalRecord> GetGoal(const Accessor& accessor, const std::string& client_id,
                                             const std::string& id, const GuideScope& scope) = 0;
  virtual absl::StatusOr<Page<GoalRecord>> ListGoals(const Accessor& accessor,
                                                     const GoalFilter& filter,
                                                     const GuideScope& scope,
                                                     const PageRequest& page) = 0;
  virtual absl::StatusOr<GoalRecord> UpdateGoal(const Accessor& accessor,
                                                const std::string& client_id, const std::string& id,
                                                std::optional<int64_t> expected_revision,
                                                const GoalUpdate& update) = 0;
};

std::unique_ptr<MeetingsRepository> MakePgMeetingsRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_MEETINGS_REPOSITORY_H_
