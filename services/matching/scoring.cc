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

struct Parts {
  double needs, municipality, caseload, continuity;
  double Total() const { return needs + municipality + caseload + continuity; }
};

// `needs`: the referral's needs as a mask.
Parts Score(uint32_t needs, const storage::GuideCandidate& guide, const ScoringWeights& w) {
  const int wanted = __builtin_popcount(needs);
  const int covered = __builtin_popcount(needs & guide.experience_mask);
  const double coverage = wanted == 0 ? 0 : static_cast<double>(covered) / wanted;
  const int free_places = std::max(0, guide.max_active_clients - guide.active_client_count);
  const double headroom = guide.max_active_clients > 0
                              ? static_cast<double>(free_places) / guide.max_active_clients
                              : 0;
  return {w.needs * coverage, guide.works_in_municipality ? w.municipality : 0,
          w.caseload * headroom, guide.guided_client_before ? w.continuity : 0};
}

std::vector<Reason> Explain(const storage::ReferralRecord& referral,
                            const storage::GuideCandidate& guide, const Parts& parts) {
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

}  // namespace

std::string AreaInWords(const std::string& area) {
  return absl::AsciiStrToLower(absl::StrReplaceAll(area, {{"_", " "}}));
}

std::vector<Suggestion> RankGuides(const storage::ReferralRecord& referral,
                                   const std::vector<storage::GuideCandidate>& candidates,
                                   const ScoringWeights& weights, int max_results) {
  struct Scored {
    const storage::GuideCandidate* guide;
    Parts parts;
    double total;
  };
  const uint32_t needs = storage::ExperienceMask(referral.needs);
  auto better = [](const Scored& a, const Scored& b) {
    if (a.total != b.total) return a.total > b.total;
    if (a.guide->display_name != b.guide->display_name) {
      return a.guide->display_name < b.guide->display_name;
    }
    return a.guide->id < b.guide->id;
  };
  // The best `keep` so far, as a heap whose top is the worst of them.
  const size_t keep = std::min(candidates.size(), static_cast<size_t>(std::max(0, max_results)));
  std::vector<Scored> scored;
  scored.reserve(keep + 1);
  for (const storage::GuideCandidate& guide : candidates) {
    if (keep == 0) break;
    Parts parts = Score(needs, guide, weights);
    Scored next{&guide, parts, parts.Total()};
    if (scored.size() == keep && !better(next, scored.front())) continue;
    scored.push_back(next);
    std::push_heap(scored.begin(), scored.end(), better);
    if (scored.size() > keep) {
      std::pop_heap(scored.begin(), scored.end(), better);
      scored.pop_back();
    }
  }
  std::sort_heap(scored.begin(), scored.end(), better);
  std::vector<Suggestion> best;
  for (size_t i = 0; i < keep; ++i) {
    const Scored& s = scored[i];
    best.push_back({std::string(s.guide->id), std::string(s.guide->display_name), s.total,
                    Explain(referral, *s.guide, s.parts)});
  }
  return best;
}

}  // namespace rinnalla::matching
