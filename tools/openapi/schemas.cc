#include "schemas.h"

#include "comments.h"

namespace rinnalla::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

Json WithDescription(Json schema, const std::string& description) {
  if (!description.empty()) schema["description"] = description;
  return schema;
}

}  // namespace

Json WellKnownSchema(const Descriptor& message) {
  const std::string& name = message.full_name();
  if (name == "google.protobuf.Timestamp") {
    return {{"type", "string"}, {"format", "date-time"}, {"examples", {"2024-05-02T09:30:00Z"}}};
  }
  if (name == "google.protobuf.Duration") {
    return {{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$"}, {"examples", {"3.5s"}}};
  }
  if (name == "google.protobuf.FieldMask") {
    return {{"type", "string"},
            {"description", "Field paths in lowerCamelCase, separated by commas."},
            {"examples", {"displayName,languages"}}};
  }
  if (name == "google.protobuf.Empty") return {{"type", "object"}};
  if (name == "google.protobuf.Struct") {
    return {{"type", "object"}, {"additionalProperties", true}};
  }
  if (name == "google.protobuf.Value") return Json::object();
  if (name == "google.protobuf.ListValue") return {{"type", "array"}, {"items", Json::object()}};
  if (name == "google.protobuf.Any") {
    return {{"type", "object"},
            {"properties", {{"@type", {{"type", "string"}}}}},
            {"required", {"@type"}},
            {"additionalProperties", true}};
  }
  if (message.file()->name() == "google/protobuf/wrappers.proto") {
    SchemaSet scalars;  // a wrapper is its `value` field
    return scalars.Value(*message.FindFieldByName("value"));
  }
  return nullptr;
}

std::string SchemaSet::RefTo(const std::string& full_name) {
  return "#/components/schemas/" + full_name;
}

Json SchemaSet::Message(const Descriptor& message) {
  Json well_known = WellKnownSchema(message);
  if (!well_known.is_null()) return well_known;
  messages_.emplace(message.full_name(), &message);
  return {{"$ref", RefTo(message.full_name())}};
}

Json SchemaSet::Enum(const EnumDescriptor& enumeration) {
  enums_.emplace(enumeration.full_name(), &enumeration);
  return {{"$ref", RefTo(enumeration.full_name())}};
}

Json SchemaSet::Value(const FieldDescriptor& field) {
  switch (field.type()) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      return {{"type", "integer"}, {"format", "int32"}};
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      return {{"type", "integer"}, {"minimum", 0}, {"maximum", 4294967295u}};
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
      return {{"type", "string"}, {"format", "int64"}, {"pattern", "^-?[0-9]+$"}};
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      return {{"type", "string"}, {"format", "uint64"}, {"pattern", "^[0-9]+$"}};
    case FieldDescriptor::TYPE_DOUBLE:
      return {{"type", "number"}, {"format", "double"}};
    case FieldDescriptor::TYPE_FLOAT:
      return {{"type", "number"}, {"format", "float"}};
    case FieldDescriptor::TYPE_BOOL:
      return {{"type", "boolean"}};
    case FieldDescriptor::TYPE_STRING:
      return {{"type", "string"}};
    case FieldDescriptor::TYPE_BYTES:
      return {{"type", "string"}, {"contentEncoding", "base64"}};
    case FieldDescriptor::TYPE_ENUM:
      return Enum(*field.enum_type());
    case FieldDescriptor::TYPE_MESSAGE:
    case FieldDescriptor::TYPE_GROUP:
      return Message(*field.message_type());
  }
  return Json::object();
}

Json SchemaSet::Field(const FieldDescriptor& field) {
  std::string description = CommentOf(field);
  Json schema;
  if (field.is_map()) {
    schema = {{"type", "object"},
              {"additionalProperties", Value(*field.message_type()->map_value())}};
  } else if (field.is_repeated()) {
    schema = {{"type", "array"}, {"items", Value(field)}};
  } else {
    schema = Value(field);
  }
  if (IsOutputOnly(description)) schema["readOnly"] = true;
  return WithDescription(std::move(schema), description);
}

Json SchemaSet::MessageComponent(const Descriptor& message) {
  Json properties = Json::object();
  for (int i = 0; i < message.field_count(); ++i) {
    const FieldDescriptor& field = *message.field(i);
    Json schema = Field(field);
    if (field.real_containing_oneof() != nullptr) {
      std::string note = "One of `" + field.real_containing_oneof()->name() + "`.";
      schema["description"] = schema.contains("description")
                                  ? schema["description"].get<std::string>() + " " + note
                                  : note;
    }
    properties[field.json_name()] = std::move(schema);
  }
  Json schema = {{"type", "object"}, {"properties", std::move(properties)}};
  return WithDescription(std::move(schema), CommentOf(message));
}

Json SchemaSet::EnumComponent(const EnumDescriptor& enumeration) {
  Json names = Json::array();
  std::string description = CommentOf(enumeration);
  for (int i = 0; i < enumeration.value_count(); ++i) {
    const auto& value = *enumeration.value(i);
    names.push_back(value.name());
    std::string comment = CommentOf(value);
    description += (description.empty() && i == 0 ? ""
                    : i == 0                      ? "\n\n"
                                                  : "\n") +
                   std::string("- `") + value.name() + "`" +
                   (comment.empty() ? "" : ": " + comment);
  }
  Json schema = {{"type", "string"}, {"enum", std::move(names)}};
  return WithDescription(std::move(schema), description);
}

Json SchemaSet::Components() {
  std::map<std::string, Json> written;
  // Writing a component can refer to more: go on until nothing new is referred to.
  for (bool more = true; more;) {
    more = false;
    for (auto [name, message] : std::map(messages_)) {
      if (written.contains(name)) continue;
      written[name] = MessageComponent(*message);
      more = true;
    }
    for (auto [name, enumeration] : std::map(enums_)) {
      if (written.contains(name)) continue;
      written[name] = EnumComponent(*enumeration);
      more = true;
    }
  }
  Json components = Json::object();
  for (auto& [name, schema] : written) components[name] = std::move(schema);
  return components;
}

}  // namespace rinnalla::openapi
