#include "code_lists.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace rinnalla {

std::vector<std::string> CodeNames(const google::protobuf::EnumDescriptor& list,
                                   const google::protobuf::RepeatedField<int>& codes) {
  std::vector<std::string> names;
  for (int code : codes) {
    if (const auto* value = list.FindValueByNumber(code)) names.push_back(value->name());
  }
  return names;
}

void AddCodes(const google::protobuf::EnumDescriptor& list, const std::vector<std::string>& names,
              google::protobuf::RepeatedField<int>* codes) {
  for (const std::string& name : names) {
    if (const auto* value = list.FindValueByName(name)) codes->Add(value->number());
  }
}

void CheckCodes(const google::protobuf::EnumDescriptor& list,
                const google::protobuf::RepeatedField<int>& codes, const std::string& field,
                const std::string& what, FieldViolations& v) {
  std::set<int> seen;
  for (int i = 0; i < codes.size(); ++i) {
    const int code = codes[i];
    const std::string item = absl::StrCat(field, "[", i, "]");
    if (code == 0 || list.FindValueByNumber(code) == nullptr) {
      v.Add(item, "must be one of " + what);
    } else if (!seen.insert(code).second) {
      v.Add(item, "is listed twice");
    }
  }
}

}  // namespace rinnalla
