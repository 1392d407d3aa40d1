// Resource names, parents and etags (services/common/resource_names.h, requests.h) on any text:
// a parsed name is one the server would have made itself.

#include <cstdint>
#include <cstdlib>
#include <string>

#include "requests.h"
#include "resource_names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto org = rinnalla::ParseOrganizationName(text)) {
    if (rinnalla::OrganizationName(*org) != text) std::abort();
  }
  if (auto name = rinnalla::ParseResourceName(text, "clients")) {
    if (rinnalla::ResourceNameOf(name->org_id, "clients", name->id) != text) std::abort();
  }
  if (auto child = rinnalla::ParseChildName(text, "clients", "visits")) {
    if (!rinnalla::IsOrganizationId(child->org_id) || !rinnalla::IsUuid(child->parent_id)) {
      std::abort();
    }
  }
  (void)rinnalla::ReadParent(text);
  (void)rinnalla::ReadName(text, "guides", "name");
  (void)rinnalla::ReadClientChildName(text, "goals");
  // An etag is read leniently (" 2" is revision 2), but what the server writes reads back.
  if (auto etag = rinnalla::ReadEtag(text); etag.ok() && etag->has_value()) {
    auto again = rinnalla::ReadEtag(rinnalla::EtagOf(**etag));
    if (!again.ok() || *again != *etag) std::abort();
  }
  return 0;
}
