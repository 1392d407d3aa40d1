#ifndef RINNALLA_SERVICES_COMMON_EXPERIENCE_AREAS_H_
#define RINNALLA_SERVICES_COMMON_EXPERIENCE_AREAS_H_

// The experience-area code list (DOMAIN.md) between its proto enum and the stored names, and the
// rule every list of areas follows.

#include <google/protobuf/repeated_field.h>

#include <string>
#include <vector>

#include "errors.h"
#include "rinnalla/v1/common.pb.h"

namespace rinnalla {

std::vector<std::string> ExperienceAreaNames(const google::protobuf::RepeatedField<int>& areas);
void AddExperienceAreas(const std::vector<std::string>& names,
                        google::protobuf::RepeatedField<int>* areas);

// Each entry one of the code list, and each once; violations name `field[i]`.
void CheckExperienceAreas(const google::protobuf::RepeatedField<int>& areas,
                          const std::string& field, FieldViolations& v);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_EXPERIENCE_AREAS_H_
