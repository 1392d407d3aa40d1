// Reflection as grpcurl and buf curl use it, against the real binary: every service it lists can
// be described, down to each method's request and response types.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "server_process.h"

namespace rinnalla::testing {
namespace {

using grpc::reflection::v1alpha::ServerReflection;
using grpc::reflection::v1alpha::ServerReflectionRequest;
using grpc::reflection::v1alpha::ServerReflectionResponse;

// A reflection client that knows only what the server tells it: descriptors go into a pool of
// its own, never the test binary's generated one.
class ReflectionClient {
 public:
  explicit ReflectionClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(ServerReflection::NewStub(channel)),
        stream_(stub_->ServerReflectionInfo(&context_)) {}
  ~ReflectionClient() {
    stream_->WritesDone();
    stream_->Finish();
  }

  std::vector<std::string> ListServices() {
    ServerReflectionRequest request;
    request.set_list_services("*");
    const ServerReflectionResponse response = Ask(request);
    std::vector<std::string> names;
    for (const auto& s : response.list_services_response().service()) names.push_back(s.name());
    return names;
  }

  // The service as the server describes it, or null (with a test failure saying why).
  const google::protobuf::ServiceDescriptor* Describe(const std::string& service) {
    ServerReflectionRequest request;
    request.set_file_containing_symbol(service);
    ServerReflectionResponse response = Ask(request);
    if (response.has_error_response()) {
      ADD_FAILURE() << service << ": " << response.error_response().error_message();
      return nullptr;
    }
    Keep(response);
    // Fetch every dependency the server did not send along, by file name.
    for (bool missing = true; missing;) {
      missing = false;
      std::vector<std::string> wanted;
      for (const auto& [name, file] : files_) {
        for (const std::string& dependency : file.dependency()) {
          if (!files_.contains(dependency)) wanted.push_back(dependency);
        }
      }
      for (const std::string& dependency : wanted) {
        ServerReflectionRequest by_name;
        by_name.set_file_by_filename(dependency);
        ServerReflectionResponse file = Ask(by_name);
        if (file.has_error_response()) {
          ADD_FAILURE() << dependency << ": " << file.error_response().error_message();
          return nullptr;
        }
        Keep(file);
        missing = true;
      }
    }
    for (const auto& [name, file] : files_) Build(name);
    const google::protobuf::ServiceDescriptor* found = pool_.FindServiceByName(service);
    EXPECT_NE(found, nullptr) << service << " is not in the files the server sent";
    return found;
  }

 private:
  ServerReflectionResponse Ask(const ServerReflectionRequest& request) {
    ServerReflectionResponse response;
    EXPECT_TRUE(stream_->Write(request));
    EXPECT_TRUE(stream_->Read(&response));
    return response;
  }

  void Keep(const ServerReflectionResponse& response) {
    for (const std::string& bytes : response.file_descriptor_response().file_descriptor_proto()) {
      google::protobuf::FileDescriptorProto file;
      ASSERT_TRUE(file.ParseFromString(bytes));
      files_.emplace(file.name(), file);
    }
  }

  // Builds a file after its dependencies (a pool takes a file only once they are in it).
  void Build(const std::string& name) {
    if (pool_.FindFileByName(name) != nullptr) return;
    const google::protobuf::FileDescriptorProto& file = files_.at(name);
    for (const std::string& dependency : file.dependency()) Build(dependency);
    EXPECT_NE(pool_.BuildFile(file), nullptr) << name;
  }

  std::unique_ptr<ServerReflection::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReaderWriter<ServerReflectionRequest, ServerReflectionResponse>>
      stream_;
  std::map<std::string, google::protobuf::FileDescriptorProto> files_;
  google::protobuf::DescriptorPool pool_;
};

TEST(Reflection, DescribesEveryListedServiceDownToEachMethodsTypes) {
  ServerProcess server(RINNALLA_SERVER_BINARY);
  ASSERT_TRUE(server.started());
  ReflectionClient reflection(server.channel());
  std::vector<std::string> listed = reflection.ListServices();
  EXPECT_EQ(
      std::set<std::string>(listed.begin(), listed.end()),
      (std::set<std::string>{"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
                             "rinnalla.v1.Audit", "rinnalla.v1.Directory",
                             "rinnalla.v1.Integration", "rinnalla.v1.Matching",
                             "rinnalla.v1.Meetings", "rinnalla.v1.Notes", "rinnalla.v1.Visits"}));
  for (const std::string& name : listed) {
    SCOPED_TRACE(name);
    const google::protobuf::ServiceDescriptor* service = reflection.Describe(name);
    ASSERT_NE(service, nullptr);
    EXPECT_GT(service->method_count(), 0);
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      ASSERT_NE(method->input_type(), nullptr) << method->full_name();
      ASSERT_NE(method->output_type(), nullptr) << method->full_name();
      EXPECT_FALSE(method->input_type()->full_name().empty()) << method->full_name();
    }
  }
  // What grpcurl's `describe grpc.health.v1.Health.Check` shows.
  const google::protobuf::ServiceDescriptor* health = reflection.Describe("grpc.health.v1.Health");
  ASSERT_NE(health, nullptr);
  const google::protobuf::MethodDescriptor* check = health->FindMethodByName("Check");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->input_type()->full_name(), "grpc.health.v1.HealthCheckRequest");
  EXPECT_EQ(check->output_type()->full_name(), "grpc.health.v1.HealthCheckResponse");
  EXPECT_NE(check->output_type()->FindFieldByName("status"), nullptr);
}

}  // namespace
}  // namespace rinnalla::testing
