#ifndef RINNALLA_SERVICES_HTTP_JSON_MESSAGE_H_
#define RINNALLA_SERVICES_HTTP_JSON_MESSAGE_H_

// Messages from and to JSON with protobuf's JSON mapping (lowerCamelCase or proto field names in,
// lowerCamelCase out, enums by name, Timestamps as RFC 3339), for messages of the generated pool.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rinnalla::http {

// A new, empty message of the type.
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type);

// Parses `json` into `message` (unknown fields refused). INVALID_ARGUMENT with reason
// MALFORMED_JSON naming the problem, e.g. "the body is not a rinnalla.v1.Guide: ...".
absl::Status ParseJson(absl::string_view json, google::protobuf::Message& message,
                       absl::string_view what = "the body");

// The message as compact JSON.
std::string PrintJson(const google::protobuf::Message& message);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_JSON_MESSAGE_H_
