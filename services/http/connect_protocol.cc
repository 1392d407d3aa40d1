#include "connect_protocol.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "errors.h"
#include "http_status.h"
#include "json_message.h"

namespace rinnalla::http {
namespace {

using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

constexpr uint8_t kCompressed = 0x01;
constexpr uint8_t kEndStream = 0x02;

// Bytes that are no message of any type (field number 0), for a client stream's element that
// could not be read: its handler gives it an error result at its position.
const std::string kNotAMessage(1, '\0');

enum class Codec { kJson, kProto };

// "application/json; charset=utf-8" → "application/json".
std::string MediaTypeOf(const httplib::Request& request) {
  std::string type = request.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(type));
}

std::string Envelope(uint8_t flags, const std::string& data) {
  std::string out;
  out.reserve(5 + data.size());
  out.push_back(static_cast<char>(flags));
  const uint32_t size = static_cast<uint32_t>(data.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(size >> shift));
  out += data;
  return out;
}

// The messages of an enveloped request body; nullopt when the envelopes are broken.
std::optional<std::vector<std::string>> Unenvelope(absl::string_view body, bool& compressed) {
  std::vector<std::string> messages;
  while (!body.empty()) {
    if (body.size() < 5) return std::nullopt;
    const uint8_t flags = static_cast<uint8_t>(body[0]);
    uint32_t size = 0;
    for (int i = 1; i <= 4; ++i) size = (size << 8) | static_cast<uint8_t>(body[i]);
    if (body.size() - 5 < size) return std::nullopt;
    compressed = compressed || (flags & kCompressed);
    messages.emplace_back(body.substr(5, size));
    body.remove_prefix(5 + size);
  }
  return messages;
}

std::string EndOfStream(const grpc::Status& status, const std::string& request_id) {
  nlohmann::json end = nlohmann::json::object();
  if (!status.ok()) end["error"] = nlohmann::json::parse(ConnectErrorJson(status));
  if (!request_id.empty()) end["metadata"] = {{"x-request-id", {request_id}}};
  return Envelope(kEndStream, end.dump());
}

// A request as bytes for the call, from its JSON or binary form.
absl::StatusOr<std::string> RequestBytes(const MethodDescriptor& method, Codec codec,
                                         absl::string_view data) {
  std::unique_ptr<Message> message = NewMessage(*method.input_type());
  if (codec == Codec::kJson) {
    if (absl::Status parsed = ParseJson(data.empty() ? "{}" : data, *message); !parsed.ok()) {
      return parsed;
    }
    return message->SerializeAsString();
  }
  if (!message->ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return absl::InvalidArgumentError(
        absl::StrCat("the body is not a ", method.input_type()->full_name()));
  }
  return std::string(data);
}

std::string ResponseIn(const MethodDescriptor& method, Codec codec, const std::string& bytes) {
  if (codec == Codec::kProto) return bytes;
  std::unique_ptr<Message> message = NewMessage(*method.output_type());
  message->ParseFromString(bytes);
  return PrintJson(*message);
}

void WriteUnaryError(const grpc::Status& status, httplib::Response& response) {
  response.status = HttpStatusOf(status.error_code());
  SetRetryAfter(status, response);
  response.set_content(ConnectErrorJson(status), "application/json");
}

void ServeUnary(Gateway& gateway, const MethodDescriptor& method, Codec codec,
                const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<CallMetadata> metadata = gateway.MetadataOf(request, false);
  if (!metadata.ok()) return WriteUnaryError(ToGrpcStatus(metadata.status()), response);
  absl::StatusOr<std::string> bytes = RequestBytes(method, codec, request.body);
  if (!bytes.ok()) return WriteUnaryError(ToGrpcStatus(bytes.status()), response);
  std::unique_ptr<InProcessCall> call = gateway.Start(method, *metadata, {*bytes});
  std::string message;
  std::optional<std::string> answer;
  while (call->Read(message) == InProcessCall::Next::kMessage) answer = std::move(message);
  SetCallHeaders(*call, response);
  if (!call->status().ok()) return WriteUnaryError(call->status(), response);
  response.set_content(ResponseIn(method, codec, answer.value_or("")),
                       codec == Codec::kJson ? "application/json" : "application/proto");
}

void ServeStream(Gateway& gateway, const MethodDescriptor& method, Codec codec,
                 const httplib::Request& request, httplib::Response& response) {
  const std::string content_type =
      codec == Codec::kJson ? "application/connect+json" : "application/connect+proto";
  auto refuse = [&](const grpc::Status& status) {
    response.set_content(EndOfStream(status, ""), content_type);
  };
  absl::StatusOr<CallMetadata> metadata = gateway.MetadataOf(request, method.server_streaming());
  if (!metadata.ok()) return refuse(ToGrpcStatus(metadata.status()));
  if (std::string encoding = request.get_header_value("Connect-Content-Encoding");
      !encoding.empty() && encoding != "identity") {
    return refuse(HttpError(absl::StatusCode::kUnimplemented, "UNSUPPORTED_ENCODING",
                            "messages are not compressed by this server (identity only)"));
  }
  bool compressed = false;
  std::optional<std::vector<std::string>> messages = Unenvelope(request.body, compressed);
  if (!messages || compressed) {
    return refuse(HttpError(absl::StatusCode::kInvalidArgument, "MALFORMED_ENVELOPE",
                            "the body is not a stream of uncompressed Connect envelopes"));
  }
  if (!method.client_streaming() && messages->size() != 1) {
    return refuse(HttpError(absl::StatusCode::kInvalidArgument, "MALFORMED_ENVELOPE",
                            "a server stream takes exactly one request"));
  }
  std::vector<std::string> requests;
  for (const std::string& data : *messages) {
    absl::StatusOr<std::string> bytes = RequestBytes(method, codec, data);
    if (!bytes.ok() && !method.client_streaming()) return refuse(ToGrpcStatus(bytes.status()));
    requests.push_back(bytes.ok() ? *std::move(bytes) : kNotAMessage);
  }
  StreamFormat format{
      [&method, codec](const std::string& bytes) {
        return Envelope(0, ResponseIn(method, codec, bytes));
      },
      "",  // Connect has no keepalive message
      [](const InProcessCall& call) { return EndOfStream(call.status(), call.request_id()); }};
  gateway.Stream(gateway.Start(method, *metadata, requests), std::nullopt, content_type,
                 std::move(format), response);
}

}  // namespace

void ServeConnect(Gateway& gateway, const MethodDescriptor& method, const httplib::Request& request,
                  httplib::Response& response) {
  const std::string media_type = MediaTypeOf(request);
  const bool streaming = method.client_streaming() || method.server_streaming();
  if (!streaming && (media_type == "application/json" || media_type == "application/proto")) {
    return ServeUnary(gateway, method,
                      media_type == "application/json" ? Codec::kJson : Codec::kProto, request,
                      response);
  }
  if (streaming &&
      (media_type == "application/connect+json" || media_type == "application/connect+proto")) {
    return ServeStream(gateway, method,
                       media_type == "application/connect+json" ? Codec::kJson : Codec::kProto,
                       request, response);
  }
  response.status = 415;
  response.set_header("Accept-Post", streaming
                                         ? "application/connect+json, application/connect+proto"
                                         : "application/json, application/proto");
  response.set_content(
      ConnectErrorJson(HttpError(absl::StatusCode::kInvalidArgument, "UNSUPPORTED_MEDIA_TYPE",
                                 streaming ? "a stream takes application/connect+json or "
                                             "application/connect+proto"
                                           : "a unary call takes application/json or "
                                             "application/proto")),
      "application/json");
}

}  // namespace rinnalla::http
