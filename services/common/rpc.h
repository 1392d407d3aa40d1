#ifndef RINNALLA_SERVICES_COMMON_RPC_H_
#define RINNALLA_SERVICES_COMMON_RPC_H_

#include <string>
#include "absl/strings/string_view.h"

#include <grpcpp/server_context.h>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "principal.h"

namespace rinnalla {

// What a handler knows about its call.
struct Call {
  std::string method;  // full RPC method name, e.g. /rinnalla.v1.Directory/GetClient
  Principal principal;
  std::string request_id;  // from x-request-id, or new; echoed in the response metadata
};

// Runs every RPC the same way: authenticate, bound the call's SQL by its deadline, run the
// handler, convert its status at the edge, and write one JSON log line (method, code, latency,
// request id; never personal data). Thread-safe.
class RpcRunner {
 public:
  explicit RpcRunner(const Authenticator& authenticator) : authenticator_(authenticator) {}
  grpc::Status Run(grpc::ServerContext* context, absl::string_view method,
                   absl::FunctionRef<absl::Status(const Call&)> handler) const;

  // A streaming call (client, server or both) runs the same way: authenticated once at the start,
  // its SQL bounded by the call's deadline if it has one, one log line at the end. The handler
  // counts the messages it streams in `messages`, and the log line reports them.
  grpc::Status RunStream(
      grpc::ServerContext* context, absl::string_view method,
      absl::FunctionRef<absl::Status(const Call&, int64_t& messages)> handler) const;

 private:
  grpc::Status Serve(grpc::ServerContext* context, absl::string_view method,
                     absl::FunctionRef<absl::Status(const Call&)> handler,
                     const int64_t* messages) const;

  const Authenticator& authenticator_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_RPC_H_
