#ifndef RINNALLA_SERVICES_COMMON_REQUEST_CHECK_H_
#define RINNALLA_SERVICES_COMMON_REQUEST_CHECK_H_

// What every request message must be before any handler sees it: parseable, and every
// google.protobuf.Timestamp in it (at any depth) a real one. Checked at the RPC edge for unary
// calls and per message of a client stream, so no validator has to remember a time's range.

#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"

namespace rinnalla {

// INVALID_ARGUMENT, reason MALFORMED_MESSAGE: the bytes are not a message of the method's type
// (truncated, invalid UTF-8 in a string, a wrong wire type).
absl::Status MalformedMessage();

// Every Timestamp set in `request` within what google.protobuf.Timestamp allows
// (0001-01-01T00:00:00Z..9999-12-31T23:59:59Z, nanos 0..999,999,999), which PostgreSQL's
// timestamptz also holds: otherwise INVALID_ARGUMENT naming each such field by its path
// ("end_time", "period.end_time", "visits[3].start_time").
absl::Status CheckTimestamps(const google::protobuf::Message& request);

// `bytes` (consumed) parsed into `request`, then CheckTimestamps; MALFORMED_MESSAGE when it
// cannot be parsed.
absl::Status ParseRequest(grpc::ByteBuffer& bytes, google::protobuf::Message& request);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_REQUEST_CHECK_H_
