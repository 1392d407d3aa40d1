#ifndef RINNALLA_SERVICES_HTTP_REST_PROTOCOL_H_
#define RINNALLA_SERVICES_HTTP_REST_PROTOCOL_H_

// REST (AIP-127) over the gateway: the request from the path, query and body; the response as
// JSON, a client stream's requests as a JSON array or NDJSON, a server stream as NDJSON
// ({"result": ...} per line, {"error": Status} last on an error, blank keepalive lines) or as
// server-sent events (Accept: text/event-stream); a response that is a document of its own
// (a `content_type` and its text, like ExportCarePlan's FHIR Bundle) as that document. Errors:
// the HTTP status of the gRPC code and the google.rpc.Status as JSON.

#include <httplib.h>

#include "gateway.h"
#include "rest_routes.h"

namespace rinnalla::http {

void ServeRest(Gateway& gateway, const RestRoutes::Found& found, const httplib::Request& request,
               httplib::Response& response);

// Writes a REST error response.
void WriteRestError(const grpc::Status& status, httplib::Response& response);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_REST_PROTOCOL_H_
