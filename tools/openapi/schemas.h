// JSON Schemas of protobuf messages and enums as protobuf's JSON mapping writes them:
// lowerCamelCase names, enums by name, Timestamps as RFC 3339 strings, 64-bit integers as
// strings, well-known types as their JSON forms, comments as descriptions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "google/protobuf/descriptor.h"

namespace rinnalla::openapi {

using Json = nlohmann::ordered_json;

// The schemas a document refers to. Asking for a reference adds the message or enum (and, when
// the components are written, everything it refers to). Not thread-safe.
class SchemaSet {
 public:
  // A schema for a message: its well-known JSON form, or a $ref to its component.
  Json Message(const google::protobuf::Descriptor& message);
  // The schema of one field's value, with the field's comment as its description.
  Json Field(const google::protobuf::FieldDescriptor& field);
  // The schema of one field's value without repetition (the element of a repeated field).
  Json Value(const google::protobuf::FieldDescriptor& field);

  // The components named by full name ("rinnalla.v1.Guide"), sorted by name.
  Json Components();

  // Where a message's or enum's component is referred to: "#/components/schemas/<full name>".
  static std::string RefTo(const std::string& full_name);

 private:
  Json Enum(const google::protobuf::EnumDescriptor& enumeration);
  Json MessageComponent(const google::protobuf::Descriptor& message);
  Json EnumComponent(const google::protobuf::EnumDescriptor& enumeration);

  std::map<std::string, const google::protobuf::Descriptor*> messages_;
  std::map<std::string, const google::protobuf::EnumDescriptor*> enums_;
};

// The JSON form of a well-known type that protobuf's JSON mapping writes as a scalar or a plain
// object (Timestamp, Duration, FieldMask, the wrappers, Struct, Value, Any...); null otherwise.
Json WellKnownSchema(const google::protobuf::Descriptor& message);

}  // namespace rinnalla::openapi
