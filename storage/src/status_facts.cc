#include "rinnalla/storage/status_facts.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_split.h"

namespace rinnalla {
namespace {
constexpr absl::string_view kFactsPayload = "rinnalla/facts";
// Keys and values are codes, numbers and names, which never hold this separator.
constexpr char kSeparator = '\0';
}  // namespace

absl::Status WithFacts(absl::Status status, const StatusFacts& facts) {
  StatusFacts all = FactsOf(status);
  for (const auto& [key, value] : facts) all[key] = value;
  std::string encoded;
  for (const auto& [key, value] : all) {
    encoded.append(key).push_back(kSeparator);
    encoded.append(value).push_back(kSeparator);
  }
  status.SetPayload(kFactsPayload, absl::Cord(encoded));
  return status;
}

StatusFacts FactsOf(const absl::Status& status) {
  StatusFacts facts;
  auto payload = status.GetPayload(kFactsPayload);
  if (!payload) return facts;
  std::vector<std::string> parts = absl::StrSplit(std::string(*payload), kSeparator);
  for (size_t i = 0; i + 1 < parts.size(); i += 2) facts[parts[i]] = parts[i + 1];
  return facts;
}

}  // namespace rinnalla
