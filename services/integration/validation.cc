#include "validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "directory/validation.h"

namespace rinnalla::integration {
namespace {

constexpr size_t kMaxKinds = 50;

// Lower-case words joined by '_', at most one '.' between type and action ("client.updated").
bool IsKindFilter(absl::string_view kind) {
  if (kind.empty() || kind.size() > 100 || !absl::ascii_islower(kind.front()) ||
      kind.back() == '.') {
    return false;
  }
  int dots = 0;
  for (char c : kind) {
    if (c == '.') {
      ++dots;
    } else if (!absl::ascii_islower(c) && c != '_') {
      return false;
    }
  }
  return dots <= 1;
}

}  // namespace

void CheckImportedClient(const v1::Client& client, absl::Time now, FieldViolations& v) {
  directory::CheckClient(client, directory::kClientFields, /*creating=*/true, now, v);
  if (client.external_refs().empty()) {
    v.Add("client.external_refs",
          "at least one is required: an import finds the client by its record systems' ids");
  }
}

void CheckEventKinds(const google::protobuf::RepeatedPtrField<std::string>& kinds,
                     FieldViolations& v) {
  if (static_cast<size_t>(kinds.size()) > kMaxKinds) {
    v.Add("kinds", absl::StrCat("at most ", kMaxKinds, " kinds"));
  }
  for (int i = 0; i < kinds.size(); ++i) {
    if (!IsKindFilter(kinds[i])) {
      v.Add(absl::StrCat("kinds[", i, "]"),
            "must be an event kind such as client.updated, or a resource type such as client");
    }
  }
}

bool KindSelected(const std::vector<std::string>& kinds, absl::string_view kind) {
  if (kinds.empty()) return true;
  for (const std::string& selected : kinds) {
    if (kind == selected) return true;
    if (absl::StartsWith(kind, selected) && kind.size() > selected.size() &&
        kind[selected.size()] == '.') {
      return true;
    }
  }
  return false;
}

}  // namespace rinnalla::integration
