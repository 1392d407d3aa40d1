#include "client_filter.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "field_rules.h"
#include "listing.h"
#include "rinnalla/v1/directory.pb.h"
#include "validation.h"

namespace rinnalla::directory {
namespace {

// The words of a name term; a rule it breaks is added to `v`.
std::vector<std::string> ReadNameWords(const std::string& value, FieldViolations& v) {
  if (std::string problem = TextProblem(value, kMaxDisplayName); !problem.empty()) {
    v.Add("filter", "display_name " + problem);
    return {};
  }
  std::vector<std::string> words = absl::StrSplit(value, ' ', absl::SkipEmpty());
  if (words.empty()) v.Add("filter", "display_name needs a word of the name");
  if (words.size() > kMaxNameWords) {
    v.Add("filter", absl::StrCat("display_name takes at most ", kMaxNameWords, " words"));
  }
  return words;
}

}  // namespace

absl::StatusOr<storage::ClientFilter> ReadClientFilter(absl::string_view text) {
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms,
                   ParseFilterTerms(text, {{"state", {"="}},
                                           {"municipality", {"="}},
                                           {"language", {"="}},
                                           {"external_ref", {"="}},
                                           {"display_name", {":"}}}));
  storage::ClientFilter filter;
  FieldViolations v;
  for (const FilterTerm& term : terms) {
    const std::string& value = term.value;
    if (term.field == "state") {
      v1::Client::State state;
      if (!v1::Client::State_Parse(value, &state) || state == v1::Client::STATE_UNSPECIFIED) {
        v.Add("filter", "state must be ACTIVE or CLOSED");
      }
      filter.state = value;
    } else if (term.field == "municipality") {
      if (!IsMunicipalityCode(value)) v.Add("filter", "municipality must be a three-digit code");
      filter.municipality = value;
    } else if (term.field == "language") {
      filter.language = value;
    } else if (term.field == "display_name") {
      filter.name_words = ReadNameWords(value, v);
    } else {
      size_t slash = value.find('/');
      if (slash == std::string::npos || slash == 0 || slash + 1 == value.size()) {
        v.Add("filter", "external_ref must be \"system/id\"");
      } else {
        filter.external_ref =
            storage::ExternalRefRecord{value.substr(0, slash), value.substr(slash + 1)};
      }
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

}  // namespace rinnalla::directory
