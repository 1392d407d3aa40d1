#include "rest_request.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "json_message.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

absl::Status BadParameter(absl::string_view name, absl::string_view why) {
  return WithReason(absl::InvalidArgumentError(absl::StrCat("query parameter `", name, "`: ", why)),
                    "INVALID_QUERY_PARAMETER");
}

// The field of `message` named `name` as in the proto or in JSON (lowerCamel).
const FieldDescriptor* FieldNamed(const Descriptor& message, absl::string_view name) {
  if (const FieldDescriptor* field = message.FindFieldByName(std::string(name))) return field;
  for (int i = 0; i < message.field_count(); ++i) {
    if (message.field(i)->json_name() == name) return message.field(i);
  }
  return nullptr;
}

// Well-known messages written as one JSON string.
bool IsStringLike(const Descriptor& message) {
  const std::string& name = message.full_name();
  return name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration" ||
         name == "google.protobuf.FieldMask" ||
         (absl::StartsWith(name, "google.protobuf.") && absl::EndsWith(name, "Value"));
}

// update_mask=display_name,languages → "displayName,languages", as JSON's FieldMask reads it.
std::string CamelPaths(absl::string_view paths) {
  std::string out;
  bool upper = false;
  for (char c : paths) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out.push_back(upper ? absl::ascii_toupper(c) : c);
    upper = false;
  }
  return out;
}

// The JSON value of one parameter for a scalar (or string-like) field.
nlohmann::json ValueFor(const FieldDescriptor& field, const std::string& text) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      if (text == "true") return true;
      if (text == "false") return false;
      return text;  // refused by the parser, naming the field
    case FieldDescriptor::CPPTYPE_ENUM: {
      int number = 0;
      if (!text.empty() && absl::SimpleAtoi(text, &number)) return number;
      return text;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.message_type()->full_name() == "google.protobuf.FieldMask") return CamelPaths(text);
      return text;
    default:
      return text;  // numbers as strings are numbers in protobuf's JSON
  }
}

absl::Status SetField(const Descriptor& type, absl::string_view dotted, const std::string& value,
                      nlohmann::json& root) {
  const Descriptor* message = &type;
  nlohmann::json* node = &root;
  std::vector<absl::string_view> names = absl::StrSplit(dotted, '.');
  for (size_t i = 0; i < names.size(); ++i) {
    const FieldDescriptor* field = message ? FieldNamed(*message, names[i]) : nullptr;
    if (field == nullptr) return BadParameter(dotted, "no such field");
    const bool last = i + 1 == names.size();
    const bool message_field = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                               !IsStringLike(*field->message_type());
    if (last == message_field || (!last && field->is_repeated())) {
      return BadParameter(dotted, last ? "is a message: give its fields (a.b=...)"
                                       : "a repeated message cannot be set from the query");
    }
    nlohmann::json& slot = (*node)[field->json_name()];
    if (!last) {
      node = &slot;
      message = field->message_type();
      continue;
    }
    if (field->is_repeated()) {
      if (!slot.is_array()) slot = nlohmann::json::array();
      slot.push_back(ValueFor(*field, value));
    } else {
      if (!slot.is_null()) return BadParameter(dotted, "given twice");
      slot = ValueFor(*field, value);
    }
  }
  return absl::OkStatus();
}

// The proto names of the top-level fields a JSON object sets, but for the resource's identity and
// version (`name`, `etag`), which a PATCH names without changing.
absl::StatusOr<std::vector<std::string>> FieldsNamedBy(absl::string_view body,
                                                       const Descriptor& type) {
  nlohmann::json object = nlohmann::json::parse(body, nullptr, false);
  std::vector<std::string> fields;
  if (!object.is_object()) return fields;  // the parse of the body has said what is wrong
  for (const auto& [key, value] : object.items()) {
    const FieldDescriptor* field = FieldNamed(type, key);
    if (field == nullptr || field->name() == "name" || field->name() == "etag") continue;
    fields.push_back(field->name());
  }
  return fields;
}

const FieldDescriptor* UpdateMaskField(const Descriptor& request) {
  const FieldDescriptor* field = request.FindFieldByName("update_mask");
  if (field == nullptr || field->message_type() == nullptr ||
      field->message_type()->full_name() != "google.protobuf.FieldMask") {
    return nullptr;
  }
  return field;
}

}  // namespace

absl::StatusOr<std::string> FieldsJson(const Descriptor& type, const PathBindings& bindings,
                                       const QueryParameters& query) {
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [path, value] : bindings) {
    if (absl::Status set = SetField(type, path, value, fields); !set.ok()) return set;
  }
  for (const auto& [name, value] : query) {
    // A path variable is the resource's name; the query cannot say another.
    bool bound = false;
    for (const auto& [path, unused] : bindings) bound = bound || path == name;
    if (bound) return BadParameter(name, "is given by the path");
    if (absl::Status set = SetField(type, name, value, fields); !set.ok()) return set;
  }
  return fields.dump();
}

absl::Status BuildRestRequest(const RestRoute& route, const PathBindings& bindings,
                              const QueryParameters& query, absl::string_view body,
                              google::protobuf::Message& request) {
  const Descriptor& type = *request.GetDescriptor();
  const bool has_body = !absl::StripAsciiWhitespace(body).empty();
  if (route.body == "*") {
    if (has_body) {
      if (absl::Status parsed = ParseJson(body, request); !parsed.ok()) return parsed;
    }
  } else if (!route.body.empty() && has_body) {
    const FieldDescriptor* field = type.FindFieldByName(route.body);
    google::protobuf::Message* target = request.GetReflection()->MutableMessage(&request, field);
    if (absl::Status parsed = ParseJson(body, *target); !parsed.ok()) return parsed;
  }
  absl::StatusOr<std::string> fields = FieldsJson(type, bindings, query);
  if (!fields.ok()) return fields.status();
  std::unique_ptr<google::protobuf::Message> from_url = NewMessage(type);
  if (absl::Status parsed = ParseJson(*fields, *from_url, "the query"); !parsed.ok()) {
    return WithReason(parsed, "INVALID_QUERY_PARAMETER");
  }
  request.MergeFrom(*from_url);

  // AIP-134: a PATCH that names no update mask changes the fields its body sets.
  const FieldDescriptor* mask = UpdateMaskField(type);
  if (route.http_method == "PATCH" && mask != nullptr && has_body && route.body != "*" &&
      !route.body.empty() && !request.GetReflection()->HasField(request, mask)) {
    const FieldDescriptor* body_field = type.FindFieldByName(route.body);
    absl::StatusOr<std::vector<std::string>> named =
        FieldsNamedBy(body, *body_field->message_type());
    if (!named.ok()) return named.status();
    if (named->empty()) {
      return WithReason(absl::InvalidArgumentError(
                            absl::StrCat("the body sets no field of ", route.body, " to update")),
                        "INVALID_FIELD");
    }
    auto* field_mask = request.GetReflection()->MutableMessage(&request, mask);
    const FieldDescriptor* paths = field_mask->GetDescriptor()->FindFieldByName("paths");
    for (const std::string& path : *named) {
      field_mask->GetReflection()->AddString(field_mask, paths, path);
    }
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::http
