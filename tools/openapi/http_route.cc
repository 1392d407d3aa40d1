#include "http_route.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"

namespace rinnalla::openapi {
namespace {

using google::api::HttpRule;

// "organizations" -> "org" (as API.md writes it), "clients" -> "client".
std::string ParameterFor(absl::string_view collection) {
  if (collection == "organizations") return "org";
  if (absl::EndsWith(collection, "s")) collection.remove_suffix(1);
  return std::string(collection);
}

// The last segment of a dotted field path, as the JSON mapping writes it: "guide.name" -> "name".
std::string LastPart(absl::string_view dotted) {
  return std::string(dotted.substr(dotted.rfind('.') + 1));
}

HttpRoute RouteOf(const HttpRule& rule) {
  HttpRoute route;
  auto at = [&route](std::string verb, const std::string& path) {
    route.verb = std::move(verb);
    route.path_template = path;
  };
  switch (rule.pattern_case()) {
    case HttpRule::kGet:
      at("GET", rule.get());
      break;
    case HttpRule::kPut:
      at("PUT", rule.put());
      break;
    case HttpRule::kPost:
      at("POST", rule.post());
      break;
    case HttpRule::kDelete:
      at("DELETE", rule.delete_());
      break;
    case HttpRule::kPatch:
      at("PATCH", rule.patch());
      break;
    case HttpRule::kCustom:
      at(absl::AsciiStrToUpper(rule.custom().kind()), rule.custom().path());
      break;
    case HttpRule::PATTERN_NOT_SET:
      break;
  }
  route.body = rule.body();
  route.response_body = rule.response_body();
  ExpandPath(route);
  return route;
}

}  // namespace

void ExpandPath(HttpRoute& route) {
  route.openapi_path.clear();
  route.parameters.clear();
  route.path_fields.clear();
  absl::string_view rest = route.path_template;
  while (!rest.empty()) {
    size_t open = rest.find('{');
    absl::StrAppend(&route.openapi_path, rest.substr(0, open));
    if (open == absl::string_view::npos) break;
    size_t close = rest.find('}', open);
    if (close == absl::string_view::npos) close = rest.size();
    absl::string_view variable = rest.substr(open + 1, close - open - 1);
    rest.remove_prefix(std::min(close + 1, rest.size()));

    std::pair<absl::string_view, absl::string_view> field_and_pattern =
        absl::StrSplit(variable, absl::MaxSplits('=', 1));
    std::string field(field_and_pattern.first);
    route.path_fields.push_back(field);
    if (field_and_pattern.second.empty()) {
      route.openapi_path.append("{" + LastPart(field) + "}");
      route.parameters.push_back({LastPart(field), field});
      continue;
    }
    std::vector<std::string> segments;
    absl::string_view collection;
    for (absl::string_view segment : absl::StrSplit(field_and_pattern.second, '/')) {
      if (segment == "*" || segment == "**") {
        std::string name = collection.empty() ? LastPart(field) : ParameterFor(collection);
        segments.push_back("{" + name + "}");
        route.parameters.push_back({name, field});
      } else {
        segments.emplace_back(segment);
        collection = segment;
      }
    }
    route.openapi_path.append(absl::StrJoin(segments, "/"));
  }
}

const google::protobuf::FieldDescriptor* FieldAt(const google::protobuf::Descriptor& message,
                                                 absl::string_view dotted) {
  const google::protobuf::Descriptor* at = &message;
  const google::protobuf::FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    if (at == nullptr) return nullptr;
    field = at->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    at = field->message_type();
  }
  return field;
}

std::vector<HttpRoute> RoutesOf(const google::protobuf::MethodDescriptor& method) {
  if (!method.options().HasExtension(google::api::http)) return {};
  const HttpRule& rule = method.options().GetExtension(google::api::http);
  std::vector<HttpRoute> routes{RouteOf(rule)};
  for (const HttpRule& binding : rule.additional_bindings()) routes.push_back(RouteOf(binding));
  return routes;
}

}  // namespace rinnalla::openapi
