#ifndef RINNALLA_STORAGE_SRC_CLIENT_NAME_MATCH_H_
#define RINNALLA_STORAGE_SRC_CLIENT_NAME_MATCH_H_

// Clients found by the words of their name: every word occurs in the display name, case aside.
// Names and words are lower-cased by ICU's root locale (the expression V0009 indexes), so the
// trigram index finds the candidates by the longest word and every other word is checked on them.

#include <string>
#include <vector>

namespace rinnalla::storage {

struct ClientNameMatch {
  explicit ClientNameMatch(const std::vector<std::string>& words);

  // The condition on clients `c`; true for every client when there are no words. Binds
  // :has_words, :longest and :patterns by name.
  static const char kCondition[];

  int has_words;
  std::string longest;   // the longest word as a LIKE pattern, "%word%"
  std::string patterns;  // every word's pattern, a JSON array
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CLIENT_NAME_MATCH_H_
