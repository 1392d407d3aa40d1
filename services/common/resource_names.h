#ifndef RINNALLA_SERVICES_COMMON_RESOURCE_NAMES_H_
#define RINNALLA_SERVICES_COMMON_RESOURCE_NAMES_H_

// AIP-122 resource names: organizations/{org}/guides/{guide}, .../clients/{client}.
// Organization ids: lower-case letters, digits and '-', 1..63; resource ids: UUIDs.

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

namespace rinnalla {

struct ResourceName {
  std::string org_id;
  std::string id;  // empty for an organization
};

bool IsOrganizationId(absl::string_view id);
// A canonical lower-case UUID (8-4-4-4-12 hex).
bool IsUuid(absl::string_view id);
// A new random (version 4) UUID.
std::string NewUuid();

// "organizations/{org}" → org id.
std::optional<std::string> ParseOrganizationName(absl::string_view name);
// "organizations/{org}/{collection}/{uuid}" → both ids.
std::optional<ResourceName> ParseResourceName(absl::string_view name, absl::string_view collection);

// "organizations/{org}/{parent_collection}/{uuid}/{collection}/{uuid}" → the organization, the
// parent's id (`parent_id`) and the resource's id.
struct ChildName {
  std::string org_id;
  std::string parent_id;
  std::string id;
};
std::optional<ChildName> ParseChildName(absl::string_view name, absl::string_view parent_collection,
                                        absl::string_view collection);

std::string OrganizationName(absl::string_view org_id);
std::string ResourceNameOf(absl::string_view org_id, absl::string_view collection,
                           absl::string_view id);

// A client's resource: organizations/{org}/clients/{client}/{collection}/{id}.
std::string ClientChildNameOf(absl::string_view org_id, absl::string_view client_id,
                              absl::string_view collection, absl::string_view id);
// The id in a name of `client`'s resource of `collection`, if `name` is one.
std::optional<std::string> ClientChildIdOf(absl::string_view name, const ResourceName& client,
                                           absl::string_view collection);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_RESOURCE_NAMES_H_
