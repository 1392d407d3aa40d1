#ifndef RINNALLA_SERVICES_COMMON_ERRORS_H_
#define RINNALLA_SERVICES_COMMON_ERRORS_H_

#include <grpcpp/support/status.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {

// Collects every rule a request breaks; ToStatus() is INVALID_ARGUMENT carrying a
// google.rpc.BadRequest that names each field (AIP-193), or OK when nothing was added.
class FieldViolations {
 public:
  void Add(std::string field, std::string description);
  bool empty() const { return violations_.empty(); }
  absl::Status ToStatus() const;

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
};

// The google.rpc.Status for a non-OK absl::Status: code, message and details (ErrorInfo with the
// reason and domain "rinnalla.fi", and the BadRequest of field violations). For per-item errors
// inside a response, such as an import's results.
google::rpc::Status ToRpcStatus(const absl::Status& status);

// The gRPC status for an absl::Status, with google.rpc.Status details in the
// grpc-status-details-bin trailer: ErrorInfo (reason, domain "rinnalla.fi") and BadRequest.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_ERRORS_H_
