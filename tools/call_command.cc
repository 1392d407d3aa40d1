// `rinnalla call METHOD JSON`: calls any unary RPC of the API with a JSON request and prints the
// JSON response, for operators and integrators (Debian 12 has no grpcurl). Methods are resolved
// through the descriptors compiled into this binary.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>

#include <fstream>
#include <future>
#include <iostream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "call_stream.h"
#include "commands.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.pb.h"
#include "rinnalla/v1/audit.pb.h"
#include "rinnalla/v1/directory.pb.h"
#include "rinnalla/v1/integration.pb.h"
#include "rinnalla/v1/matching.pb.h"
#include "rinnalla/v1/meetings.pb.h"
#include "rinnalla/v1/notes.pb.h"
#include "rinnalla/v1/visits.pb.h"

namespace rinnalla::tools {
namespace {

// Keeps every API file's descriptors linked in, so the pool can find their methods.
void LinkDescriptors() {
  (void)v1::Guide::descriptor();
  (void)v1::AccessLogEntry::descriptor();
  (void)v1::Referral::descriptor();
  (void)v1::Event::descriptor();
  (void)v1::Meeting::descriptor();
  (void)v1::ProgressNote::descriptor();
  (void)v1::Visit::descriptor();
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
}

// "Directory/ListGuides", "Directory.ListGuides" or "rinnalla.v1.Directory/ListGuides".
const google::protobuf::MethodDescriptor* FindMethod(std::string name) {
  LinkDescriptors();
  name = absl::StrReplaceAll(name, {{"/", "."}});
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  if (const auto* method = pool->FindMethodByName(name)) return method;
  return pool->FindMethodByName("rinnalla.v1." + name);
}

void PrintError(const grpc::Status& status) {
  std::cerr << "error: " << status.error_code() << " " << status.error_message() << "\n";
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return;
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&info)) std::cerr << "  reason: " << info.reason() << "\n";
    if (any.UnpackTo(&bad_request)) {
      for (const auto& v : bad_request.field_violations()) {
        std::cerr << "  " << v.field() << ": " << v.description() << "\n";
      }
    }
  }
}

std::shared_ptr<grpc::ChannelCredentials> CredentialsFor(const CommandOptions& options) {
  if (options.tls_ca.empty()) return grpc::InsecureChannelCredentials();
  std::ifstream in(options.tls_ca);
  std::stringstream ca;
  ca << in.rdbuf();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ca.str();
  return grpc::SslCredentials(ssl);
}

}  // namespace

int RunCall(const CommandOptions& options, const std::vector<std::string>& args) {
  if (args.size() != 3) {
    std::cerr << "rinnalla call: give METHOD and a JSON request, e.g. "
                 "rinnalla call Directory/ListGuides '{\"parent\":\"organizations/x\"}'\n";
    return 2;
  }
  const google::protobuf::MethodDescriptor* method = FindMethod(args[1]);
  if (method == nullptr) {
    std::cerr << "rinnalla call: no method \"" << args[1] << "\"\n";
    return 2;
  }
  if (method->client_streaming() || method->server_streaming()) {
    auto channel = grpc::CreateChannel(options.server, CredentialsFor(options));
    grpc::ClientContext context;  // no deadline: a feed is followed until Ctrl-C
    if (!options.token.empty()) context.AddMetadata("authorization", "Bearer " + options.token);
    return RunStreamingCall(*method, channel, context, args[2], PrintError);
  }
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> request(
      factory.GetPrototype(method->input_type())->New());
  std::unique_ptr<google::protobuf::Message> response(
      factory.GetPrototype(method->output_type())->New());
  if (auto parsed = google::protobuf::util::JsonStringToMessage(args[2], request.get());
      !parsed.ok()) {
    std::cerr << "rinnalla call: the request is not a " << method->input_type()->full_name()
              << ": " << parsed.message() << "\n";
    return 2;
  }

  auto channel = grpc::CreateChannel(options.server, CredentialsFor(options));
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (!options.token.empty()) context.AddMetadata("authorization", "Bearer " + options.token);
  std::string bytes = request->SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/" + method->service()->full_name() + "/" + method->name(),
                 grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&](grpc::Status status) { done.set_value(status); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) {
    PrintError(status);
    return 1;
  }
  std::vector<grpc::Slice> slices;
  response_buffer.Dump(&slices);
  std::string received;
  for (const grpc::Slice& s : slices) received.append(reinterpret_cast<const char*>(s.begin()), s.size());
  response->ParseFromString(received);
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = true;
  google::protobuf::util::MessageToJsonString(*response, &json, print);
  std::cout << json;
  return 0;
}

}  // namespace rinnalla::tools
