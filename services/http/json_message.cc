#include "json_message.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::http {

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

absl::Status ParseJson(absl::string_view json, google::protobuf::Message& message,
                       absl::string_view what) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  google::protobuf::util::Status parsed =
      google::protobuf::util::JsonStringToMessage(std::string(json), &message, options);
  if (parsed.ok()) return absl::OkStatus();
  return WithReason(absl::InvalidArgumentError(absl::StrCat(what, " is not a ",
                                                            message.GetDescriptor()->full_name(),
                                                            ": ", parsed.message().ToString())),
                    "MALFORMED_JSON");
}

std::string PrintJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::MessageToJsonString(message, &json);
  return json;
}

}  // namespace rinnalla::http
