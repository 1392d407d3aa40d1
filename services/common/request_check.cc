#include "request_check.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/impl/codegen/proto_utils.h>  // grpc::SerializationTraits of protobuf messages

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "errors.h"
#include "proto_time.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool IsTimestamp(const google::protobuf::Descriptor& type) {
  return type.full_name() == google::protobuf::Timestamp::descriptor()->full_name();
}

void CheckTimestampOf(const Message& ts, const std::string& path, FieldViolations& v) {
  // Read through reflection: a dynamic message is not a generated Timestamp.
  const google::protobuf::Reflection& r = *ts.GetReflection();
  google::protobuf::Timestamp value;
  value.set_seconds(r.GetInt64(ts, ts.GetDescriptor()->FindFieldByName("seconds")));
  value.set_nanos(r.GetInt32(ts, ts.GetDescriptor()->FindFieldByName("nanos")));
  if (!IsValidTimestamp(value)) {
    v.Add(path,
          "must be a time between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z with nanos "
          "0..999999999");
  }
}

void Walk(const Message& message, const std::string& prefix, FieldViolations& v) {
  if (IsTimestamp(*message.GetDescriptor())) {
    CheckTimestampOf(message, prefix, v);
    return;
  }
  const google::protobuf::Reflection& r = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r.ListFields(message, &fields);  // only the fields that are set
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string path =
        prefix.empty() ? field->name() : absl::StrCat(prefix, ".", field->name());
    if (!field->is_repeated()) {
      Walk(r.GetMessage(message, field), path, v);
      continue;
    }
    const int n = r.FieldSize(message, field);
    for (int i = 0; i < n; ++i) {
      Walk(r.GetRepeatedMessage(message, field, i), absl::StrCat(path, "[", i, "]"), v);
    }
  }
}

}  // namespace

absl::Status MalformedMessage() {
  return WithReason(absl::InvalidArgumentError("the message could not be read as this method's "
                                               "request"),
                    "MALFORMED_MESSAGE");
}

absl::Status CheckTimestamps(const Message& request) {
  FieldViolations v;
  Walk(request, "", v);
  return v.ToStatus();
}

absl::Status ParseRequest(grpc::ByteBuffer& bytes, Message& request) {
  if (!grpc::SerializationTraits<Message>::Deserialize(&bytes, &request).ok()) {
    return MalformedMessage();
  }
  return CheckTimestamps(request);
}

}  // namespace rinnalla
