#ifndef RINNALLA_SERVICES_HTTP_CONNECT_PROTOCOL_H_
#define RINNALLA_SERVICES_HTTP_CONNECT_PROTOCOL_H_

// The Connect protocol (connectrpc.com/docs/protocol), for the web app's generated client:
// `POST /<package>.<Service>/<Method>`. Unary calls take and answer `application/json` or
// `application/proto`, errors as Connect's error JSON with the HTTP status of the code; streams
// (`application/connect+json`, `application/connect+proto`) are enveloped messages, then an
// end-of-stream message with the error, if any, and the metadata, always with HTTP 200.

#include <google/protobuf/descriptor.h>
#include <httplib.h>

#include "gateway.h"

namespace rinnalla::http {

void ServeConnect(Gateway& gateway, const google::protobuf::MethodDescriptor& method,
                  const httplib::Request& request, httplib::Response& response);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_CONNECT_PROTOCOL_H_
