#ifndef RINNALLA_TOOLS_CALL_STREAM_H_
#define RINNALLA_TOOLS_CALL_STREAM_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

namespace rinnalla::tools {

// `rinnalla call` of a streaming method. A client-streaming method sends the requests of
// `requests` (a JSON array of requests, or "-" for one JSON request per line on stdin); others
// send the one request `requests` holds. Each response of a server-streaming method is printed
// as one JSON line as it arrives (until the stream ends, or Ctrl-C); a single response is
// printed like a unary call's. Returns the exit code; errors go through `print_error`.
int RunStreamingCall(const google::protobuf::MethodDescriptor& method,
                     const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context,
                     const std::string& requests,
                     const std::function<void(const grpc::Status&)>& print_error);

}  // namespace rinnalla::tools

#endif  // RINNALLA_TOOLS_CALL_STREAM_H_
