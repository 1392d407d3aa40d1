#ifndef RINNALLA_SERVICES_NOTES_GAS_H_
#define RINNALLA_SERVICES_NOTES_GAS_H_

// Goal Attainment Scaling: the T-score over a set of rated goals (Kiresuk & Sherman), as
// DOMAIN.md defines it.

#include <optional>
#include <vector>

namespace rinnalla::notes {

// The correlation assumed between goals' scores.
inline constexpr double kGasRho = 0.3;

struct ScoredGoal {
  int weight = 1;  // goals.weight, 1..10
  int score = 0;   // -2..+2
};

// T = 50 + 10·Σwᵢxᵢ / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²). 50 is "as expected" on every goal; each step of
// one level on all goals moves it by about 10. nullopt for no goals.
std::optional<double> GasTScore(const std::vector<ScoredGoal>& goals, double rho = kGasRho);

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_GAS_H_
