#include "path_template.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rinnalla::http {
namespace {

absl::Status Invalid(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("path template \"", text, "\": ", why));
}

// Splits at `separator` outside braces.
std::vector<std::string> SplitOutsideBraces(absl::string_view text, char separator) {
  std::vector<std::string> parts(1);
  int depth = 0;
  for (char c : text) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (c == separator && depth == 0) {
      parts.emplace_back();
    } else {
      parts.back().push_back(c);
    }
  }
  return parts;
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate result;
  result.text_ = std::string(text);
  absl::string_view rest = text;
  if (!absl::ConsumePrefix(&rest, "/")) return Invalid(text, "must start with /");
  std::vector<std::string> verb_split = SplitOutsideBraces(rest, ':');
  if (verb_split.size() > 2) return Invalid(text, "more than one verb");
  if (verb_split.size() == 2) {
    result.verb_ = verb_split[1];
    if (result.verb_.empty() || absl::StrContains(result.verb_, '/')) {
      return Invalid(text, "a verb is one literal");
    }
  }
  for (const std::string& part : SplitOutsideBraces(verb_split[0], '/')) {
    absl::string_view piece = part;
    if (absl::ConsumePrefix(&piece, "{")) {
      if (!absl::ConsumeSuffix(&piece, "}")) return Invalid(text, "unclosed variable");
      std::pair<std::string, std::string> field_and_pattern = absl::StrSplit(piece, '=');
      Variable variable;
      variable.field_path = field_and_pattern.first;
      if (variable.field_path.empty()) return Invalid(text, "a variable without a field");
      variable.begin = result.segments_.size();
      std::string pattern = field_and_pattern.second.empty() ? "*" : field_and_pattern.second;
      for (absl::string_view segment : absl::StrSplit(pattern, '/')) {
        Segment s;
        s.any = segment == "*";
        s.rest = segment == "**";
        if (!s.any && !s.rest) s.literal = std::string(segment);
        if (s.literal.empty() && !s.any && !s.rest) return Invalid(text, "an empty segment");
        result.segments_.push_back(std::move(s));
      }
      variable.end = result.segments_.size();
      result.variables_.push_back(std::move(variable));
    } else {
      Segment s;
      s.any = piece == "*";
      s.rest = piece == "**";
      if (!s.any && !s.rest) s.literal = std::string(piece);
      if (piece.empty()) return Invalid(text, "an empty segment");
      result.segments_.push_back(std::move(s));
    }
  }
  for (size_t i = 0; i + 1 < result.segments_.size(); ++i) {
    if (result.segments_[i].rest) return Invalid(text, "** must be the last segment");
  }
  return result;
}

std::optional<PathBindings> PathTemplate::Match(absl::string_view path) const {
  if (!absl::ConsumePrefix(&path, "/")) return std::nullopt;
  if (has_verb()) {
    const std::string suffix = absl::StrCat(":", verb_);
    if (!absl::ConsumeSuffix(&path, suffix)) return std::nullopt;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  size_t matched = 0;
  for (const Segment& segment : segments_) {
    if (segment.rest) {
      if (matched >= parts.size()) return std::nullopt;
      matched = parts.size();
      break;
    }
    if (matched >= parts.size() || parts[matched].empty()) return std::nullopt;
    if (!segment.any && parts[matched] != segment.literal) return std::nullopt;
    // A verb belongs to a template that names it; a plain template matches no "...:verb".
    if (!has_verb() && matched + 1 == parts.size() && absl::StrContains(parts[matched], ':')) {
      return std::nullopt;
    }
    ++matched;
  }
  if (matched != parts.size()) return std::nullopt;
  PathBindings bindings;
  for (const Variable& variable : variables_) {
    size_t end = segments_[variable.end - 1].rest ? parts.size() : variable.end;
    bindings.emplace_back(variable.field_path,
                          absl::StrJoin(parts.begin() + variable.begin, parts.begin() + end, "/"));
  }
  return bindings;
}

int PathTemplate::literal_count() const {
  int count = 0;
  for (const Segment& segment : segments_) count += segment.literal.empty() ? 0 : 1;
  return count;
}

std::vector<std::string> PathTemplate::variables() const {
  std::vector<std::string> fields;
  for (const Variable& variable : variables_) fields.push_back(variable.field_path);
  return fields;
}

}  // namespace rinnalla::http
