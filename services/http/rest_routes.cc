#include "rest_routes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"

namespace rinnalla::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

// The field a dotted path names, walking messages; nullptr when there is none.
const FieldDescriptor* FieldAt(const Descriptor* message, absl::string_view path) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view name : absl::StrSplit(path, '.')) {
    if (message == nullptr) return nullptr;
    field = message->FindFieldByName(std::string(name));
    if (field == nullptr) return nullptr;
    message = field->message_type();
  }
  return field;
}

absl::StatusOr<RestRoute> RouteOf(const google::api::HttpRule& rule,
                                  const MethodDescriptor* method) {
  RestRoute route;
  route.method = method;
  route.body = rule.body();
  route.response_body = rule.response_body();
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      route.http_method = "GET", path = rule.get();
      break;
    case google::api::HttpRule::kPost:
      route.http_method = "POST", path = rule.post();
      break;
    case google::api::HttpRule::kPatch:
      route.http_method = "PATCH", path = rule.patch();
      break;
    case google::api::HttpRule::kPut:
      route.http_method = "PUT", path = rule.put();
      break;
    case google::api::HttpRule::kDelete:
      route.http_method = "DELETE", path = rule.delete_();
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(method->full_name(), ": unsupported google.api.http pattern"));
  }
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(path);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method->full_name(), ": ", parsed.status().message()));
  }
  route.path = *std::move(parsed);
  for (const std::string& variable : route.path.variables()) {
    const FieldDescriptor* field = FieldAt(method->input_type(), variable);
    if (field == nullptr || field->is_repeated() ||
        field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": path variable `",
                                                     variable, "` is not a singular field"));
    }
  }
  if (!route.body.empty() && route.body != "*") {
    const FieldDescriptor* field = method->input_type()->FindFieldByName(route.body);
    if (field == nullptr || field->is_repeated() ||
        field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return absl::InvalidArgumentError(
          absl::StrCat(method->full_name(), ": body `", route.body, "` is not a message field"));
    }
  }
  if (!route.response_body.empty() &&
      method->output_type()->FindFieldByName(route.response_body) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": response_body `",
                                                   route.response_body, "` is not a field"));
  }
  return route;
}

}  // namespace

absl::StatusOr<RestRoutes> RestRoutes::Of(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  RestRoutes result;
  for (const auto* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      if (!method->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule = method->options().GetExtension(google::api::http);
      absl::StatusOr<RestRoute> route = RouteOf(rule, method);
      if (!route.ok()) return route.status();
      result.routes_.push_back(*std::move(route));
      for (const google::api::HttpRule& additional : rule.additional_bindings()) {
        absl::StatusOr<RestRoute> more = RouteOf(additional, method);
        if (!more.ok()) return more.status();
        result.routes_.push_back(*std::move(more));
      }
    }
  }
  std::stable_sort(result.routes_.begin(), result.routes_.end(),
                   [](const RestRoute& a, const RestRoute& b) {
                     if (a.path.has_verb() != b.path.has_verb()) return a.path.has_verb();
                     return a.path.literal_count() > b.path.literal_count();
                   });
  return result;
}

std::optional<RestRoutes::Found> RestRoutes::Find(absl::string_view http_method,
                                                  absl::string_view path) const {
  for (const RestRoute& route : routes_) {
    if (route.http_method != http_method) continue;
    if (std::optional<PathBindings> bindings = route.path.Match(path)) {
      return Found{&route, *std::move(bindings)};
    }
  }
  return std::nullopt;
}

}  // namespace rinnalla::http
