#ifndef RINNALLA_SERVICES_HTTP_REST_ROUTES_H_
#define RINNALLA_SERVICES_HTTP_REST_ROUTES_H_

// The REST surface (AIP-127), read from the google.api.http annotations of the methods'
// descriptors: a new RPC needs only its annotation.

#include <google/protobuf/descriptor.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "path_template.h"

namespace rinnalla::http {

struct RestRoute {
  std::string http_method;  // GET, POST, PATCH, PUT, DELETE
  PathTemplate path;
  std::string body;           // "" (none), "*" (the whole request) or a request field
  std::string response_body;  // "" (the whole response) or a response field
  const google::protobuf::MethodDescriptor* method = nullptr;
};

class RestRoutes {
 public:
  // Every binding (and additional binding) of every method of `services`; INVALID_ARGUMENT for
  // an annotation that cannot be served (a bad template, a body field the request lacks).
  static absl::StatusOr<RestRoutes> Of(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  struct Found {
    const RestRoute* route = nullptr;
    PathBindings bindings;
  };
  // The route for a request; templates with a verb are tried first, then those with more
  // literal segments.
  std::optional<Found> Find(absl::string_view http_method, absl::string_view path) const;

  // In the order Find tries them.
  const std::vector<RestRoute>& routes() const { return routes_; }

 private:
  std::vector<RestRoute> routes_;
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_REST_ROUTES_H_
