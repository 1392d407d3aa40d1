#include "request_stream.h"

#include <cstdlib>
#include <string>

namespace rinnalla {

int MethodIndex(absl::string_view service_full_name, absl::string_view method) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          std::string(service_full_name));
  const google::protobuf::MethodDescriptor* found =
      service ? service->FindMethodByName(std::string(method)) : nullptr;
  if (found == nullptr) std::abort();  // a programming error, found by every test that starts
  return found->index();
}

}  // namespace rinnalla
