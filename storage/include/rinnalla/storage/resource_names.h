#ifndef RINNALLA_STORAGE_RESOURCE_NAMES_H_
#define RINNALLA_STORAGE_RESOURCE_NAMES_H_

// The API's resource names, built in one place for every layer: events and the access log carry
// them, and the RPC side answers with them.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace rinnalla::storage {

// organizations/{org}/{collection}/{id}: a guide, a client, an assignment...
inline std::string ResourceName(absl::string_view org_id, absl::string_view collection,
                                absl::string_view id) {
  return absl::StrCat("organizations/", org_id, "/", collection, "/", id);
}

// organizations/{org}/clients/{client}/{collection}/{id}: a client's meeting, goal, visit...
inline std::string ClientChildName(absl::string_view org_id, absl::string_view client_id,
                                   absl::string_view collection, absl::string_view id) {
  return absl::StrCat(ResourceName(org_id, "clients", client_id), "/", collection, "/", id);
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_RESOURCE_NAMES_H_
