#include "http_status.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "errors.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::http {

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    default:
      return 500;  // UNKNOWN, INTERNAL, DATA_LOSS
  }
}

absl::string_view ConnectCodeOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::CANCELLED:
      return "canceled";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "invalid_argument";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "deadline_exceeded";
    case grpc::StatusCode::NOT_FOUND:
      return "not_found";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "already_exists";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "permission_denied";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "resource_exhausted";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "failed_precondition";
    case grpc::StatusCode::ABORTED:
      return "aborted";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "out_of_range";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "unimplemented";
    case grpc::StatusCode::INTERNAL:
      return "internal";
    case grpc::StatusCode::UNAVAILABLE:
      return "unavailable";
    case grpc::StatusCode::DATA_LOSS:
      return "data_loss";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "unauthenticated";
    default:
      return "unknown";
  }
}

std::optional<int> RetryAfterOf(grpc::StatusCode code) {
  if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) return 1;
  if (code == grpc::StatusCode::UNAVAILABLE) return 5;
  return std::nullopt;
}

grpc::Status HttpError(absl::StatusCode code, absl::string_view reason, std::string message) {
  return ToGrpcStatus(WithReason(absl::Status(code, message), reason));
}

google::rpc::Status RpcStatusOf(const grpc::Status& status) {
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    return details;
  }
  return ToRpcStatus(
      absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message()));
}

std::string RestErrorJson(const grpc::Status& status) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(RpcStatusOf(status), &json).ok()) {
    // Only a detail of a type this server does not know could fail; say the rest.
    google::rpc::Status bare;
    bare.set_code(status.error_code());
    bare.set_message(status.error_message());
    google::protobuf::util::MessageToJsonString(bare, &json);
  }
  return json;
}

std::string ConnectErrorJson(const grpc::Status& status) {
  google::rpc::Status rpc_status = RpcStatusOf(status);
  nlohmann::json error = {{"code", ConnectCodeOf(status.error_code())},
                          {"message", rpc_status.message()}};
  nlohmann::json details = nlohmann::json::array();
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const google::protobuf::Any& any : rpc_status.details()) {
    absl::string_view type = any.type_url();
    type = type.substr(type.rfind('/') + 1);
    std::string value = absl::Base64Escape(any.value());
    value.erase(value.find_last_not_of('=') + 1);  // Connect sends base64 without padding
    nlohmann::json detail = {{"type", type}, {"value", value}};
    if (const auto* descriptor = pool->FindMessageTypeByName(std::string(type))) {
      std::unique_ptr<google::protobuf::Message> message(
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
      std::string debug;
      if (message->ParseFromString(any.value()) &&
          google::protobuf::util::MessageToJsonString(*message, &debug).ok()) {
        detail["debug"] = nlohmann::json::parse(debug, nullptr, false);
      }
    }
    details.push_back(std::move(detail));
  }
  if (!details.empty()) error["details"] = std::move(details);
  return error.dump();
}

}  // namespace rinnalla::http
