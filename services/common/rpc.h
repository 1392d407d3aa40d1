#ifndef RINNALLA_SERVICES_COMMON_RPC_H_
#define RINNALLA_SERVICES_COMMON_RPC_H_

#include <grpcpp/server_context.h>

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "principal.h"

namespace rinnalla {

// What a handler knows about its call.
struct Call {
  std::string method;  // full RPC method name, e.g. /rinnalla.v1.Directory/GetClient
  Principal principal;
  std::string request_id;  // from x-request-id, or new; echoed in the response metadata
};

// What a streaming handler tells the log about its stream.
struct StreamTally {
  int messages = 0;  // messages read from (or written to) the caller
};

// Runs every RPC the same way: authenticate, bound the call's SQL by its deadline, run the
// handler, convert its status at the edge, and write one JSON log line (method, code, latency,
// request id, trace id; never personal data). The call's W3C trace (traceparent, or a new one,
// echoed in the response metadata) is current while it runs (storage::ScopedTrace), so its SQL
// and every log line it writes carry the trace id. Thread-safe.
class RpcRunner {
 public:
  explicit RpcRunner(const Authenticator& authenticator) : authenticator_(authenticator) {}
  grpc::Status Run(grpc::ServerContext* context, absl::string_view method,
                   absl::FunctionRef<absl::Status(const Call&)> handler) const;
  // A streaming RPC: authenticated once for the whole stream, the handler reading and writing
  // the stream itself. The log line also gives the messages the handler counted, and says
  // CANCELLED when the caller cancelled or dropped the stream.
  grpc::Status Run(grpc::ServerContext* context, absl::string_view method,
                   absl::FunctionRef<absl::Status(const Call&, StreamTally&)> handler) const;

 private:
  grpc::Status RunCall(grpc::ServerContext* context, absl::string_view method,
                       absl::FunctionRef<absl::Status(const Call&)> handler,
                       const StreamTally* tally) const;

  const Authenticator& authenticator_;
};

}  // namespace rinnalla

// A unary RPC method of a generated service class (`v1::Service::Service`), for the class body.
#define RINNALLA_DECLARE_RPC(Name, Request, Response)                                             \
  grpc::Status Name(grpc::ServerContext* context, const v1::Request* request, Response* response) \
      override;

// Its definition: runs `target(call, request, response)` through the class's `rpc_` (an
// RpcRunner), as /rinnalla.v1.<Service>/<Name>.
#define RINNALLA_DEFINE_RPC(Class, Service, Name, Request, Response, target)              \
  grpc::Status Class::Name(grpc::ServerContext* context, const v1::Request* request,      \
                           Response* response) {                                          \
    return rpc_.Run(context, "/rinnalla.v1." Service "/" #Name,                           \
                    [&](const Call& call) { return target(call, *request, *response); }); \
  }

#endif  // RINNALLA_SERVICES_COMMON_RPC_H_
