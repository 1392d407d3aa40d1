#ifndef RINNALLA_TESTS_SUPPORT_API_CALLS_H_
#define RINNALLA_TESTS_SUPPORT_API_CALLS_H_

// Calls of any method of the API by its descriptor, with requests as bytes: what a broken or
// hostile client can send, for tests that walk every method.

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/status.h>

#include <string>
#include <vector>

#include "test_server.h"

namespace rinnalla::testing {

// Every method of every rinnalla.v1 service, streams too.
std::vector<const google::protobuf::MethodDescriptor*> ApiMethods();
// "/rinnalla.v1.Visits/SyncVisits".
std::string MethodPath(const google::protobuf::MethodDescriptor& method);

struct BytesCall {
  grpc::Status status;
  std::vector<std::string> responses;  // each response message's bytes
};

// Sends `messages` (each a request's bytes) to `method` as `caller` (no token when its role is
// empty), within `deadline`.
BytesCall CallWithBytes(TestServer& server, const Caller& caller, const std::string& method,
                        const std::vector<std::string>& messages,
                        absl::Duration deadline = absl::Seconds(30));

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_API_CALLS_H_
