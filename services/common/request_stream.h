#ifndef RINNALLA_SERVICES_COMMON_REQUEST_STREAM_H_
#define RINNALLA_SERVICES_COMMON_REQUEST_STREAM_H_

// Client streams whose handlers parse each message themselves. gRPC's typed reader answers
// "no more messages" for a message it cannot parse, exactly as at the end of the stream, so a
// phone's queue would silently lose everything after one bad message; read as bytes, every
// message gets its own result and the stream reads on.

#include <google/protobuf/descriptor.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/method_handler.h>
#include <grpcpp/support/sync_stream.h>

#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "request_check.h"

namespace rinnalla {

// The messages of a client stream, each parsed and checked on its own (ParseRequest).
template <class Request>
class RequestStream {
 public:
  explicit RequestStream(grpc::ServerReaderInterface<grpc::ByteBuffer>& reader) : reader_(reader) {}

  // False at the end of the stream (or when the caller left); otherwise `message` is the next
  // request, or the error that stands at its position (MALFORMED_MESSAGE, a Timestamp's field).
  bool Next(absl::StatusOr<Request>& message) {
    grpc::ByteBuffer bytes;
    if (!reader_.Read(&bytes)) return false;
    Request request;
    absl::Status parsed = ParseRequest(bytes, request);
    message = parsed.ok() ? absl::StatusOr<Request>(std::move(request)) : parsed;
    return true;
  }

 private:
  grpc::ServerReaderInterface<grpc::ByteBuffer>& reader_;
};

// The handler of a client-streaming method of a sync service that reads its messages as bytes:
// `method` of `service`. For grpc::Service::MarkMethodStreamed, called in the service's
// constructor (the sync API generates no raw form; a streamed handler reads its own messages,
// as a client stream's does).
template <class Service, class Response>
grpc::internal::MethodHandler* ClientStreamOfBytes(
    Service* service,
    grpc::Status (Service::*method)(grpc::ServerContext*, grpc::ServerReader<grpc::ByteBuffer>*,
                                    Response*)) {
  return new grpc::internal::ClientStreamingHandler<Service, grpc::ByteBuffer, Response>(method,
                                                                                         service);
}

// The index of `method` in the service `service_full_name`, as its generated class numbers them.
int MethodIndex(absl::string_view service_full_name, absl::string_view method);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_REQUEST_STREAM_H_
