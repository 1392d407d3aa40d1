#ifndef RINNALLA_SERVICES_MATCHING_GUIDE_POOL_H_
#define RINNALLA_SERVICES_MATCHING_GUIDE_POOL_H_

// Suggestions read an organization's whole pool of ACTIVE guides; with thousands of guides,
// reading it from PostgreSQL on every call costs more than the rest of the call. So the pool is
// kept in memory per organization, with the snapshot it was read in, and reloaded as soon as the
// database shows a change the snapshot did not see (see MatchingRepository). It is a cache, not
// state: every instance may hold its own, and AssignGuide checks everything in the database.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rinnalla/storage/matching_repository.h"

namespace rinnalla::matching {

class GuidePools {
 public:
  static constexpr size_t kMaxOrganizations = 64;

  explicit GuidePools(storage::MatchingRepository& repository) : repository_(repository) {}

  // The pool held for `org_id`, or null.
  std::shared_ptr<const storage::GuidePool> Find(const std::string& org_id) const;
  // Reads the pool anew and holds it.
  absl::StatusOr<std::shared_ptr<const storage::GuidePool>> Reload(const std::string& org_id);

 private:
  storage::MatchingRepository& repository_;
  mutable std::mutex mutex_;
  absl::flat_hash_map<std::string, std::shared_ptr<const storage::GuidePool>> pools_;
};

// The pool's guides that may be suggested in `context`: with room, sharing a language with the
// referral, not excluded for its client; with what scoring needs to know of each.
std::vector<storage::GuideCandidate> CandidatesFor(const storage::GuidePool& pool,
                                                   const storage::SuggestionContext& context);

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_GUIDE_POOL_H_
