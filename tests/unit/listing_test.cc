#include "listing.h"

#include <gtest/gtest.h>

#include "rinnalla/storage/status.h"

namespace rinnalla {
namespace {

TEST(ParseFilter, ReadsConjunctionOfTerms) {
  auto terms = ParseFilter(R"(state = ACTIVE AND language = "fi")", {"state", "language"});
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_EQ(terms->at("state"), "ACTIVE");
  EXPECT_EQ(terms->at("language"), "fi");
}

TEST(ParseFilter, QuotedValuesMayHoldSpacesSlashesAndEscapedQuotes) {
  auto terms = ParseFilter(R"(client = "organizations/x/clients/a \"b\" c")", {"client"});
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_EQ(terms->at("client"), R"(organizations/x/clients/a "b" c)");
}

TEST(ParseFilter, EmptyFilterIsNoTerms) {
  auto terms = ParseFilter("   ", {"state"});
  ASSERT_TRUE(terms.ok());
  EXPECT_TRUE(terms->empty());
}

TEST(ParseFilter, RefusesWhatItCannotRead) {
  for (const char* bad :
       {"state", "state =", "= ACTIVE", "state = ACTIVE and language = fi",
        "state = ACTIVE AND state = CLOSED", "colour = blue", "state = \"ACTIVE"}) {
    auto terms = ParseFilter(bad, {"state", "language"});
    EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ParseFilterTerms, ReadsTheHasOperator) {
  auto terms = ParseFilterTerms(R"(display_name:"virta matti" AND state = ACTIVE)",
                                {{"display_name", {":"}}, {"state", {"="}}});
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 2u);
  EXPECT_EQ((*terms)[0].field, "display_name");
  EXPECT_EQ((*terms)[0].op, ":");
  EXPECT_EQ((*terms)[0].value, "virta matti");
  EXPECT_EQ((*terms)[1].op, "=");
  // An operator a field does not take is refused.
  EXPECT_FALSE(ParseFilterTerms("state:ACTIVE", {{"state", {"="}}}).ok());
  EXPECT_FALSE(ParseFilterTerms("display_name = x", {{"display_name", {":"}}}).ok());
  EXPECT_FALSE(ParseFilterTerms("display_name:=x", {{"display_name", {":"}}}).ok());
}

TEST(ApplyTimeTerm, BoundsAHalfOpenRangeOfWholeMicroseconds) {
  const absl::Time t = absl::FromUnixSeconds(1'590'000'000);
  const std::string text = "2020-05-20T18:40:00Z";
  std::optional<absl::Time> from, until;
  ASSERT_TRUE(ApplyTimeTerm({"time", ">=", text}, from, until).ok());
  EXPECT_EQ(from, t);
  ASSERT_TRUE(ApplyTimeTerm({"time", ">", text}, from, until).ok());
  EXPECT_EQ(from, t + absl::Microseconds(1));
  ASSERT_TRUE(ApplyTimeTerm({"time", "<", "2020-05-20T21:40:00+03:00"}, from, until).ok());
  EXPECT_EQ(until, t);
  ASSERT_TRUE(ApplyTimeTerm({"time", "<=", text}, from, until).ok());
  EXPECT_EQ(until, t + absl::Microseconds(1));
  // Nanoseconds are cut to the microseconds times are stored in.
  ASSERT_TRUE(ApplyTimeTerm({"time", ">=", "2020-05-20T18:40:00.000000999Z"}, from, until).ok());
  EXPECT_EQ(from, t);
  absl::Status bad = ApplyTimeTerm({"time", ">=", "2020-05-20"}, from, until);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageRequest, DefaultsCapsAndRefusesNegativeSizes) {
  EXPECT_EQ(ReadPageRequest(0, "", "q")->page_size, 50);
  EXPECT_EQ(ReadPageRequest(7, "", "q")->page_size, 7);
  EXPECT_EQ(ReadPageRequest(100000, "", "q")->page_size, 500);
  EXPECT_EQ(ReadPageRequest(-1, "", "q").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageRequest, TokenRoundTripsItsCursorForTheSameQueryOnly) {
  storage::PageCursor cursor{absl::FromUnixMicros(1'790'000'000'123'456),
                             "1b4e28ba-2fa1-41d2-883f-0016d3cca427"};
  std::string token = NextPageToken(cursor, "organizations/x\nstate = ACTIVE");
  auto page = ReadPageRequest(10, token, "organizations/x\nstate = ACTIVE");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_TRUE(page->after);
  EXPECT_EQ(page->after->create_time, cursor.create_time) << "microseconds kept";
  EXPECT_EQ(page->after->id, cursor.id);
  EXPECT_EQ(ReadPageRequest(10, token, "organizations/y\nstate = ACTIVE").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadPageRequest(10, "bm90IGEgdG9rZW4", "q").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NextPageToken(std::nullopt, "q"), "");
}

}  // namespace
}  // namespace rinnalla
