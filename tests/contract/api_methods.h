// The methods of every service of rinnalla.v1 in the generated pool, for the contract tests.
#pragma once

#include <vector>

#include "google/protobuf/descriptor.h"

namespace rinnalla::contract {

// Every method of every service in the API's proto files (protos/rinnalla/v1/*.proto, as the
// build found them, so a new file is walked too). A file missing from the pool fails the test.
std::vector<const google::protobuf::MethodDescriptor*> ApiMethods();

}  // namespace rinnalla::contract
