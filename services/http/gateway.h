#ifndef RINNALLA_SERVICES_HTTP_GATEWAY_H_
#define RINNALLA_SERVICES_HTTP_GATEWAY_H_

// What REST and Connect share: calls into the gRPC server of this process, the metadata an HTTP
// request passes on, and how a call's outcome and its stream are written to the HTTP response.

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/server.h>
#include <httplib.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "http_options.h"
#include "in_process_call.h"

namespace rinnalla::http {

// How a stream's parts are written (NDJSON lines, server-sent events, Connect envelopes).
struct StreamFormat {
  std::function<std::string(const std::string& message)> message;  // a serialized response
  std::string keepalive;                                           // "": none
  std::function<std::string(const InProcessCall& call)> end;       // after the last message
};

class Gateway {
 public:
  Gateway(grpc::Server& server, const HttpOptions& options);

  // Starts `method` with the serialized `requests`.
  std::unique_ptr<InProcessCall> Start(const google::protobuf::MethodDescriptor& method,
                                       const CallMetadata& metadata,
                                       const std::vector<std::string>& requests);

  // authorization, x-request-id and traceparent, and the deadline: X-Server-Timeout (seconds) or
  // Connect-Timeout-Ms, at most the server's call timeout, which is also the default; a server
  // stream has no deadline unless the caller gives one. INVALID_ARGUMENT for a bad timeout.
  absl::StatusOr<CallMetadata> MetadataOf(const httplib::Request& request,
                                          bool server_streaming) const;

  // Writes the call's messages as they come, in `format`, with the response headers. A caller
  // that goes away (a write fails) cancels the call. `first` is a message read already.
  void Stream(std::unique_ptr<InProcessCall> call, std::optional<std::string> first,
              const std::string& content_type, StreamFormat format,
              httplib::Response& response) const;

  // How long a new server stream waits for its first outcome before the response (200) is
  // committed, so that a refused stream still gets its HTTP status.
  absl::Duration settle_time() const;
  const HttpOptions& options() const { return options_; }

 private:
  HttpOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericStub> stub_;
};

// X-Request-Id (the id the call ran under) and, for 429 and 503, Retry-After.
void SetCallHeaders(const InProcessCall& call, httplib::Response& response);
void SetRetryAfter(const grpc::Status& status, httplib::Response& response);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_GATEWAY_H_
