// Rows written as one JSON parameter read back as they were written: every byte value of UTF-8
// text, nulls, integers at their limits, booleans and arrays of texts; text that is not UTF-8 is
// refused, not sent.

#include "json_rows.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "absl/strings/escaping.h"
#include "codec.h"
#include "every_byte.h"

namespace rinnalla::storage {
namespace {

TEST(JsonRows, ReadBackAsWritten) {
  const std::string every_byte = EveryByte();
  JsonRows rows;
  rows.Row()
      .Add("text", every_byte)
      .Add("literal", "kirjasto")
      .Add("none", std::optional<int>())
      .Add("year", std::optional<int>(1987))
      .Add("min", std::numeric_limits<int64_t>::min())
      .Add("max", std::numeric_limits<uint64_t>::max())
      .Add("present", true)
      .Add("places", std::vector<std::string>{"KELA", "", every_byte});
  rows.Row().Add("n", rows.size() - 1).Add("empty", std::vector<std::string>{});
  ASSERT_EQ(rows.size(), 2u);

  const nlohmann::json read = nlohmann::json::parse(rows.Text());
  ASSERT_EQ(read.size(), 2u);
  const nlohmann::json& first = read[0];
  EXPECT_EQ(first.at("text"), every_byte);
  EXPECT_EQ(first.at("literal"), "kirjasto");
  EXPECT_TRUE(first.at("none").is_null());
  EXPECT_EQ(first.at("year"), 1987);
  EXPECT_EQ(first.at("min").get<int64_t>(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(first.at("max").get<uint64_t>(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(first.at("present"), true);
  EXPECT_EQ(first.at("places"), (std::vector<std::string>{"KELA", "", every_byte}));
  EXPECT_EQ(read[1], (nlohmann::json{{"n", 1}, {"empty", nlohmann::json::array()}}));
}

// Plain texts (printable ASCII with nothing to escape) take a path of their own.
TEST(JsonRows, PlainTextsAndTextsToEscapeReadBackAlike) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  const std::vector<std::string> texts = {absl::Base64Escape(bytes),
                                          "organizations/x/clients/1",
                                          "a\"b",
                                          "a\\b",
                                          "tab\there",
                                          " ~",
                                          "\x7f",
                                          "Kävimme",
                                          ""};
  JsonRows rows;
  for (const std::string& text : texts) rows.Row().Add("t", text);
  const nlohmann::json read = nlohmann::json::parse(rows.Text());
  ASSERT_EQ(read.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(read[i].at("t"), texts[i]) << texts[i];
}

TEST(JsonRows, NoRowsAreAnEmptyArray) {
  JsonRows rows;
  EXPECT_TRUE(rows.empty());
  EXPECT_EQ(rows.Text(), "[]");
}

TEST(JsonRows, TextIsTheSameAtEveryCall) {
  JsonRows rows;
  rows.Row().Add("n", 1);
  const std::string first = rows.Text();
  EXPECT_EQ(first, R"([{"n":1}])");
  EXPECT_EQ(rows.Text(), first);

  JsonRows none;
  EXPECT_EQ(none.Text(), "[]");
  EXPECT_EQ(none.Text(), "[]");
}

TEST(JsonRows, TextThatIsNotUtf8IsRefused) {
  for (const std::string& bad : {std::string("\xff"), std::string("caf\xc3"),
                                 std::string("\xed\xa0\x80"), std::string("\xc0\xaf")}) {
    JsonRows rows;
    rows.Row();
    EXPECT_THROW(rows.Add("text", bad), std::invalid_argument) << bad;
    EXPECT_THROW(rows.Add("places", std::vector<std::string>{"ok", bad}), std::invalid_argument);
    EXPECT_THROW(ToJsonArray({bad}), std::invalid_argument);
  }
}

TEST(JsonRows, ArraysOfTextReadBackAsWritten) {
  const std::vector<std::string> values = {EveryByte(), "", "\"{a,b}\"", "\\"};
  EXPECT_EQ(FromJsonArray(ToJsonArray(values)), values);
  EXPECT_EQ(ToJsonArray({}), "[]");
}

TEST(JsonRows, AnArrayReadIsEmptyForNothingAndRefusedForAnythingButTexts) {
  EXPECT_TRUE(FromJsonArray("").empty());
  EXPECT_TRUE(FromJsonArray("null").empty());
  EXPECT_TRUE(FromJsonArray("[]").empty());
  EXPECT_EQ(FromJsonArray(R"(["a\u0000b"])"), std::vector<std::string>{std::string("a\0b", 3)});
  for (const char* bad : {"[1]", R"({"a": "b"})", "\"a\"", R"(["a")", "[\"\xff\"]"}) {
    EXPECT_THROW(FromJsonArray(bad), std::invalid_argument) << bad;
  }
  EXPECT_THROW(FromJsonArray(std::string("[]\0[1]", 6)), std::invalid_argument);
}

}  // namespace
}  // namespace rinnalla::storage
