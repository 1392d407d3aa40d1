#include "rinnalla/storage/records.h"

#include "rinnalla/storage/matching_records.h"

namespace rinnalla::storage {

bool GuideRecord::SameContent(const GuideRecord& o) const { return ChangedFields(o).empty(); }

bool ClientRecord::SameContent(const ClientRecord& o) const { return ChangedFields(o).empty(); }

namespace {

template <typename T>
void AddIfChanged(const char* name, const T& now, const T& before, std::vector<std::string>& out) {
  if (!(now == before)) out.push_back(name);
}

}  // namespace

std::vector<std::string> GuideRecord::ChangedFields(const GuideRecord& b) const {
  std::vector<std::string> out;
  AddIfChanged("display_name", display_name, b.display_name, out);
  AddIfChanged("experience_areas", experience_areas, b.experience_areas, out);
  AddIfChanged("languages", languages, b.languages, out);
  AddIfChanged("municipalities", municipalities, b.municipalities, out);
  AddIfChanged("max_active_clients", max_active_clients, b.max_active_clients, out);
  AddIfChanged("state", state, b.state, out);
  return out;
}

std::vector<std::string> ClientRecord::ChangedFields(const ClientRecord& b) const {
  std::vector<std::string> out;
  AddIfChanged("display_name", display_name, b.display_name, out);
  AddIfChanged("external_refs", external_refs, b.external_refs, out);
  AddIfChanged("birth_year", birth_year, b.birth_year, out);
  AddIfChanged("municipality", municipality, b.municipality, out);
  AddIfChanged("languages", languages, b.languages, out);
  AddIfChanged("state", state, b.state, out);
  return out;
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
