#include "comments.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rinnalla::openapi {

std::string Reflow(absl::string_view comment) {
  std::vector<std::string> paragraphs;
  std::string paragraph;
  for (absl::string_view line : absl::StrSplit(comment, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) {
      if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
      paragraph.clear();
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    absl::StrAppend(&paragraph, line);
  }
  if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
  return absl::StrJoin(paragraphs, "\n\n");
}

bool IsOutputOnly(absl::string_view comment) {
  return absl::StrContains(absl::AsciiStrToLower(comment), "output only");
}

}  // namespace rinnalla::openapi
