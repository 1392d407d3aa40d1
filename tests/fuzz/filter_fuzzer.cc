// ParseFilter and ParseFilterTerms (services/common/listing.h) on any text: they answer a value
// or INVALID_ARGUMENT, never crash, and every term they return names an allowed field.

#include <cstdint>
#include <cstdlib>
#include <string>

#include "listing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string filter(reinterpret_cast<const char*>(data), size);
  const std::set<std::string> fields = {"state", "language", "municipality", "external_ref"};
  if (auto terms = rinnalla::ParseFilter(filter, fields); terms.ok()) {
    for (const auto& [field, value] : *terms) {
      if (!fields.contains(field)) std::abort();
    }
  }
  const std::map<std::string, std::set<std::string>> comparisons = {
      {"start_time", {">=", "<", ">", "<="}}, {"guide", {"="}}, {"mode", {"="}}};
  if (auto terms = rinnalla::ParseFilterTerms(filter, comparisons); terms.ok()) {
    for (const rinnalla::FilterTerm& term : *terms) {
      auto allowed = comparisons.find(term.field);
      if (allowed == comparisons.end() || !allowed->second.contains(term.op)) std::abort();
    }
  }
  return 0;
}
