#ifndef RINNALLA_SERVICES_COMMON_ERRORS_H_
#define RINNALLA_SERVICES_COMMON_ERRORS_H_

#include <string>
#include <utility>
#include <vector>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "rinnalla/storage/status.h"  // PermissionDenied

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

// The google.rpc.Status of a failed absl::Status: code, message, and details ErrorInfo (reason,
// domain "rinnalla.fi") and BadRequest. Also what a streaming RPC returns per message.
google::rpc::Status ToRpcStatus(const absl::Status& status);

// The gRPC status for an absl::Status, with ToRpcStatus's details in the
// grpc-status-details-bin trailer.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_ERRORS_H_
