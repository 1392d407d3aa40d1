#ifndef RINNALLA_STORAGE_MATCHING_REPOSITORY_H_
#define RINNALLA_STORAGE_MATCHING_REPOSITORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/matching_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Referrals, exclusions and assignments of one organization (`scope.org_id`). Each method is
// one transaction that also writes the access log (a row per client touched) and, for changes,
// an outbox event. Errors: NOT_FOUND for a missing resource; FAILED_PRECONDITION with reasons
// GUIDE_AT_CAPACITY, GUIDE_NOT_ACTIVE, CLIENT_ALREADY_ASSIGNED, GUIDE_EXCLUDED,
// REFERRAL_NOT_OPEN, ASSIGNMENT_NOT_ACTIVE, ASSIGNMENT_NOT_PAUSED, ASSIGNMENT_ENDED; ABORTED for a
// stale revision; ALREADY_EXISTS for a second exclusion of the same pair. Thread-safe.
class MatchingRepository {
 public:
  virtual ~MatchingRepository() = default;

  // The client named by a record system's id, if any.
  virtual absl::StatusOr<std::optional<std::string>> FindClientByExternalRef(
      const CallScope& scope, const std::string& org_id, const ExternalRefRecord& ref) = 0;

  virtual absl::StatusOr<CreateOutcome<ReferralRecord>> CreateReferral(
      const CallScope& scope, const ReferralRecord& referral,
      const std::optional<IdempotencyKey>& key, const ResponseEncoder<ReferralRecord>& encode) = 0;
  virtual absl::StatusOr<ReferralRecord> GetReferral(const CallScope& scope,
                                                     const std::string& id) = 0;
  virtual absl::StatusOr<Page<ReferralRecord>> ListReferrals(const CallScope& scope,
                                                             const ReferralFilter& filter,
                                                             const PageRequest& page) = 0;
  virtual absl::StatusOr<ReferralRecord> CancelReferral(const CallScope& scope,
                                                        const std::string& id,
                                                        const std::string& reason) = 0;

  virtual absl::StatusOr<CreateOutcome<MatchExclusionRecord>> AddExclusion(
      const CallScope& scope, const MatchExclusionRecord& exclusion,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MatchExclusionRecord>& encode) = 0;
  virtual absl::StatusOr<Page<MatchExclusionRecord>> ListExclusions(const CallScope& scope,
                                                                    const std::string& client_id,
                                                                    const PageRequest& page) = 0;
  virtual absl::Status RemoveExclusion(const CallScope& scope, const std::string& client_id,
                                       const std::string& id) = 0;

  // The organization's ACTIVE guides and the snapshot they were read in.
  virtual absl::StatusOr<GuidePool> LoadGuidePool(const CallScope& scope,
                                                  const std::string& org_id) = 0;
  // An OPEN referral (REFERRAL_NOT_OPEN otherwise), its client's exclusions and earlier guides,
  // and, for a pool read as of `pool_snapshot` (empty: none), the guides changed since.
  virtual absl::StatusOr<SuggestionContext> LoadSuggestionContext(
      const CallScope& scope, const std::string& referral_id, const std::string& pool_snapshot) = 0;

  // Creates an ACTIVE assignment for an OPEN referral and marks it MATCHED. The guide's caseload
  // cap and the client's single open assignment are held by the database under concurrency.
  virtual absl::StatusOr<CreateOutcome<AssignmentRecord>> AssignGuide(
      const CallScope& scope, const std::string& referral_id, const std::string& guide_id,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<AssignmentRecord>& encode) = 0;
  virtual absl::StatusOr<AssignmentRecord> GetAssignment(const CallScope& scope,
                                                         const std::string& id) = 0;
  virtual absl::StatusOr<Page<AssignmentRecord>> ListAssignments(const CallScope& scope,
                                                                 const AssignmentFilter& filter,
                                                                 const PageRequest& page) = 0;
  virtual absl::StatusOr<AssignmentRecord> ChangeAssignment(
      const CallScope& scope, const std::string& id, std::optional<int64_t> expected_revision,
      const AssignmentChange& change) = 0;

  // Whose an assignment and a referral are, for deciding whether a guide may read an assignment
  // and for filing a refusal under its client; they read no client data. NOT_FOUND when there
  // is none of that id in the organization.
  struct AssignmentParties {
    std::string guide_id;
    std::string client_id;
  };
  virtual absl::StatusOr<AssignmentParties> AssignmentPartiesOf(const CallScope& scope,
                                                                const std::string& org_id,
                                                                const std::string& id) = 0;
  virtual absl::StatusOr<std::string> ReferralClient(const CallScope& scope,
                                                     const std::string& org_id,
                                                     const std::string& id) = 0;

  // Whether an ACTIVE or PAUSED assignment links the guide and the client (for access checks).
  virtual absl::StatusOr<bool> GuideHasClient(const CallScope& scope, const std::string& org_id,
                                              const std::string& guide_id,
                                              const std::string& client_id) = 0;
};

std::unique_ptr<MatchingRepository> MakePgMatchingRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_MATCHING_REPOSITORY_H_
