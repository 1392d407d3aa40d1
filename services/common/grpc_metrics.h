#ifndef RINNALLA_SERVICES_COMMON_GRPC_METRICS_H_
#define RINNALLA_SERVICES_COMMON_GRPC_METRICS_H_

// gRPC server metrics with go-grpc-prometheus's names, labels and buckets, so the dashboards and
// alerts operators already have work unchanged:
//   grpc_server_started_total{grpc_type,grpc_service,grpc_method}
//   grpc_server_handled_total{grpc_type,grpc_service,grpc_method,grpc_code}
//   grpc_server_handling_seconds{grpc_type,grpc_service,grpc_method} (histogram, DefBuckets)
//   grpc_server_msg_received_total, grpc_server_msg_sent_total{grpc_type,grpc_service,grpc_method}
// Every method of the given services has its series from the start (handled: one per code), so a
// rate is defined before the first call. Labels hold only method names and codes.

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace rinnalla {

class GrpcServerMetrics {
 public:
  // The series of one method.
  struct Method {
    prometheus::Counter* started = nullptr;
    std::array<prometheus::Counter*, 17> handled{};  // by grpc::StatusCode
    prometheus::Histogram* handling_seconds = nullptr;
    prometheus::Counter* received = nullptr;
    prometheus::Counter* sent = nullptr;
  };

  // Series for every method of `services` (full names such as "grpc.health.v1.Health", looked up
  // in the descriptors linked into this binary); a name not found is skipped.
  GrpcServerMetrics(prometheus::Registry& registry, const std::vector<std::string>& services);

  // A factory for ServerBuilder::experimental().SetInterceptorCreators; counts every call to a
  // method named above. `this` must outlive the server.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> InterceptorFactory();

  // The series of "/package.Service/Method", or null.
  const Method* Find(absl::string_view method) const;

 private:
  absl::flat_hash_map<std::string, Method> methods_;
};

// Go's names of the gRPC codes ("OK", "InvalidArgument", ...), as go-grpc-prometheus labels them.
absl::string_view GoCodeName(int code);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_GRPC_METRICS_H_
