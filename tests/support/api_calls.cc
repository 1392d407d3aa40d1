#include "api_calls.h"

#include "absl/time/clock.h"
#include "generic_call.h"
#include "rinnalla/v1/audit.pb.h"
#include "rinnalla/v1/directory.pb.h"
#include "rinnalla/v1/integration.pb.h"
#include "rinnalla/v1/matching.pb.h"
#include "rinnalla/v1/meetings.pb.h"
#include "rinnalla/v1/notes.pb.h"
#include "rinnalla/v1/visits.pb.h"
#include "test_keys.h"

namespace rinnalla::testing {

std::vector<const google::protobuf::MethodDescriptor*> ApiMethods() {
  // One message of each API file, so every file's descriptors are linked in.
  const google::protobuf::FileDescriptor* files[] = {
      v1::AccessLogEntry::descriptor()->file(), v1::Guide::descriptor()->file(),
      v1::Event::descriptor()->file(),          v1::Referral::descriptor()->file(),
      v1::Meeting::descriptor()->file(),        v1::ProgressNote::descriptor()->file(),
      v1::Visit::descriptor()->file()};
  std::vector<const google::protobuf::MethodDescriptor*> methods;
  for (const google::protobuf::FileDescriptor* file : files) {
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        methods.push_back(file->service(s)->method(m));
      }
    }
  }
  return methods;
}

std::string MethodPath(const google::protobuf::MethodDescriptor& method) {
  return "/" + method.service()->full_name() + "/" + method.name();
}

BytesCall CallWithBytes(TestServer& server, const Caller& caller, const std::string& method,
                        const std::vector<std::string>& messages, absl::Duration deadline) {
  grpc::ClientContext context;
  if (!caller.role.empty()) {
    context.AddMetadata("authorization",
                        "Bearer " + TestToken(caller.org, caller.role, caller.sub));
  }
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  std::vector<grpc::ByteBuffer> requests;
  for (const std::string& m : messages) requests.push_back(tools::BufferOf(m));
  BytesCall call;
  call.status = tools::GenericCall(server.channel(), context, method, requests,
                                   [&](const grpc::ByteBuffer& response) {
                                     call.responses.push_back(tools::BytesOf(response));
                                   });
  return call;
}

}  // namespace rinnalla::testing
