#ifndef RINNALLA_STORAGE_SRC_PG_MATCHING_REPOSITORY_H_
#define RINNALLA_STORAGE_SRC_PG_MATCHING_REPOSITORY_H_

// PostgreSQL implementation of MatchingRepository, by concept: referrals in pg_referrals.cc,
// "I know this person" exclusions in pg_exclusions.cc, the guide pool suggestions read in
// pg_guide_pool.cc, assignments in pg_assignments.cc.

#include "rinnalla/storage/matching_repository.h"

namespace rinnalla::storage {

class PgMatchingRepository final : public MatchingRepository {
 public:
  explicit PgMatchingRepository(Database& db) : db_(db) {}

  // pg_referrals.cc
  absl::StatusOr<std::optional<std::string>> FindClientByExternalRef(
      const CallScope& scope, const std::string& org_id, const ExternalRefRecord& ref) override;
  absl::StatusOr<CreateOutcome<ReferralRecord>> CreateReferral(
      const CallScope& scope, const ReferralRecord& referral,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ReferralRecord>& encode) override;
  absl::StatusOr<ReferralRecord> GetReferral(const CallScope& scope,
                                             const std::string& id) override;
  absl::StatusOr<Page<ReferralRecord>> ListReferrals(const CallScope& scope,
                                                     const ReferralFilter& filter,
                                                     const PageRequest& page) override;
  absl::StatusOr<ReferralRecord> CancelReferral(const CallScope& scope, const std::string& id,
                                                const std::string& reason) override;
  absl::StatusOr<std::string> ReferralClient(const CallScope& scope, const std::string& org_id,
                                             const std::string& id) override;

  // pg_exclusions.cc
  absl::StatusOr<CreateOutcome<MatchExclusionRecord>> AddExclusion(
      const CallScope& scope, const MatchExclusionRecord& exclusion,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MatchExclusionRecord>& encode) override;
  absl::StatusOr<Page<MatchExclusionRecord>> ListExclusions(const CallScope& scope,
                                                            const std::string& client_id,
                                                            const PageRequest& page) override;
  absl::Status RemoveExclusion(const CallScope& scope, const std::string& client_id,
                               const std::string& id) override;

  // pg_guide_pool.cc
  absl::StatusOr<GuidePool> LoadGuidePool(const CallScope& scope,
                                          const std::string& org_id) override;
  absl::StatusOr<SuggestionContext> LoadSuggestionContext(
      const CallScope& scope, const std::string& referral_id,
      const std::string& pool_snapshot) override;

  // pg_assignments.cc
  absl::StatusOr<CreateOutcome<AssignmentRecord>> AssignGuide(
      const CallScope& scope, const std::string& referral_id, const std::string& guide_id,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<AssignmentRecord>& encode) override;
  absl::StatusOr<AssignmentRecord> GetAssignment(const CallScope& scope,
                                                 const std::string& id) override;
  absl::StatusOr<Page<AssignmentRecord>> ListAssignments(const CallScope& scope,
                                                         const AssignmentFilter& filter,
                                                         const PageRequest& page) override;
  absl::StatusOr<AssignmentRecord> ChangeAssignment(const CallScope& scope, const std::string& id,
                                                    std::optional<int64_t> expected_revision,
                                                    const AssignmentChange& change) override;
  absl::StatusOr<AssignmentParties> AssignmentPartiesOf(const CallScope& scope,
                                                        const std::string& org_id,
                                                        const std::string& id) override;
  absl::StatusOr<bool> GuideHasClient(const CallScope& scope, const std::string& org_id,
                                      const std::string& guide_id,
                                      const std::string& client_id) override;

 private:
  Database& db_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PG_MATCHING_REPOSITORY_H_
