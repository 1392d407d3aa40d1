#ifndef RINNALLA_TESTS_SUPPORT_ERROR_DETAILS_H_
#define RINNALLA_TESTS_SUPPORT_ERROR_DETAILS_H_

// What a client sees of an error's google.rpc.Status details.

#include <grpcpp/support/status.h>

#include <set>
#include <string>

namespace rinnalla::testing {

// The ErrorInfo reason, or "" when there is none.
std::string ErrorReason(const grpc::Status& status);
// The fields named by the BadRequest detail.
std::set<std::string> ViolatedFields(const grpc::Status& status);

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_ERROR_DETAILS_H_
