#include "grpc_metrics.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rinnalla/metrics/metrics.h"

namespace rinnalla {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr std::array<absl::string_view, 17> kGoCodeNames = {
    "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
    "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
    "DataLoss", "Unauthenticated"};

std::string TypeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming() && method.server_streaming()) return "bidi_stream";
  if (method.client_streaming()) return "client_stream";
  if (method.server_streaming()) return "server_stream";
  return "unary";
}

// One call's counting: started when its metadata arrives, handled when its status is sent.
class MetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit MetricsInterceptor(const GrpcServerMetrics::Method& series) : series_(series) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      start_ = absl::Now();
      series_.started->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      series_.received->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      series_.sent->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      int code = methods->GetSendStatus().error_code();
      if (code < 0 || code >= static_cast<int>(series_.handled.size())) code = grpc::UNKNOWN;
      series_.handled[code]->Increment();
      series_.handling_seconds->Observe(metrics::Seconds(absl::Now() - start_));
    }
    methods->Proceed();
  }

 private:
  const GrpcServerMetrics::Method& series_;
  absl::Time start_ = absl::Now();
};

class MetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(const GrpcServerMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    const GrpcServerMetrics::Method* series = metrics_.Find(info->method());
    return series == nullptr ? nullptr : new MetricsInterceptor(*series);
  }

 private:
  const GrpcServerMetrics& metrics_;
};

}  // namespace

absl::string_view GoCodeName(int code) {
  if (code < 0 || code >= static_cast<int>(kGoCodeNames.size())) return "Unknown";
  return kGoCodeNames[code];
}

GrpcServerMetrics::GrpcServerMetrics(prometheus::Registry& registry,
                                     const std::vector<std::string>& services) {
  auto& started = prometheus::BuildCounter()
                      .Name("grpc_server_started_total")
                      .Help("Total number of RPCs started on the server.")
                      .Register(registry);
  auto& handled = prometheus::BuildCounter()
                      .Name("grpc_server_handled_total")
                      .Help(
                          "Total number of RPCs completed on the server, regardless of success "
                          "or failure.")
                      .Register(registry);
  auto& handling = prometheus::BuildHistogram()
                       .Name("grpc_server_handling_seconds")
                       .Help(
                           "Histogram of response latency (seconds) of gRPC that had been "
                           "application-level handled by the server.")
                       .Register(registry);
  auto& received = prometheus::BuildCounter()
                       .Name("grpc_server_msg_received_total")
                       .Help("Total number of RPC stream messages received on the server.")
                       .Register(registry);
  auto& sent = prometheus::BuildCounter()
                   .Name("grpc_server_msg_sent_total")
                   .Help("Total number of gRPC stream messages sent by the server.")
                   .Register(registry);
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor& method = *service->method(i);
      prometheus::Labels labels = {{"grpc_type", TypeOf(method)},
                                   {"grpc_service", service->full_name()},
                                   {"grpc_method", method.name()}};
      Method series;
      series.started = &started.Add(labels);
      series.handling_seconds = &handling.Add(labels, metrics::DefaultBuckets());
      series.received = &received.Add(labels);
      series.sent = &sent.Add(labels);
      for (size_t code = 0; code < kGoCodeNames.size(); ++code) {
        prometheus::Labels with_code = labels;
        with_code["grpc_code"] = std::string(kGoCodeNames[code]);
        series.handled[code] = &handled.Add(with_code);
      }
      methods_[absl::StrCat("/", service->full_name(), "/", method.name())] = series;
    }
  }
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
GrpcServerMetrics::InterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(*this);
}

const GrpcServerMetrics::Method* GrpcServerMetrics::Find(absl::string_view method) const {
  auto it = methods_.find(method);
  return it == methods_.end() ? nullptr : &it->second;
}

}  // namespace rinnalla
