// The OpenAPI 3.1 document of the REST surface: every route of every annotated RPC of the given
// files (path and query parameters, the body, the response), the schemas they use, the error
// body (google.rpc.Status with ErrorInfo and BadRequest details) and bearer authentication.
#pragma once

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "schemas.h"

namespace rinnalla::openapi {

// Fails (an error message, the document null) when an annotation cannot be described: a path
// variable or body naming no field of the request, or two routes with the same operation.
struct DocumentOrError {
  Json document;
  std::string error;
};

DocumentOrError OpenApiDocument(const std::vector<const google::protobuf::FileDescriptor*>& files);

}  // namespace rinnalla::openapi
