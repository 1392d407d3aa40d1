#include "resource_names.h"

#include <openssl/rand.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "rinnalla/storage/resource_names.h"

namespace rinnalla {

bool IsOrganizationId(absl::string_view id) {
  if (id.empty() || id.size() > 63 || id.front() == '-') return false;
  for (char c : id) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-')) return false;
  }
  return true;
}

bool IsUuid(absl::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !(absl::ascii_isdigit(id[i]) || (id[i] >= 'a' && id[i] <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::string NewUuid() {
  unsigned char bytes[16];
  RAND_bytes(bytes, sizeof bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant
  std::string hex = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-",
                      hex.substr(16, 4), "-", hex.substr(20));
}

std::optional<std::string> ParseOrganizationName(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "organizations" || !IsOrganizationId(parts[1])) {
    return std::nullopt;
  }
  return std::string(parts[1]);
}

std::optional<ResourceName> ParseResourceName(absl::string_view name, absl::string_view collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "organizations" || !IsOrganizationId(parts[1]) ||
      parts[2] != collection || !IsUuid(parts[3])) {
    return std::nullopt;
  }
  return ResourceName{std::string(parts[1]), std::string(parts[3])};
}

std::optional<ChildName> ParseChildName(absl::string_view name, absl::string_view parent_collection,
                                        absl::string_view collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 6 || parts[0] != "organizations" || !IsOrganizationId(parts[1]) ||
      parts[2] != parent_collection || !IsUuid(parts[3]) || parts[4] != collection ||
      !IsUuid(parts[5])) {
    return std::nullopt;
  }
  return ChildName{std::string(parts[1]), std::string(parts[3]), std::string(parts[5])};
}

std::string OrganizationName(absl::string_view org_id) {
  return absl::StrCat("organizations/", org_id);
}

std::string ResourceNameOf(absl::string_view org_id, absl::string_view collection,
                           absl::string_view id) {
  return storage::ResourceName(org_id, collection, id);
}

std::string ClientChildNameOf(absl::string_view org_id, absl::string_view client_id,
                              absl::string_view collection, absl::string_view id) {
  return storage::ClientChildName(org_id, client_id, collection, id);
}

std::optional<std::string> ClientChildIdOf(absl::string_view name, const ResourceName& client,
                                           absl::string_view collection) {
  std::optional<ChildName> child = ParseChildName(name, "clients", collection);
  if (!child || child->org_id != client.org_id || child->parent_id != client.id) {
    return std::nullopt;
  }
  return child->id;
}

}  // namespace rinnalla
