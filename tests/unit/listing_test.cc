#include "listing.h"

#include <gtest/gtest.h>

namespace rinnalla {
namespace {

TEST(ParseFilter, ReadsConjunctionOfTerms) {
  auto terms = ParseFilter(R"(state = ACTIVE AND language = "fi")", {"state", "language"});
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_EQ(terms->at("state"), "ACTIVE");
  EXPECT_EQ(terms->at("language"), "fi");
}

}  // namespace
}  // namespace rinnalla
