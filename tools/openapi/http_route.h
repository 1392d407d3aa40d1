// An RPC's REST routes, read from its google.api.http annotation: what the OpenAPI document
// lists and what its tests compare against the descriptors.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace rinnalla::openapi {

// One variable of a path, e.g. "{name=organizations/*/clients/*}": two path parameters, `org`
// and `client`, that together make the request field `name`.
struct PathParameter {
  std::string name;   // the OpenAPI parameter, e.g. "client"
  std::string field;  // the request field it fills, dotted: "name", "guide.name"
};

struct HttpRoute {
  std::string verb;           // upper case: GET, POST, PATCH, PUT, DELETE
  std::string path_template;  // as annotated: /v1/{name=organizations/*/clients/*}
  std::string openapi_path;   // as OpenAPI writes it: /v1/organizations/{org}/clients/{client}
  std::vector<PathParameter> parameters;
  std::vector<std::string> path_fields;  // the request fields the path fills, dotted
  std::string body;                      // "", "*" or a request field
  std::string response_body;             // "" or a response field
};

// The OpenAPI path of an annotated template. A variable's pattern is spelled out segment by
// segment, each `*` named by the collection before it ("organizations/*" -> "organizations/{org}",
// "clients/*" -> "clients/{client}"); a variable without a pattern is one parameter named by its
// field. Fills `parameters` and `path_fields` of `route`.
void ExpandPath(HttpRoute& route);

// The field a dotted path ("guide.name") names in `message`, or null.
const google::protobuf::FieldDescriptor* FieldAt(const google::protobuf::Descriptor& message,
                                                 absl::string_view dotted);

// The method's routes: its annotation and its additional bindings, in that order. Empty when
// the method has no annotation.
std::vector<HttpRoute> RoutesOf(const google::protobuf::MethodDescriptor& method);

}  // namespace rinnalla::openapi
