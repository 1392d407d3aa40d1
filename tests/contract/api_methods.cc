#include "api_methods.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_split.h"

namespace rinnalla::contract {

std::vector<const google::protobuf::MethodDescriptor*> ApiMethods() {
  std::vector<const google::protobuf::MethodDescriptor*> methods;
  for (absl::string_view name : absl::StrSplit(RINNALLA_API_PROTOS, ',', absl::SkipEmpty())) {
    const google::protobuf::FileDescriptor* file =
        google::protobuf::DescriptorPool::generated_pool()->FindFileByName(std::string(name));
    EXPECT_NE(file, nullptr) << name << " is not in the generated pool";
    if (file == nullptr) continue;
    EXPECT_EQ(file->package(), "rinnalla.v1") << file->name();
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        methods.push_back(file->service(s)->method(m));
      }
    }
  }
  return methods;
}

}  // namespace rinnalla::contract
