#ifndef RINNALLA_SERVICES_HTTP_REST_REQUEST_H_
#define RINNALLA_SERVICES_HTTP_REST_REQUEST_H_

// A REST request turned into its RPC's request message (AIP-127): the body (the whole request,
// or the field the annotation names), the path's variables, and query parameters for the other
// fields (nested with dots, repeated by repeating, lowerCamel or proto names, enums by name).
// A PATCH without `updateMask` updates the fields its body names.

#include <google/protobuf/message.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rest_routes.h"

namespace rinnalla::http {

using QueryParameters = std::vector<std::pair<std::string, std::string>>;

// INVALID_ARGUMENT (reason MALFORMED_JSON, or INVALID_QUERY_PARAMETER naming it) when the
// request cannot be turned into the message.
absl::Status BuildRestRequest(const RestRoute& route, const PathBindings& bindings,
                              const QueryParameters& query, absl::string_view body,
                              google::protobuf::Message& request);

// The JSON of the fields that `bindings` and `query` set (field paths as dotted names), for
// parsing into a message of `type`.
absl::StatusOr<std::string> FieldsJson(const google::protobuf::Descriptor& type,
                                       const PathBindings& bindings, const QueryParameters& query);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_REST_REQUEST_H_
