#include "experience_areas.h"

#include "code_lists.h"

namespace rinnalla {

std::vector<std::string> ExperienceAreaNames(const google::protobuf::RepeatedField<int>& areas) {
  return CodeNames(*v1::ExperienceArea_descriptor(), areas);
}

void AddExperienceAreas(const std::vector<std::string>& names,
                        google::protobuf::RepeatedField<int>* areas) {
  AddCodes(*v1::ExperienceArea_descriptor(), names, areas);
}

void CheckExperienceAreas(const google::protobuf::RepeatedField<int>& areas,
                          const std::string& field, FieldViolations& v) {
  CheckCodes(*v1::ExperienceArea_descriptor(), areas, field,
             "the experience areas of the code list", v);
}

}  // namespace rinnalla
