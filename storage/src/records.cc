#include "rinnalla/storage/records.h"

#include <tuple>

namespace rinnalla::storage {

bool GuideRecord::SameContent(const GuideRecord& o) const {
  return std::tie(display_name, experience_areas, languages, municipalities, max_active_clients,
                  state) == std::tie(o.display_name, o.experience_areas, o.languages,
                                     o.municipalities, o.max_active_clients, o.state);
}

bool ClientRecord::SameContent(const ClientRecord& o) const {
  return std::tie(display_name, external_refs, birth_year, municipality, languages, state) ==
         std::tie(o.display_name, o.external_refs, o.birth_year, o.municipality, o.languages,
                  o.state);
}

}  // namespace rinnalla::storage
