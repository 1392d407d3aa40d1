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

absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::set<std::string>& allowed) {
  std::map<std::string, std::string> terms;
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
  std::string expected = absl::StrCat("expected `field = value`; fields: ",
                                      absl::StrJoin(allowed, ", "));
  skip_space();
  while (i < filter.size()) {
    if (!terms.empty()) {
      if (word() != "AND") return BadField("filter", "terms must be joined with AND");
      skip_space();
    }
    std::string field = word();
    skip_space();
    if (field.empty() || i >= filter.size() || filter[i] != '=') return BadField("filter", expected);
    ++i;
    skip_space();
    std::string value;
    if (i < filter.size() && filter[i] == '"') {
      ++i;
      while (i < filter.size() && filter[i] != '"') {
        if (filter[i] == '\\' && i + 1 < filter.size()) ++i;
        value.push_back(filter[i++]);
      }
      if (i >= filter.size()) return BadField("filter", "a quoted value is not closed");
      ++i;
    } else {
      value = word();
    }
    if (value.empty()) return BadField("filter", expected);
    if (!allowed.contains(field)) {
      return BadField("filter", absl::StrCat("cannot filter on `", field, "`; fields: ",
                                             absl::StrJoin(allowed, ", ")));
    }
    if (!terms.emplace(field, value).second) {
      return BadField("filter", absl::StrCat("`", field, "` appears twice"));
    }
    skip_space();
  }
  return terms;
}

}  // namespace rinnalla
