// The GAS T-score against hand-worked examples: T = 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²), ρ = 0.3.

#include "gas.h"

#include <gtest/gtest.h>

namespace rinnalla::notes {
namespace {

TEST(GasTScore, NoGoalsNoScore) { EXPECT_FALSE(GasTScore({}).has_value()); }

TEST(GasTScore, ASingleGoal) {
  // One goal: the denominator is √(0.7·1 + 0.3·1) = 1, so each level is 10 points.
  EXPECT_NEAR(*GasTScore({{1, 0}}), 50.0, 1e-9);
  EXPECT_NEAR(*GasTScore({{1, 2}}), 70.0, 1e-9);
  EXPECT_NEAR(*GasTScore({{1, -1}}), 40.0, 1e-9);
  EXPECT_NEAR(*GasTScore({{1, -2}}), 30.0, 1e-9);
  // A single goal's weight cancels out: 10·5·1 / √(0.7·25 + 0.3·25) = 10.
  EXPECT_NEAR(*GasTScore({{5, 1}}), 60.0, 1e-9);
}

TEST(GasTScore, EqualWeights) {
  // Two goals at +1: 50 + 10·2 / √(0.7·2 + 0.3·4) = 50 + 20 / √2.6 = 62.4035...
  EXPECT_NEAR(*GasTScore({{1, 1}, {1, 1}}), 62.40347, 1e-5);
  // Three at +2: 50 + 60 / √(2.1 + 2.7) = 50 + 60 / √4.8 = 77.3861...
  EXPECT_NEAR(*GasTScore({{1, 2}, {1, 2}, {1, 2}}), 77.38613, 1e-5);
  // +2 and -1: 50 + 10 / √2.6 = 56.2017...
  EXPECT_NEAR(*GasTScore({{1, 2}, {1, -1}}), 56.20174, 1e-5);
  // As expected everywhere: 50 whatever the number of goals.
  EXPECT_NEAR(*GasTScore({{1, 0}, {1, 0}, {1, 0}, {1, 0}}), 50.0, 1e-9);
}

TEST(GasTScore, Weights) {
  // Weights 3 and 1 at +1 and 0: Σwx = 3, Σw² = 10, (Σw)² = 16: 50 + 30 / 3.43511 = 58.7333...
  EXPECT_NEAR(*GasTScore({{3, 1}, {1, 0}}), 58.73334, 1e-5);
  // Weights 2 and 1 at +2 and +1: Σwx = 5, Σw² = 5, (Σw)² = 9: 50 + 50 / √6.2 = 70.0805...
  EXPECT_NEAR(*GasTScore({{2, 2}, {1, 1}}), 70.08048, 1e-5);
  // Weights 2 and 1 at +1 and -2 balance out: Σwx = 0.
  EXPECT_NEAR(*GasTScore({{2, 1}, {1, -2}}), 50.0, 1e-9);
  // Weights 1, 2, 3 at -1, 0, +2: Σwx = 5, Σw² = 14, (Σw)² = 36: 50 + 50 / 4.53872 = 61.0163...
  EXPECT_NEAR(*GasTScore({{1, -1}, {2, 0}, {3, 2}}), 61.01632, 1e-5);
}

TEST(GasTScore, RhoIsAParameter) {
  // Uncorrelated goals (ρ = 0): two at +1 give 50 + 20 / √2.
  EXPECT_NEAR(*GasTScore({{1, 1}, {1, 1}}, 0.0), 64.14214, 1e-5);
}

}  // namespace
}  // namespace rinnalla::notes
