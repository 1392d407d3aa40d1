#include "service_selection.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace rinnalla {
namespace {

struct Known {
  ServiceName service;
  const char* flag_name;
  const char* full_name;
};

constexpr std::array<Known, 7> kServices = {{
    {ServiceName::kDirectory, "directory", "rinnalla.v1.Directory"},
    {ServiceName::kMatching, "matching", "rinnalla.v1.Matching"},
    {ServiceName::kMeetings, "meetings", "rinnalla.v1.Meetings"},
    {ServiceName::kVisits, "visits", "rinnalla.v1.Visits"},
    {ServiceName::kNotes, "notes", "rinnalla.v1.Notes"},
    {ServiceName::kIntegration, "integration", "rinnalla.v1.Integration"},
    {ServiceName::kAudit, "audit", "rinnalla.v1.Audit"},
}};

std::string KnownNames() {
  std::vector<std::string> names;
  for (const Known& k : kServices) names.push_back(k.flag_name);
  return absl::StrJoin(names, ", ");
}

}  // namespace

ServiceSelection ServiceSelection::All() {
  ServiceSelection all;
  for (const Known& k : kServices) all.services_.push_back(k.service);
  return all;
}

absl::StatusOr<ServiceSelection> ServiceSelection::Parse(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text == "all") return All();
  ServiceSelection selection;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    name = absl::StripAsciiWhitespace(name);
    auto known = std::find_if(kServices.begin(), kServices.end(),
                              [&](const Known& k) { return name == k.flag_name; });
    if (known == kServices.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--services: unknown service \"", name, "\"; known: all, ", KnownNames()));
    }
    if (selection.Runs(known->service)) {
      return absl::InvalidArgumentError(absl::StrCat("--services: \"", name, "\" given twice"));
    }
    selection.services_.push_back(known->service);
  }
  return selection;
}

bool ServiceSelection::Runs(ServiceName service) const {
  return std::find(services_.begin(), services_.end(), service) != services_.end();
}

std::vector<std::string> ServiceSelection::FullNames() const {
  std::vector<std::string> names;
  for (const Known& k : kServices) {
    if (Runs(k.service)) names.push_back(k.full_name);
  }
  return names;
}

std::string FullNameOf(ServiceName service) {
  for (const Known& k : kServices) {
    if (k.service == service) return k.full_name;
  }
  return "";
}

}  // namespace rinnalla
