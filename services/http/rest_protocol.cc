#include "rest_protocol.h"

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "errors.h"
#include "http_status.h"
#include "json_message.h"
#include "rest_request.h"

namespace rinnalla::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// Bytes that are no message of any type (field number 0): a client stream's element that was not
// its request message reaches the handler as such and gets its error result at its position.
const std::string kNotAMessage(1, '\0');

QueryParameters QueryOf(const httplib::Request& request) {
  return QueryParameters(request.params.begin(), request.params.end());
}

// A client stream's body: a JSON array of requests, or one request per line (NDJSON).
absl::StatusOr<std::vector<std::string>> StreamedRequests(const Descriptor& type,
                                                          absl::string_view body) {
  std::vector<std::string> texts;
  absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(body);
  if (absl::StartsWith(trimmed, "[")) {
    nlohmann::json array = nlohmann::json::parse(trimmed, nullptr, false);
    if (!array.is_array()) return absl::InvalidArgumentError("not a JSON array");
    for (const nlohmann::json& element : array) texts.push_back(element.dump());
  } else {
    for (absl::string_view line : absl::StrSplit(body, '\n')) {
      if (!absl::StripAsciiWhitespace(line).empty()) texts.emplace_back(line);
    }
  }
  std::vector<std::string> requests;
  for (const std::string& text : texts) {
    std::unique_ptr<Message> request = NewMessage(type);
    requests.push_back(ParseJson(text, *request).ok() ? request->SerializeAsString()
                                                      : kNotAMessage);
  }
  return requests;
}

// A response that is a document of its own: a `content_type` and one text (or bytes) field.
std::optional<std::pair<std::string, std::string>> DocumentOf(const Message& response) {
  const Descriptor& type = *response.GetDescriptor();
  const FieldDescriptor* content_type = type.FindFieldByName("content_type");
  if (content_type == nullptr || type.field_count() != 2 ||
      content_type->type() != FieldDescriptor::TYPE_STRING) {
    return std::nullopt;
  }
  const FieldDescriptor* text = type.field(type.field(0) == content_type ? 1 : 0);
  if (text->is_repeated() || (text->type() != FieldDescriptor::TYPE_STRING &&
                              text->type() != FieldDescriptor::TYPE_BYTES)) {
    return std::nullopt;
  }
  const auto* reflection = response.GetReflection();
  return std::make_pair(reflection->GetString(response, content_type),
                        reflection->GetString(response, text));
}

void WriteResponse(const RestRoute& route, const std::string& bytes, httplib::Response& response) {
  std::unique_ptr<Message> message = NewMessage(*route.method->output_type());
  message->ParseFromString(bytes);
  if (!route.response_body.empty()) {
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(route.response_body);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated()) {
      response.set_content(PrintJson(message->GetReflection()->GetMessage(*message, field)),
                           "application/json");
      return;
    }
  }
  if (auto document = DocumentOf(*message); document && !document->first.empty()) {
    response.set_content(document->second, document->first);
    return;
  }
  response.set_content(PrintJson(*message), "application/json");
}

StreamFormat StreamFormatFor(const MethodDescriptor& method, bool events) {
  auto print = [&method](const std::string& bytes) {
    std::unique_ptr<Message> message = NewMessage(*method.output_type());
    message->ParseFromString(bytes);
    return PrintJson(*message);
  };
  if (events) {
    return {[print](const std::string& bytes) {
              return absl::StrCat("data: {\"result\":", print(bytes), "}\n\n");
            },
            ": keepalive\n\n",
            [](const InProcessCall& call) -> std::string {
              if (call.status().ok()) return "";
              return absl::StrCat("event: error\ndata: {\"error\":", RestErrorJson(call.status()),
                                  "}\n\n");
            }};
  }
  return {[print](const std::string& bytes) {
            return absl::StrCat("{\"result\":", print(bytes), "}\n");
          },
          "\n",
          [](const InProcessCall& call) -> std::string {
            if (call.status().ok()) return "";
            return absl::StrCat("{\"error\":", RestErrorJson(call.status()), "}\n");
          }};
}

}  // namespace

void WriteRestError(const grpc::Status& status, httplib::Response& response) {
  response.status = HttpStatusOf(status.error_code());
  SetRetryAfter(status, response);
  response.set_content(RestErrorJson(status), "application/json");
}

void ServeRest(Gateway& gateway, const RestRoutes::Found& found, const httplib::Request& request,
               httplib::Response& response) {
  const RestRoute& route = *found.route;
  const MethodDescriptor& method = *route.method;
  absl::StatusOr<CallMetadata> metadata = gateway.MetadataOf(request, method.server_streaming());
  if (!metadata.ok()) return WriteRestError(ToGrpcStatus(metadata.status()), response);

  std::vector<std::string> requests;
  if (method.client_streaming()) {
    absl::StatusOr<std::vector<std::string>> streamed =
        StreamedRequests(*method.input_type(), request.body);
    if (!streamed.ok()) {
      return WriteRestError(
          HttpError(absl::StatusCode::kInvalidArgument, "MALFORMED_JSON",
                    absl::StrCat("the body is neither a JSON array of ",
                                 method.input_type()->full_name(), " nor one per line")),
          response);
    }
    requests = *std::move(streamed);
  } else {
    std::unique_ptr<Message> message = NewMessage(*method.input_type());
    absl::Status built =
        BuildRestRequest(route, found.bindings, QueryOf(request), request.body, *message);
    if (!built.ok()) return WriteRestError(ToGrpcStatus(built), response);
    requests.push_back(message->SerializeAsString());
  }

  std::unique_ptr<InProcessCall> call = gateway.Start(method, *metadata, requests);
  std::string message;
  if (method.server_streaming()) {
    // Wait a moment for the stream's first outcome, so a refused stream gets its status.
    InProcessCall::Next first = call->Read(message, gateway.settle_time());
    if (first == InProcessCall::Next::kDone && !call->status().ok()) {
      SetCallHeaders(*call, response);
      return WriteRestError(call->status(), response);
    }
    const bool events = absl::StrContains(request.get_header_value("Accept"), "text/event-stream");
    std::optional<std::string> pending;
    if (first == InProcessCall::Next::kMessage) pending = std::move(message);
    const std::string content_type = events ? "text/event-stream" : "application/x-ndjson";
    gateway.Stream(std::move(call), std::move(pending), content_type,
                   StreamFormatFor(method, events), response);
    return;
  }
  std::optional<std::string> answer;
  while (call->Read(message) == InProcessCall::Next::kMessage) answer = std::move(message);
  SetCallHeaders(*call, response);
  if (!call->status().ok()) return WriteRestError(call->status(), response);
  WriteResponse(route, answer.value_or(""), response);
}

}  // namespace rinnalla::http
