#ifndef RINNALLA_SERVICES_COMMON_CODE_LISTS_H_
#define RINNALLA_SERVICES_COMMON_CODE_LISTS_H_

// Code lists (DOMAIN.md: experience areas, service places; the API's smaller enums) between their
// proto enums and the names stored in the database, and the rule every repeated code follows.
// Each list is a proto enum whose value 0 is its UNSPECIFIED.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/repeated_field.h>

#include <string>
#include <vector>

#include "errors.h"

namespace rinnalla {

std::vector<std::string> CodeNames(const google::protobuf::EnumDescriptor& list,
                                   const google::protobuf::RepeatedField<int>& codes);
// Adds the codes of `names`; names not in the list add nothing.
void AddCodes(const google::protobuf::EnumDescriptor& list, const std::vector<std::string>& names,
              google::protobuf::RepeatedField<int>* codes);

// Each entry a code of the list (not its UNSPECIFIED), and each once; violations name
// `field[i]` and say it must be one of `what`, e.g. "the experience areas of the code list".
void CheckCodes(const google::protobuf::EnumDescriptor& list,
                const google::protobuf::RepeatedField<int>& codes, const std::string& field,
                const std::string& what, FieldViolations& v);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_CODE_LISTS_H_
