#include "experience_areas.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace rinnalla {

std::vector<std::string> ExperienceAreaNames(const google::protobuf::RepeatedField<int>& areas) {
  std::vector<std::string> names;
  for (int area : areas) {
    names.push_back(v1::ExperienceArea_Name(static_cast<v1::ExperienceArea>(area)));
  }
  return names;
}

void AddExperienceAreas(const std::vector<std::string>& names,
                        google::protobuf::RepeatedField<int>* areas) {
  for (const std::string& name : names) {
    v1::ExperienceArea area;
    if (v1::ExperienceArea_Parse(name, &area)) areas->Add(area);
  }
}

void CheckExperienceAreas(const google::protobuf::RepeatedField<int>& areas,
                          const std::string& field, FieldViolations& v) {
  std::set<int> seen;
  for (int i = 0; i < areas.size(); ++i) {
    const int area = areas[i];
    const std::string item = absl::StrCat(field, "[", i, "]");
    if (area == v1::EXPERIENCE_AREA_UNSPECIFIED || !v1::ExperienceArea_IsValid(area)) {
      v.Add(item, "must be one of the experience areas of the code list");
    } else if (!seen.insert(area).second) {
      v.Add(item, "is listed twice");
    }
  }
}

}  // namespace rinnalla
