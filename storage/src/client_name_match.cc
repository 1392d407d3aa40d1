#include "client_name_match.h"

#include <algorithm>

#include "codec.h"

namespace rinnalla::storage {
namespace {

// "%word%" with LIKE's own characters (%, _ and the escape \) taken literally.
std::string ContainsPattern(const std::string& word) {
  std::string pattern = "%";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

}  // namespace

const char ClientNameMatch::kCondition[] =
    "(:has_words = 0 OR"
    " (lower(c.display_name COLLATE \"und-x-icu\")"
    "    LIKE lower(CAST(:longest AS text) COLLATE \"und-x-icu\")"
    "  AND NOT EXISTS (SELECT 1 FROM json_array_elements_text(CAST(:patterns AS json)) w(p)"
    "    WHERE lower(c.display_name COLLATE \"und-x-icu\") NOT LIKE lower(w.p COLLATE "
    "\"und-x-icu\"))))";

ClientNameMatch::ClientNameMatch(const std::vector<std::string>& words)
    : has_words(words.empty() ? 0 : 1), longest("%") {
  std::vector<std::string> all;
  for (const std::string& word : words) all.push_back(ContainsPattern(word));
  auto longest_word = std::max_element(
      words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  if (longest_word != words.end()) longest = ContainsPattern(*longest_word);
  patterns = ToJsonArray(all);
}

}  // namespace rinnalla::storage
