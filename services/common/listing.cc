#include "absl/strings/string_view.h"
#include "listing.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "errors.h"
#include "fingerprint.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {
namespace {

absl::Status BadField(std::string field, std::string description) {
  FieldViolations v;
  v.Add(std::move(field), std::move(description));
  return v.ToStatus();
}

std::string QueryTag(absl::string_view query) { return Sha256Hex(query).substr(0, 16); }

// Kinds are enum value names: upper-case letters and '_'.
bool IsKindName(absl::string_view kind) {
  if (kind.empty() || kind.size() > 64) return false;
  for (char c : kind) {
    if (!absl::ascii_isupper(c) && c != '_') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<storage::PageRequest> ReadPageRequest(int page_size, absl::string_view page_token,
                                                     absl::string_view query) {
  if (page_size < 0) return BadField("page_size", "must not be negative");
  storage::PageRequest page;
  page.page_size = page_size == 0 ? kDefaultPageSize : std::min(page_size, kMaxPageSize);
  if (page_token.empty()) return page;
  std::string decoded;
  std::vector<std::string> parts;
  long long micros = 0;
  if (absl::WebSafeBase64Unescape(page_token, &decoded)) parts = absl::StrSplit(decoded, '|');
  // "1|tag|micros|id", and "|kind" after it for lists merged from several kinds.
  if ((parts.size() != 4 && parts.size() != 5) || parts[0] != "1" ||
      !absl::SimpleAtoi(parts[2], &micros) || !IsUuid(parts[3]) ||
      (parts.size() == 5 && !IsKindName(parts[4]))) {
    return BadField("page_token", "is not a page token of this service");
  }
  if (parts[1] != QueryTag(query)) {
    return BadField("page_token", "belongs to a different query (parent or filter changed)");
  }
  page.after = storage::PageCursor{absl::FromUnixMicros(micros), parts[3],
                                   parts.size() == 5 ? parts[4] : ""};
  return page;
}

std::string NextPageToken(const std::optional<storage::PageCursor>& next, absl::string_view query) {
  if (!next) return "";
  return absl::WebSafeBase64Escape(
      absl::StrCat("1|", QueryTag(query), "|", absl::ToUnixMicros(next->create_time), "|", next->id,
                   next->kind.empty() ? "" : "|", next->kind));
}

absl::StatusOr<std::vector<FilterTerm>> ParseFilterTerms(
    absl::string_view filter, const std::map<std::string, std::set<std::string>>& allowed) {
  std::vector<FilterTerm> terms;
  std::set<std::pair<std::string, std::string>> seen;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < filter.size() && absl::ascii_isspace(filter[i])) ++i;
  };
  auto word = [&] {
    size_t start = i;
    while (i < filter.size() && (absl::ascii_isalnum(filter[i]) || filter[i] == '_' ||
                                 filter[i] == '-' || filter[i] == '.')) {
      ++i;
    }
    return std::string(filter.substr(start, i - start));
  };
  auto op = [&] {
    size_t start = i;
    while (i < filter.size() &&
           (filter[i] == '=' || filter[i] == '<' || filter[i] == '>' || filter[i] == ':')) {
      ++i;
    }
    return std::string(filter.substr(start, i - start));
  };
  std::vector<std::string> fields;
  for (const auto& [field, ops] : allowed) fields.push_back(field);
  const std::string field_list = absl::StrJoin(fields, ", ");
  const std::string expected = absl::StrCat("expected `field = value`; fields: ", field_list);
  skip_space();
  while (i < filter.size()) {
    if (!terms.empty()) {
      if (word() != "AND") return BadField("filter", "terms must be joined with AND");
      skip_space();
    }
    FilterTerm term;
    term.field = word();
    skip_space();
    term.op = op();
    if (term.field.empty() || term.op.empty()) return BadField("filter", expected);
    skip_space();
    if (i < filter.size() && filter[i] == '"') {
      ++i;
      while (i < filter.size() && filter[i] != '"') {
        if (filter[i] == '\\' && i + 1 < filter.size()) ++i;
        term.value.push_back(filter[i++]);
      }
      if (i >= filter.size()) return BadField("filter", "a quoted value is not closed");
      ++i;
    } else {
      term.value = word();
    }
    if (term.value.empty()) return BadField("filter", expected);
    auto field = allowed.find(term.field);
    if (field == allowed.end()) {
      return BadField("filter",
                      absl::StrCat("cannot filter on `", term.field, "`; fields: ", field_list));
    }
    if (!field->second.contains(term.op)) {
      return BadField("filter", absl::StrCat("`", term.field, "` takes ",
                                             absl::StrJoin(field->second, " "), ", not ", term.op));
    }
    if (!seen.emplace(term.field, term.op).second) {
      return BadField("filter", absl::StrCat("`", term.field, " ", term.op, "` appears twice"));
    }
    terms.push_back(std::move(term));
    skip_space();
  }
  return terms;
}

absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::set<std::string>& allowed) {
  std::map<std::string, std::set<std::string>> equals;
  for (const std::string& field : allowed) equals[field] = {"="};
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilterTerms(filter, equals));
  std::map<std::string, std::string> values;
  for (FilterTerm& term : terms) values.emplace(term.field, std::move(term.value));
  return values;
}

absl::Status ApplyTimeTerm(const FilterTerm& term, std::optional<absl::Time>& from,
                           std::optional<absl::Time>& until) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, term.value, &t, &error)) {
    return BadField("filter", absl::StrCat(term.field,
                                           " compares with an RFC 3339 time, e.g. "
                                           "\"2024-05-01T00:00:00+03:00\""));
  }
  // Stored times are whole microseconds: > t is >= t + 1 µs, <= t is < t + 1 µs.
  t = absl::FromUnixMicros(absl::ToUnixMicros(t));
  const absl::Duration step = absl::Microseconds(1);
  if (term.op == ">=" || term.op == ">") from = term.op == ">" ? t + step : t;
  if (term.op == "<" || term.op == "<=") until = term.op == "<=" ? t + step : t;
  return absl::OkStatus();
}

}  // namespace rinnalla
