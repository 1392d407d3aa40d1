#include "document.h"

#include <set>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "comments.h"
#include "http_route.h"

namespace rinnalla::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

constexpr const char* kJson = "application/json";
constexpr const char* kNdjson = "application/x-ndjson";

// Whether a message travels in a query string as one value (a Timestamp, a FieldMask...).
bool IsScalarInJson(const Descriptor& message) {
  Json schema = WellKnownSchema(message);
  return !schema.is_null() && schema.value("type", "") != "object";
}

// Moves a schema's description up to the parameter that holds it, as OpenAPI shows it.
Json ParameterOf(std::string name, const char* in, Json schema, bool required) {
  Json parameter = {{"name", std::move(name)}, {"in", in}};
  if (schema.contains("description")) {
    parameter["description"] = schema["description"];
    schema.erase("description");
  }
  schema.erase("readOnly");
  if (required) parameter["required"] = true;
  parameter["schema"] = std::move(schema);
  return parameter;
}

// The query parameters a request takes: every field the path and the body leave, nested
// messages spelled with dots in lowerCamelCase ("period.startTime"), as the HTTP layer reads them.
void AddQueryParameters(const Descriptor& message, const std::string& proto_prefix,
                        const std::string& json_prefix, const std::set<std::string>& taken,
                        SchemaSet& schemas, Json& parameters) {
  for (int i = 0; i < message.field_count(); ++i) {
    const FieldDescriptor& field = *message.field(i);
    std::string proto_path = proto_prefix + field.name();
    std::string json_path = json_prefix + field.json_name();
    if (taken.contains(proto_path)) continue;
    const Descriptor* nested = field.message_type();
    if (nested != nullptr && !IsScalarInJson(*nested)) {
      // Repeated messages have no query form; depth bounds recursive messages.
      if (field.is_repeated() || std::count(proto_path.begin(), proto_path.end(), '.') >= 3) {
        continue;
      }
      AddQueryParameters(*nested, proto_path + ".", json_path + ".", taken, schemas, parameters);
      continue;
    }
    Json parameter = ParameterOf(json_path, "query", schemas.Field(field), false);
    if (field.is_repeated()) parameter["explode"] = true;
    parameters.push_back(std::move(parameter));
  }
}

