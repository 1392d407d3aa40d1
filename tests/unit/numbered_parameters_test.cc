// One statement's text for SOCI and for libpq's pipeline: named binds become numbered ones, and
// nothing else of the text changes.

#include <gtest/gtest.h>

#include "pipeline.h"

namespace rinnalla::storage {
namespace {

TEST(NumberedParameters, EachNameIsItsNumberWhereverItStands) {
  EXPECT_EQ(
      NumberedParameters("SELECT :b, :a FROM t WHERE x = :a AND (:b = '' OR y = :b)", {"a", "b"}),
      "SELECT $2, $1 FROM t WHERE x = $1 AND ($2 = '' OR y = $2)");
  EXPECT_EQ(NumberedParameters("LIMIT :limit", {"limit"}), "LIMIT $1");
}

TEST(NumberedParameters, ALongerNameIsNotTakenForAShorterOne) {
  EXPECT_EQ(NumberedParameters(":cursor_id, :cursor, :cursor_kind", {"cursor", "cursor_id"}),
            "$2, $1, :cursor_kind");
}

TEST(NumberedParameters, CastsQuotesAndOtherNamesStayAsTheyAre) {
  EXPECT_EQ(NumberedParameters("SELECT :a::text, ':a', 'x:a''s', :other", {"a"}),
            "SELECT $1::text, ':a', 'x:a''s', :other");
  EXPECT_EQ(NumberedParameters("a: :a:", {"a"}), "a: $1:");
}

}  // namespace
}  // namespace rinnalla::storage
