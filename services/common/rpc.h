#ifndef RINNALLA_SERVICES_COMMON_RPC_H_
#define RINNALLA_SERVICES_COMMON_RPC_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/sync_stream.h>

#include <functional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "principal.h"
#include "request_check.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {

// What a handler knows about its call.
struct Call {
  std::string method;  // full RPC method name, e.g. /rinnalla.v1.Directory/GetClient
  Principal principal;
  std::string request_id;  // from x-request-id, or new; echoed in the response metadata
  // The call as storage sees it, built once from the above, the deadline and the trace: handed
  // to every repository call.
  storage::CallScope scope;
  std::function<bool()> cancelled;  // whether the caller has cancelled the call or gone
};

// What a streaming handler tells the log about its stream.
struct StreamTally {
  int messages = 0;  // messages read from (or written to) the caller
};

// Runs every RPC the same way: authenticate, build the call's scope (Call::scope: the accessor,
// the deadline that bounds its SQL, the trace, the guide's scope), run the handler, convert its
// status at the edge, and write one JSON log line (method, code, latency, request id, trace id;
// never personal data). The call's W3C trace (traceparent, or a new one, echoed in the response
// metadata) names its SQL through the scope, and every log line it writes (ScopedLogTrace).
// Thread-safe.
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

  // A unary RPC in gRPC's streamed form (the generated StreamedUnaryService), so that a request
  // that cannot be parsed reaches the edge like any other: authenticated, logged and answered
  // INVALID_ARGUMENT MALFORMED_MESSAGE, where the plain form would answer INTERNAL unlogged.
  // Every Timestamp of the request is checked (CheckTimestamps) before `handler` runs.
  template <class Request, class Response>
  grpc::Status RunUnary(
      grpc::ServerContext* context, absl::string_view method,
      grpc::ServerReaderWriterInterface<Response, Request>& stream,
      absl::FunctionRef<absl::Status(const Call&, const Request&, Response&)> handler) const {
    Request request;
    Response response;
    const bool read = stream.Read(&request);
    grpc::Status status = Run(context, method, [&](const Call& call) -> absl::Status {
      if (!read) return MalformedMessage();
      RETURN_IF_ERROR(CheckTimestamps(request));
      return handler(call, request, response);
    });
    // The answer goes out with the status in one write, as the plain unary form sends it; a plain
    // Write would wait for the message to leave before the status could follow.
    if (status.ok()) stream.Write(response, grpc::WriteOptions().set_last_message());
    return status;
  }
  // A server-streaming RPC in its split-streamed form: its one request read and checked as a
  // unary one's, then the handler writes the stream.
  template <class Request, class Response>
  grpc::Status RunServerStream(
      grpc::ServerContext* context, absl::string_view method,
      grpc::ServerReaderWriterInterface<Response, Request>& stream,
      absl::FunctionRef<absl::Status(const Call&, const Request&, StreamTally&)> handler) const {
    Request request;
    const bool read = stream.Read(&request);
    return Run(context, method, [&](const Call& call, StreamTally& tally) -> absl::Status {
      if (!read) return MalformedMessage();
      RETURN_IF_ERROR(CheckTimestamps(request));
      return handler(call, request, tally);
    });
  }

 private:
  grpc::Status RunCall(grpc::ServerContext* context, absl::string_view method,
                       absl::FunctionRef<absl::Status(const Call&)> handler,
                       const StreamTally* tally) const;

  const Authenticator& authenticator_;
};

}  // namespace rinnalla

// A unary RPC method of a generated service class in its streamed form
// (`v1::Service::StreamedUnaryService`), for the class body.
#define RINNALLA_DECLARE_RPC(Name, Request, Response)       \
  grpc::Status Streamed##Name(grpc::ServerContext* context, \
                              grpc::ServerUnaryStreamer<v1::Request, Response>* stream) override;

// Its definition: runs `target(call, request, response)` through the class's `rpc_` (an
// RpcRunner's RunUnary), as /rinnalla.v1.<Service>/<Name>.
#define RINNALLA_DEFINE_RPC(Class, Service, Name, Request, Response, target)                     \
  grpc::Status Class::Streamed##Name(grpc::ServerContext* context,                               \
                                     grpc::ServerUnaryStreamer<v1::Request, Response>* stream) { \
    return rpc_.RunUnary<v1::Request, Response>(                                                 \
        context, "/rinnalla.v1." Service "/" #Name, *stream,                                     \
        [&](const Call& call, const v1::Request& request, Response& response) {                  \
          return target(call, request, response);                                                \
        });                                                                                      \
  }

#endif  // RINNALLA_SERVICES_COMMON_RPC_H_
