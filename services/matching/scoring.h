#ifndef RINNALLA_SERVICES_MATCHING_SCORING_H_
#define RINNALLA_SERVICES_MATCHING_SCORING_H_

// How guides are ranked for a referral. The social worker decides; this ranks and explains.
//
//   score = needs        × (client's needs the guide has lived experience of / client's needs)
//         + municipality × (1 if the guide works in the client's municipality)
//         + caseload     × (free places / max_active_clients)   — spreads the load
//         + continuity   × (1 if the guide guided this client before, not ended as a rematch)
//
// Default weights 60 / 20 / 10 / 10 (a perfect match scores 100); lived experience dominates.
// Ties: display name, then id. Candidates come already filtered (ACTIVE, room, shared language,
// not excluded).

#include <string>
#include <vector>

#include "rinnalla/storage/matching_records.h"

namespace rinnalla::matching {

struct ScoringWeights {
  double needs = 60;
  double municipality = 20;
  double caseload = 10;
  double continuity = 10;
};

// One criterion's part: its points, the English sentence, and the facts that sentence words (so
// an app can word them in the user's language); only the facts of `criterion` are set.
struct Reason {
  std::string criterion;  // NEEDS, MUNICIPALITY, CASELOAD, CONTINUITY
  double contribution = 0;
  std::string explanation;
  std::vector<std::string> needs;          // NEEDS: the client's, as codes (MENTAL_HEALTH)
  std::vector<std::string> covered_needs;  // NEEDS: those the guide has lived experience of
  std::string municipality;                // MUNICIPALITY: the client's, a code
  bool met = false;  // MUNICIPALITY: the guide works there; CONTINUITY: guided the client before
  int places_taken = 0, places_free = 0, max_active_clients = 0;  // CASELOAD
};

struct Suggestion {
  std::string guide_id;
  std::string display_name;
  double score = 0;
  std::vector<Reason> reasons;
};

// The best `max_results` of the candidates offered one by one, kept as a bounded heap: a
// suggestion scores thousands of candidates without holding them all.
class Ranking {
 public:
  Ranking(const storage::ReferralRecord& referral, const ScoringWeights& weights,
          int max_results);
  void Offer(const storage::GuideCandidate& guide);
  // Best first, each with its reasons.
  std::vector<Suggestion> Best() &&;

 private:
  struct Parts {
    double needs, municipality, caseload, continuity;
    double Total() const { return needs + municipality + caseload + continuity; }
  };
  struct Scored {
    storage::GuideCandidate guide;
    Parts parts;
    double total;
  };
  static bool Better(const Scored& a, const Scored& b);
  Parts Score(const storage::GuideCandidate& guide) const;
  std::vector<Reason> Explain(const storage::GuideCandidate& guide, const Parts& parts) const;

  const storage::ReferralRecord& referral_;
  const ScoringWeights& weights_;
  const uint32_t needs_;
  const int wanted_;  // how many needs the referral names
  const size_t keep_;
  std::vector<Scored> heap_;  // the best so far; its front is the worst of them
};

// The best `max_results` candidates, best first, each with its reasons.
std::vector<Suggestion> RankGuides(const storage::ReferralRecord& referral,
                                   const std::vector<storage::GuideCandidate>& candidates,
                                   const ScoringWeights& weights, int max_results);

// "MENTAL_HEALTH" → "mental health".
std::string AreaInWords(const std::string& area);

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_SCORING_H_
