#ifndef RINNALLA_TOOLS_GENERIC_CALL_H_
#define RINNALLA_TOOLS_GENERIC_CALL_H_

// A call of any method (unary or streaming) with its request messages as bytes, over gRPC's
// generic stub: for `rinnalla call`, and for tests that send what a broken or hostile client
// would.

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/byte_buffer.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rinnalla::tools {

// Sends `requests` to `method` ("/rinnalla.v1.Visits/SyncVisits") in order, half-closes, hands
// each response to `on_response` as it arrives, and returns the call's status.
grpc::Status GenericCall(const std::shared_ptr<grpc::Channel>& channel,
                         grpc::ClientContext& context, const std::string& method,
                         const std::vector<grpc::ByteBuffer>& requests,
                         const std::function<void(const grpc::ByteBuffer&)>& on_response);

// `bytes` as one message.
grpc::ByteBuffer BufferOf(const std::string& bytes);
// The bytes of `buffer`.
std::string BytesOf(const grpc::ByteBuffer& buffer);

}  // namespace rinnalla::tools

#endif  // RINNALLA_TOOLS_GENERIC_CALL_H_
