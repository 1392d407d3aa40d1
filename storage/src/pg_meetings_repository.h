#ifndef RINNALLA_STORAGE_SRC_PG_MEETINGS_REPOSITORY_H_
#define RINNALLA_STORAGE_SRC_PG_MEETINGS_REPOSITORY_H_

// PostgreSQL implementation of MeetingsRepository, by concept: meetings and their schedule in
// pg_meetings.cc, their recorded outcomes in pg_meeting_outcomes.cc, goals in pg_goals.cc, the
// client's information-sharing consent in pg_consents.cc. The rules they apply are pure
// functions (meeting_rules.h, goal_lifecycle.h); these lock, read and write.

#include <string>

#include "rinnalla/storage/meetings_repository.h"
#include "rinnalla/storage/resource_names.h"

namespace rinnalla::storage {

class PgMeetingsRepository final : public MeetingsRepository {
 public:
  explicit PgMeetingsRepository(Database& db) : db_(db) {}

  // pg_meetings.cc
  absl::StatusOr<CreateOutcome<MeetingRecord>> CreateMeeting(
      const CallScope& scope, const MeetingRecord& meeting,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MeetingRecord>& encode) override;
  absl::StatusOr<MeetingRecord> GetMeeting(const CallScope& scope, const std::string& client_id,
                                           const std::string& id) override;
  absl::StatusOr<Page<MeetingRecord>> ListMeetings(const CallScope& scope,
                                                   const MeetingFilter& filter,
                                                   const PageRequest& page) override;
  absl::StatusOr<MeetingRecord> RescheduleMeeting(const CallScope& scope,
                                                  const std::string& client_id,
                                                  const std::string& id,
                                                  std::optional<int64_t> expected_revision,
                                                  absl::Time scheduled_time,
                                                  const std::string& place) override;
  absl::StatusOr<MeetingRecord> CancelMeeting(const CallScope& scope, const std::string& client_id,
                                              const std::string& id,
                                              std::optional<int64_t> expected_revision,
                                              const std::string& reason) override;

  // pg_meeting_outcomes.cc
  absl::StatusOr<CreateOutcome<MeetingRecord>> RecordOutcome(
      const CallScope& scope, const std::string& client_id, const OutcomeRecording& recording,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MeetingRecord>& encode) override;
  absl::StatusOr<MeetingRecord> AmendOutcome(const CallScope& scope, const std::string& client_id,
                                             const std::string& id,
                                             std::optional<int64_t> expected_revision,
                                             const MeetingOutcomeRecord& outcome) override;
  absl::StatusOr<std::vector<MeetingOutcomeRecord>> ListOutcomeRevisions(
      const CallScope& scope, const std::string& client_id, const std::string& id) override;

  // pg_consents.cc
  absl::StatusOr<CreateOutcome<ConsentRecord>> SetConsent(
      const CallScope& scope, const ConsentRecord& consent,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ConsentRecord>& encode) override;
  absl::StatusOr<Page<ConsentRecord>> ListConsents(const CallScope& scope,
                                                   const std::string& client_id,
                                                   const PageRequest& page) override;

  // pg_goals.cc
  absl::StatusOr<CreateOutcome<GoalRecord>> CreateGoal(
      const CallScope& scope, const GoalRecord& goal, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<GoalRecord>& encode) override;
  absl::StatusOr<GoalRecord> GetGoal(const CallScope& scope, const std::string& client_id,
                                     const std::string& id) override;
  absl::StatusOr<Page<GoalRecord>> ListGoals(const CallScope& scope, const GoalFilter& filter,
                                             const PageRequest& page) override;
  absl::StatusOr<GoalRecord> UpdateGoal(const CallScope& scope, const std::string& client_id,
                                        const std::string& id,
                                        std::optional<int64_t> expected_revision,
                                        const GoalUpdate& update) override;

 private:
  Database& db_;
};

// The resource names events carry.
inline std::string MeetingName(const std::string& org, const std::string& client,
                               const std::string& id) {
  return ClientChildName(org, client, "meetings", id);
}
inline std::string GoalName(const std::string& org, const std::string& client,
                            const std::string& id) {
  return ClientChildName(org, client, "goals", id);
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PG_MEETINGS_REPOSITORY_H_