// The error responses every operation may give; their body is the `Error` schema.
Json ErrorResponses() {
  auto error = [](const char* description) {
    return Json{{"description", description},
                {"content", {{kJson, {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  };
  return {
      {"BadRequest",
       error("INVALID_ARGUMENT (a google.rpc.BadRequest names each field), FAILED_PRECONDITION "
             "or OUT_OF_RANGE; nothing was written. An unparseable body is INVALID_ARGUMENT.")},
      {"Unauthenticated", error("UNAUTHENTICATED: no bearer token, or one that is not valid.")},
      {"PermissionDenied",
       error("PERMISSION_DENIED: the caller may not do this, the same whether the resource "
             "exists or not.")},
      {"NotFound", error("NOT_FOUND.")},
      {"Conflict",
       error("ALREADY_EXISTS (e.g. a request id reused for another request) or ABORTED (a stale "
             "etag).")},
      {"Error",
       error("Any other error: 429 RESOURCE_EXHAUSTED and 503 UNAVAILABLE (with Retry-After), "
             "499 CANCELLED, 500 INTERNAL, 501 UNIMPLEMENTED, 504 DEADLINE_EXCEEDED.")},
  };
}

// The error body: google.rpc.Status as JSON, its details typed by `@type`.
Json ErrorSchema(SchemaSet& schemas, const google::protobuf::DescriptorPool& pool) {
  Json details = Json::array();
  for (const char* type : {"google.rpc.ErrorInfo", "google.rpc.BadRequest"}) {
    const Descriptor* detail = pool.FindMessageTypeByName(type);
    if (detail == nullptr) continue;
    details.push_back(
        {{"allOf",
          {{{"type", "object"},
            {"properties", {{"@type", {{"const", std::string("type.googleapis.com/") + type}}}}},
            {"required", {"@type"}}},
           schemas.Message(*detail)}}});
  }
  Json schema = {
      {"description",
       "The error body of every REST call: the call's google.rpc.Status. `code` is the gRPC "
       "code, `message` never holds personal data, `details` carry a google.rpc.ErrorInfo "
       "(`reason`, UPPER_SNAKE, and `metadata` with the facts) and, for bad input, a "
       "google.rpc.BadRequest naming each field."},
      {"type", "object"},
      {"properties",
       {{"code", {{"type", "integer"}, {"format", "int32"}, {"description", "The gRPC code."}}},
        {"message", {{"type", "string"}}},
        {"details", {{"type", "array"}, {"items", {{"anyOf", std::move(details)}}}}}}}};
  return schema;
}

// The media type of a response field sent as the body itself: a sibling `content_type` field
// whose comment quotes it (ExportCarePlanResponse: "application/fhir+json").
std::string MediaTypeOf(const Descriptor& response) {
  const FieldDescriptor* content_type = response.FindFieldByName("content_type");
  if (content_type == nullptr) return "application/octet-stream";
  std::string comment = CommentOf(*content_type);
  size_t open = comment.find('"');
  size_t close = comment.find('"', open + 1);
  if (open == std::string::npos || close == std::string::npos) return "application/octet-stream";
  return comment.substr(open + 1, close - open - 1);
}

Json SuccessResponse(const MethodDescriptor& method, const HttpRoute& route, SchemaSet& schemas) {
  const Descriptor& output = *method.output_type();
  Json content;
  if (method.server_streaming()) {
    Json line = {{"type", "object"},
                 {"description",
                  "One line per message: `{\"result\": ...}`, `{\"error\": Status}` last when "
                  "the stream ends with an error; empty lines keep the connection alive."},
                 {"properties",
                  {{"result", schemas.Message(output)},
                   {"error", {{"$ref", "#/components/schemas/Error"}}}}}};
    content[kNdjson] = {{"schema", std::move(line)}};
    content["text/event-stream"] = {
        {"schema",
         {{"type", "string"},
          {"description",
           "With `Accept: text/event-stream`: Server-Sent Events, each `data:` line one JSON "
           "object as in the NDJSON form."}}}};
  } else if (!route.response_body.empty()) {
    const FieldDescriptor* field = output.FindFieldByName(route.response_body);
    std::string media_type = MediaTypeOf(output);
    bool json = media_type.find("json") != std::string::npos;
    Json schema = json ? Json{{"type", "object"}} : Json{{"type", "string"}};
    if (field != nullptr && !CommentOf(*field).empty()) schema["description"] = CommentOf(*field);
    content[media_type] = {{"schema", std::move(schema)}};
  } else {
    content[kJson] = {{"schema", schemas.Message(output)}};
  }
  std::string description = CommentOf(output);
  if (description.empty()) description = output.name();
  return {{"description", description}, {"content", std::move(content)}};
}

std::optional<Json> RequestBody(const MethodDescriptor& method, const HttpRoute& route,
                                SchemaSet& schemas, std::string& error) {
  if (route.body.empty()) return std::nullopt;
  Json schema;
  std::string description;
  if (route.body == "*") {
    schema = schemas.Message(*method.input_type());
    if (!route.path_fields.empty()) {
      description =
          "The request; " + absl::StrJoin(route.path_fields, ", ") + " come from the path.";
    }
  } else {
    const FieldDescriptor* field = FieldAt(*method.input_type(), route.body);
    if (field == nullptr || field->message_type() == nullptr) {
      error = method.full_name() + ": body \"" + route.body + "\" is no message field";
      return std::nullopt;
    }
    schema = schemas.Message(*field->message_type());
    description = CommentOf(*field);
  }
  Json content;
  if (method.client_streaming()) {
    Json array = {{"type", "array"}, {"items", schema}};
    content[kJson] = {{"schema", std::move(array)}};
    content[kNdjson] = {{"schema", std::move(schema)}};
    description =
        "The requests, as a JSON array or as NDJSON (one request per line); one result "
        "each, in order.";
  } else {
    content[kJson] = {{"schema", std::move(schema)}};
  }
  Json body = {{"required", true}, {"content", std::move(content)}};
  if (!description.empty()) body["description"] = description;
  return body;
}

Json Operation(const MethodDescriptor& method, const HttpRoute& route, const std::string& id,
               SchemaSet& schemas, std::string& error) {
  const Descriptor& input = *method.input_type();
  Json parameters = Json::array();
  std::set<std::string> taken(route.path_fields.begin(), route.path_fields.end());
  for (const PathParameter& parameter : route.parameters) {
    const FieldDescriptor* field = FieldAt(input, parameter.field);
    if (field == nullptr || field->type() != FieldDescriptor::TYPE_STRING) {
      error = method.full_name() + ": path variable {" + parameter.field + "} is no string field";
      return nullptr;
    }
    Json schema = {{"type", "string"},
                   {"description", "A part of `" + parameter.field + "`, the resource name."}};
    parameters.push_back(ParameterOf(parameter.name, "path", std::move(schema), true));
  }
  if (route.body != "*") {
    if (!route.body.empty()) taken.insert(route.body);
    AddQueryParameters(input, "", "", taken, schemas, parameters);
  }
  std::string grpc_name = "/" + method.service()->full_name() + "/" + method.name();
  std::string description = CommentOf(method);
  description += (description.empty() ? "" : "\n\n") + std::string("The RPC ") + grpc_name +
                 " (gRPC; Connect: `POST " + grpc_name + "`).";
  Json operation = {{"operationId", id},
                    {"summary", method.name()},
                    {"description", description},
                    {"tags", {method.service()->name()}}};
  if (!parameters.empty()) operation["parameters"] = std::move(parameters);
  if (auto body = RequestBody(method, route, schemas, error)) operation["requestBody"] = *body;
  if (!error.empty()) return nullptr;
  auto ref = [](const char* name) {
    return Json{{"$ref", std::string("#/components/responses/") + name}};
  };
  operation["responses"] = {{"200", SuccessResponse(method, route, schemas)},
                            {"400", ref("BadRequest")},
                            {"401", ref("Unauthenticated")},
                            {"403", ref("PermissionDenied")},
                            {"404", ref("NotFound")},
                            {"409", ref("Conflict")},
                            {"default", ref("Error")}};
  return operation;
}

std::string Lower(std::string verb) {
  for (char& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return verb;
}

}  // namespace

DocumentOrError OpenApiDocument(const std::vector<const FileDescriptor*>& files) {
  SchemaSet schemas;
  Json paths = Json::object();
  Json tags = Json::array();
  std::set<std::string> operation_ids;
  std::string error;
  for (const FileDescriptor* file : files) {
    for (int s = 0; s < file->service_count(); ++s) {
      const ServiceDescriptor& service = *file->service(s);
      Json tag = {{"name", service.name()}};
      if (std::string comment = CommentOf(service); !comment.empty()) tag["description"] = comment;
      tags.push_back(std::move(tag));
      for (int m = 0; m < service.method_count(); ++m) {
        const MethodDescriptor& method = *service.method(m);
        std::vector<HttpRoute> routes = RoutesOf(method);
        for (size_t i = 0; i < routes.size(); ++i) {
          std::string id = method.name() + (i == 0 ? "" : "_" + std::to_string(i + 1));
          if (!operation_ids.insert(id).second) return {nullptr, "two operations " + id};
          Json operation = Operation(method, routes[i], id, schemas, error);
          if (!error.empty()) return {nullptr, error};
          Json& item = paths[routes[i].openapi_path];
          std::string verb = Lower(routes[i].verb);
          if (item.contains(verb)) {
            return {nullptr, routes[i].verb + " " + routes[i].openapi_path + " twice"};
          }
          item[verb] = std::move(operation);
        }
      }
    }
  }
  const google::protobuf::DescriptorPool& pool = *files.front()->pool();
  Json components_schemas = {{"Error", ErrorSchema(schemas, pool)}};
  Json referred = schemas.Components();
  for (auto& [name, schema] : referred.items()) components_schemas[name] = std::move(schema);

  Json document = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Rinnalla API"},
        {"version", "v1"},
        {"summary", "Experience guidance in adult social work: the REST surface of rinnalla.v1."},
        {"description",
         "The same RPCs as over gRPC, with the same authentication, rules, access log and "
         "errors. JSON follows protobuf's JSON mapping: lowerCamelCase names, enums by name, "
         "RFC 3339 times, 64-bit integers as strings. Generated from the protos; see "
         "docs/rest.md for how a record system connects."}}},
      {"servers",
       {{{"url", "http://127.0.0.1:8080"},
         {"description", "The local run; in production, the organization's own address."}}}},
      {"security", {{{"bearerAuth", Json::array()}}}},
      {"tags", std::move(tags)},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"bearerAuth",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"bearerFormat", "JWT"},
            {"description",
             "A JWT (ES256 or RS256) with the claims sub, org, role, exp, iat, iss and aud."}}}}},
        {"responses", ErrorResponses()},
        {"schemas", std::move(components_schemas)}}}};
  return {std::move(document), ""};
}

}  // namespace rinnalla::openapi
