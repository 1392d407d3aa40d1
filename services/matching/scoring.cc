#include "scoring.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace rinnalla::matching {
namespace {

// The referral's needs the guide has lived experience of, as codes.
std::vector<std::string> CoveredNeeds(const storage::ReferralRecord& referral,
                                      const storage::GuideCandidate& guide) {
  std::vector<std::string> covered;
  for (const std::string& need : referral.needs) {
    if (guide.experience_mask & storage::ExperienceMask({need})) covered.push_back(need);
  }
  return covered;
}

std::vector<std::string> InWords(const std::vector<std::string>& areas) {
  std::vector<std::string> words;
  for (const std::string& area : areas) words.push_back(AreaInWords(area));
  return words;
}

}  // namespace

std::vector<Reason> Ranking::Explain(const storage::GuideCandidate& guide,
                                     const Parts& parts) const {
  const storage::ReferralRecord& referral = referral_;
  std::vector<std::string> covered = CoveredNeeds(referral, guide);
  const int free_places = std::max(0, guide.max_active_clients - guide.active_client_count);
  Reason needs{"NEEDS", parts.needs,
               covered.empty() ? absl::StrCat("No lived experience of the client's needs (",
                                              absl::StrJoin(InWords(referral.needs), ", "), ")")
                               : absl::StrCat("Lived experience of ", covered.size(),
                                              " of the client's ", referral.needs.size(),
                                              " needs: ", absl::StrJoin(InWords(covered), ", "))};
  needs.needs = referral.needs;
  needs.covered_needs = covered;
  Reason municipality{
      "MUNICIPALITY", parts.municipality,
      guide.works_in_municipality
          ? absl::StrCat("Works in the client's municipality (", referral.municipality, ")")
          : absl::StrCat("Does not work in the client's municipality (", referral.municipality,
                         ")")};
  municipality.municipality = referral.municipality;
  municipality.met = guide.works_in_municipality;
  Reason caseload{"CASELOAD", parts.caseload,
                  absl::StrCat("Room for ", free_places, " more (", guide.active_client_count,
                               " of ", guide.max_active_clients, " places taken)")};
  caseload.places_taken = guide.active_client_count;
  caseload.places_free = free_places;
  caseload.max_active_clients = guide.max_active_clients;
  Reason continuity{"CONTINUITY", parts.continuity,
                    guide.guided_client_before ? "Has guided this client before"
                                               : "Has not guided this client before"};
  continuity.met = guide.guided_client_before;
  return {std::move(needs), std::move(municipality), std::move(caseload), std::move(continuity)};
}

std::string AreaInWords(const std::string& area) {
  return absl::AsciiStrToLower(absl::StrReplaceAll(area, {{"_", " "}}));
}

Ranking::Ranking(const storage::ReferralRecord& referral, const ScoringWeights& weights,
                 int max_results)
    : referral_(referral),
      weights_(weights),
      needs_(storage::ExperienceMask(referral.needs)),
      wanted_(__builtin_popcount(needs_)),
      keep_(static_cast<size_t>(std::max(0, max_results))) {
  heap_.reserve(keep_ + 1);
}

Ranking::Parts Ranking::Score(const storage::GuideCandidate& guide) const {
  const int covered = __builtin_popcount(needs_ & guide.experience_mask);
  const double coverage = wanted_ == 0 ? 0 : static_cast<double>(covered) / wanted_;
  const int free_places = std::max(0, guide.max_active_clients - guide.active_client_count);
  const double headroom = guide.max_active_clients > 0
                              ? static_cast<double>(free_places) / guide.max_active_clients
                              : 0;
  const ScoringWeights& w = weights_;
  return {w.needs * coverage, guide.works_in_municipality ? w.municipality : 0,
          w.caseload * headroom, guide.guided_client_before ? w.continuity : 0};
}

bool Ranking::Better(const Scored& a, const Scored& b) {
  if (a.total != b.total) return a.total > b.total;
  if (a.guide.display_name != b.guide.display_name) {
    return a.guide.display_name < b.guide.display_name;
  }
  return a.guide.id < b.guide.id;
}

void Ranking::Offer(const storage::GuideCandidate& guide) {
  if (keep_ == 0) return;
  Parts parts = Score(guide);
  Scored next{guide, parts, parts.Total()};
  if (heap_.size() == keep_ && !Better(next, heap_.front())) return;
  heap_.push_back(next);
  std::push_heap(heap_.begin(), heap_.end(), Better);
  if (heap_.size() > keep_) {
    std::pop_heap(heap_.begin(), heap_.end(), Better);
    heap_.pop_back();
  }
}

std::vector<Suggestion> Ranking::Best() && {
  std::sort_heap(heap_.begin(), heap_.end(), Better);
  std::vector<Suggestion> best;
  best.reserve(heap_.size());
  for (const Scored& s : heap_) {
    best.push_back({std::string(s.guide.id), std::string(s.guide.display_name), s.total,
                    Explain(s.guide, s.parts)});
  }
  return best;
}

std::vector<Suggestion> RankGuides(const storage::ReferralRecord& referral,
                                   const std::vector<storage::GuideCandidate>& candidates,
                                   const ScoringWeights& weights, int max_results) {
  Ranking ranking(referral, weights, max_results);
  for (const storage::GuideCandidate& guide : candidates) ranking.Offer(guide);
  return std::move(ranking).Best();
}

}  // namespace rinnalla::matching
