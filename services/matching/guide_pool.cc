#include "guide_pool.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "rinnalla/metrics/metrics.h"

namespace rinnalla::matching {
namespace {

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool SharesALanguage(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& language : a) {
    if (Contains(b, language)) return true;
  }
  return false;
}

}  // namespace

std::optional<GuidePools::Held> GuidePools::Find(const std::string& org_id) const {
  std::lock_guard lock(mutex_);
  auto it = pools_.find(org_id);
  if (it == pools_.end()) return std::nullopt;
  return it->second;
}

void GuidePools::Hold(const std::string& org_id, Held held) {
  std::lock_guard lock(mutex_);
  if (pools_.size() >= kMaxOrganizations && !pools_.contains(org_id)) pools_.clear();
  pools_[org_id] = std::move(held);
}

absl::StatusOr<std::shared_ptr<const storage::GuidePool>> GuidePools::Reload(
    const storage::CallScope& scope, const std::string& org_id) {
  absl::StatusOr<storage::GuidePool> pool = repository_.LoadGuidePool(scope, org_id);
  if (!pool.ok()) return pool.status();
  metrics::SuggestionPoolRefreshes().Increment();
  auto shared = std::make_shared<const storage::GuidePool>(*std::move(pool));
  Hold(org_id, {shared, shared->snapshot});
  return shared;
}

std::shared_ptr<const storage::GuidePool> GuidePools::Apply(
    const std::string& org_id, const Held& held, const storage::SuggestionContext& context) {
  if (!context.pool_out_of_date) {
    // Nothing of the pool changed up to the context's snapshot: it is valid as of that one too.
    std::lock_guard lock(mutex_);
    auto it = pools_.find(org_id);
    if (it != pools_.end() && it->second.pool == held.pool) it->second.snapshot = context.snapshot;
    return held.pool;
  }
  const absl::flat_hash_set<std::string> changed(context.changed_guide_ids.begin(),
                                                 context.changed_guide_ids.end());
  auto next = std::make_shared<storage::GuidePool>();
  next->snapshot = context.snapshot;
  next->guides.reserve(held.pool->guides.size() + context.changed_active_guides.size());
  for (const storage::PoolGuide& g : held.pool->guides) {
    if (!changed.contains(g.id)) next->guides.push_back(g);
  }
  for (const storage::PoolGuide& g : context.changed_active_guides) next->guides.push_back(g);
  std::shared_ptr<const storage::GuidePool> pool = std::move(next);
  // Whichever pool is held now, this one is as valid: it is exact as of its snapshot.
  Hold(org_id, {pool, context.snapshot});
  return pool;
}

void OfferCandidates(const storage::GuidePool& pool, const storage::SuggestionContext& context,
                     Ranking& ranking) {
  const absl::flat_hash_set<std::string> excluded(context.excluded_guide_ids.begin(),
                                                  context.excluded_guide_ids.end());
  for (const storage::PoolGuide& g : pool.guides) {
    if (g.active_client_count >= g.max_active_clients ||
        (!excluded.empty() && excluded.contains(g.id)) ||
        !SharesALanguage(g.languages, context.referral.languages)) {
      continue;
    }
    ranking.Offer({g.id, g.display_name, g.experience_mask,
                   Contains(g.municipalities, context.referral.municipality),
                   g.active_client_count, g.max_active_clients,
                   Contains(context.earlier_guide_ids, g.id)});
  }
}

}  // namespace rinnalla::matching
