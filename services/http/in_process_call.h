#ifndef RINNALLA_SERVICES_HTTP_IN_PROCESS_CALL_H_
#define RINNALLA_SERVICES_HTTP_IN_PROCESS_CALL_H_

// One RPC made by the HTTP listener into the gRPC server of the same process, as bytes (a generic
// stub over the server's in-process channel), so it runs through the same service, RpcRunner,
// authentication, policy and log line as a gRPC caller's call. Any kind of RPC: the requests are
// written first, then the responses read one by one.

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace rinnalla::http {

// What an HTTP request passes on to its RPC.
struct CallMetadata {
  // Lower-case names: authorization, x-request-id, traceparent.
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<absl::Duration> timeout;  // none: no deadline
  // The x-request-id made here when the caller sent none (the server keeps it).
  std::string made_request_id;
};

// Not thread-safe: one HTTP request's thread drives it (Cancel may come from any thread).
class InProcessCall {
 public:
  // Starts `method` ("/rinnalla.v1.Directory/GetGuide") and writes every request (serialized
  // messages; bytes that are not a message reach the handler as such). A `unary` method gets its
  // one request in one batch and has its answer when this returns (a streaming call would take
  // six trips through the completion queue).
  InProcessCall(grpc::GenericStub& stub, const std::string& method, const CallMetadata& metadata,
                const std::vector<std::string>& requests, bool unary = false);
  ~InProcessCall();

  enum class Next { kMessage, kQuiet, kDone };
  // The next response message into `message`; kQuiet when none came within `wait` (a stream
  // that is quiet; ask again), kDone when the call has ended (see status()).
  Next Read(std::string& message, absl::Duration wait = absl::InfiniteDuration());
  // Ends the call (the caller went away); the next Read says kDone.
  void Cancel() { context_.TryCancel(); }
  // Once Read said kDone.
  const grpc::Status& status() const { return status_; }
  // The request id the server used (x-request-id of its response metadata) once a message or
  // the end has come, else the one made here, or "".
  std::string request_id() const;

 private:
  // Waits for the one operation in flight; nullopt when `wait` passed first.
  std::optional<bool> Step(absl::Duration wait);
  void Finish();

  grpc::ClientContext context_;
  grpc::CompletionQueue queue_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;  // a stream
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> unary_;
  bool answered_ = false;  // unary: its answer was read
  grpc::ByteBuffer buffer_;
  bool reading_ = false;  // a Read is in flight
  bool done_ = false;
  bool received_ = false;  // the server's initial metadata has arrived
  std::string made_request_id_;
  grpc::Status status_;
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_IN_PROCESS_CALL_H_
