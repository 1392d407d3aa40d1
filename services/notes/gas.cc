#include "gas.h"

#include <cmath>

namespace rinnalla::notes {

std::optional<double> GasTScore(const std::vector<ScoredGoal>& goals, double rho) {
  if (goals.empty()) return std::nullopt;
  double weighted_sum = 0, sum_of_squares = 0, sum = 0;
  for (const ScoredGoal& g : goals) {
    weighted_sum += g.weight * g.score;
    sum_of_squares += g.weight * g.weight;
    sum += g.weight;
  }
  return 50.0 + 10.0 * weighted_sum / std::sqrt((1 - rho) * sum_of_squares + rho * sum * sum);
}

}  // namespace rinnalla::notes
