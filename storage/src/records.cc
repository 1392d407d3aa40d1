#include "rinnalla/storage/records.h"

#include "rinnalla/storage/matching_records.h"

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

uint32_t ExperienceMask(const std::vector<std::string>& areas) {
  uint32_t mask = 0;
  for (const std::string& area : areas) {
    for (size_t i = 0; i < kExperienceAreas.size(); ++i) {
      if (area == kExperienceAreas[i]) mask |= 1u << i;
    }
  }
  return mask;
}

}  // namespace rinnalla::storage
