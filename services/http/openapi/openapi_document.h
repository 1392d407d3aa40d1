// The OpenAPI 3.1 document of the REST surface, generated from the protos at build time
// (tools/openapi) and compiled in, for the HTTP listener to serve at GET /openapi.json.
#pragma once

#include <string_view>

namespace rinnalla::http {

// The document as JSON text; the same bytes as docs/openapi.json. Thread-safe (static data).
std::string_view OpenApiDocument();

}  // namespace rinnalla::http
