#ifndef RINNALLA_SERVICES_MATCHING_GUIDE_POOL_H_
#define RINNALLA_SERVICES_MATCHING_GUIDE_POOL_H_

// Suggestions read an organization's whole pool of ACTIVE guides; with thousands of guides,
// reading it from PostgreSQL on every call costs more than the rest of the call. So the pool is
// kept in memory per organization, with the database snapshot it is valid as of. Each suggestion
// reads, in its own transaction, the guides changed since that snapshot (see MatchingRepository)
// and applies just those; when none changed, the pool is valid as of the newer snapshot too, so
// the next look covers only what was written since. The organization's other writes (visits,
// clients, notes) cost a suggestion nothing. It is a cache, not state: every instance may hold
// its own, and AssignGuide checks everything in the database.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rinnalla/storage/matching_repository.h"
#include "scoring.h"

namespace rinnalla::matching {

class GuidePools {
 public:
  static constexpr size_t kMaxOrganizations = 64;

  // A pool and the snapshot it is valid as of (at least as new as the pool's own).
  struct Held {
    std::shared_ptr<const storage::GuidePool> pool;
    std::string snapshot;
  };

  explicit GuidePools(storage::MatchingRepository& repository) : repository_(repository) {}

  // The pool held for `org_id`, if any.
  std::optional<Held> Find(const std::string& org_id) const;
  // Reads the whole pool anew and holds it.
  absl::StatusOr<std::shared_ptr<const storage::GuidePool>> Reload(const storage::CallScope& scope,
                                                                   const std::string& org_id);
  // The pool `held` brought up to `context`'s snapshot with the guides changed since (read by
  // LoadSuggestionContext with `held.snapshot`), and held.
  std::shared_ptr<const storage::GuidePool> Apply(const std::string& org_id, const Held& held,
                                                  const storage::SuggestionContext& context);

 private:
  void Hold(const std::string& org_id, Held held);

  storage::MatchingRepository& repository_;
  mutable std::mutex mutex_;
  absl::flat_hash_map<std::string, Held> pools_;
};

// The pool's guides that may be suggested in `context`: with room, sharing a language with the
// referral, not excluded for its client; with what scoring needs to know of each. Each is offered
// to `ranking` as it is found, so none is held beyond the call.
void OfferCandidates(const storage::GuidePool& pool, const storage::SuggestionContext& context,
                     Ranking& ranking);

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_GUIDE_POOL_H_
