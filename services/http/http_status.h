#ifndef RINNALLA_SERVICES_HTTP_HTTP_STATUS_H_
#define RINNALLA_SERVICES_HTTP_HTTP_STATUS_H_

// How a gRPC status reads over HTTP: the HTTP status (Google's mapping, which Connect's follows),
// Connect's code names, and the error bodies of REST (google.rpc.Status as JSON) and Connect.

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/status.pb.h"

namespace rinnalla::http {

int HttpStatusOf(grpc::StatusCode code);
// "invalid_argument", "canceled", ...
absl::string_view ConnectCodeOf(grpc::StatusCode code);
// Seconds for Retry-After (429, 503), or nullopt.
std::optional<int> RetryAfterOf(grpc::StatusCode code);

// An error of the HTTP layer itself (bad JSON, unknown route), as the services would say it:
// ErrorInfo with `reason` in the status details.
grpc::Status HttpError(absl::StatusCode code, absl::string_view reason, std::string message);

// The google.rpc.Status of a call's error: its grpc-status-details-bin, or, when it carries
// none, the code and message with the ErrorInfo every error of this API has.
google::rpc::Status RpcStatusOf(const grpc::Status& status);

// REST: the google.rpc.Status as JSON ({"code":3,"message":...,"details":[{"@type":...}]}).
std::string RestErrorJson(const grpc::Status& status);
// Connect: {"code":"invalid_argument","message":...,"details":[{"type","value","debug"}]}.
std::string ConnectErrorJson(const grpc::Status& status);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_HTTP_STATUS_H_
