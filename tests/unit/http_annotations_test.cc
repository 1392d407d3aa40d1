// Every RPC of rinnalla.v1 carries a google.api.http annotation (AIP-127, AIP-136), and the paths
// record systems rely on (API.md, "HTTP") are exactly the ones the annotations give.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/descriptor.h"

namespace {

using google::api::HttpRule;
using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::MethodDescriptor;

// The API's proto files, as CMake found them in protos/rinnalla/v1/ (so a new file is walked too).
std::vector<const FileDescriptor*> ApiFiles() {
  std::vector<const FileDescriptor*> files;
  for (absl::string_view name : absl::StrSplit(RINNALLA_API_PROTOS, ',', absl::SkipEmpty())) {
    files.push_back(DescriptorPool::generated_pool()->FindFileByName(std::string(name)));
    EXPECT_NE(files.back(), nullptr) << name << " is not in the generated pool";
    if (files.back() == nullptr) files.pop_back();
  }
  return files;
}

std::vector<const MethodDescriptor*> ApiMethods() {
  std::vector<const MethodDescriptor*> methods;
  for (const FileDescriptor* file : ApiFiles()) {
    EXPECT_EQ(file->package(), "rinnalla.v1") << file->name();
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        methods.push_back(file->service(s)->method(m));
      }
    }
  }
  return methods;
}

// The verb and path template of a rule, e.g. {"GET", "/v1/{name=organizations/*/guides/*}"}.
std::pair<std::string, std::string> VerbAndPath(const HttpRule& rule) {
  switch (rule.pattern_case()) {
    case HttpRule::kGet:
      return {"GET", rule.get()};
    case HttpRule::kPut:
      return {"PUT", rule.put()};
    case HttpRule::kPost:
      return {"POST", rule.post()};
    case HttpRule::kDelete:
      return {"DELETE", rule.delete_()};
    case HttpRule::kPatch:
      return {"PATCH", rule.patch()};
    case HttpRule::kCustom:
      return {rule.custom().kind(), rule.custom().path()};
    case HttpRule::PATTERN_NOT_SET:
      break;
  }
  return {"", ""};
}

// The field a dotted path ("guide.name") names in `message`, or null.
const FieldDescriptor* FieldAt(const Descriptor* message, absl::string_view dotted) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    if (message == nullptr) return nullptr;
    field = message->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    message = field->message_type();
  }
  return field;
}

// The variables of a path template: "/v1/{parent=organizations/*}/guides" -> {"parent"}.
std::vector<std::string> PathVariables(absl::string_view path) {
  std::vector<std::string> variables;
  for (absl::string_view piece : absl::StrSplit(path, '{', absl::SkipEmpty())) {
    if (!absl::StrContains(piece, '}')) continue;
    absl::string_view inside = piece.substr(0, piece.find('}'));
    variables.emplace_back(inside.substr(0, inside.find('=')));
  }
  return variables;
}

// Every binding of a method: its rule and the rule's additional bindings.
std::vector<HttpRule> Bindings(const MethodDescriptor* method) {
  const HttpRule& rule = method->options().GetExtension(google::api::http);
  std::vector<HttpRule> bindings{rule};
  bindings.insert(bindings.end(), rule.additional_bindings().begin(),
                  rule.additional_bindings().end());
  return bindings;
}

TEST(HttpAnnotations, EveryRpcOfTheApiHasOne) {
  std::vector<const MethodDescriptor*> methods = ApiMethods();
  EXPECT_GT(methods.size(), 50u) << "the walk found the services";
  for (const MethodDescriptor* method : methods) {
    EXPECT_TRUE(method->options().HasExtension(google::api::http)) << method->full_name();
    for (const HttpRule& rule : Bindings(method)) {
      auto [verb, path] = VerbAndPath(rule);
      EXPECT_FALSE(verb.empty()) << method->full_name();
      EXPECT_TRUE(absl::StartsWith(path, "/v1/")) << method->full_name() << ": " << path;
    }
  }
}

TEST(HttpAnnotations, PathVariablesAndBodiesNameFieldsOfTheRequest) {
  for (const MethodDescriptor* method : ApiMethods()) {
    for (const HttpRule& rule : Bindings(method)) {
      auto [verb, path] = VerbAndPath(rule);
      for (const std::string& variable : PathVariables(path)) {
        const FieldDescriptor* field = FieldAt(method->input_type(), variable);
        ASSERT_NE(field, nullptr) << method->full_name() << ": {" << variable << "}";
        EXPECT_EQ(field->type(), FieldDescriptor::TYPE_STRING) << method->full_name();
        EXPECT_FALSE(field->is_repeated()) << method->full_name();
      }
      if (verb == "GET" || verb == "DELETE") {
        EXPECT_TRUE(rule.body().empty()) << method->full_name() << " reads its query, no body";
      } else if (rule.body() != "*") {
        const FieldDescriptor* body = FieldAt(method->input_type(), rule.body());
        ASSERT_NE(body, nullptr) << method->full_name() << ": body " << rule.body();
        EXPECT_EQ(body->type(), FieldDescriptor::TYPE_MESSAGE) << method->full_name();
      }
      // AIP-136: a custom method that writes is POST .../{resource}:verb with the whole request.
      if (verb == "POST" && absl::StrContains(path.substr(path.rfind('/')), ':')) {
        EXPECT_EQ(rule.body(), "*") << method->full_name();
      }
      // Client streams take the requests as the body.
      if (method->client_streaming()) {
        EXPECT_EQ(rule.body(), "*") << method->full_name();
      }
    }
  }
}

TEST(HttpAnnotations, NoTwoRpcsShareARoute) {
  std::map<std::pair<std::string, std::string>, std::string> owner;
  for (const MethodDescriptor* method : ApiMethods()) {
    for (const HttpRule& rule : Bindings(method)) {
      auto [it, inserted] = owner.emplace(VerbAndPath(rule), method->full_name());
      EXPECT_TRUE(inserted) << method->full_name() << " and " << it->second << " share "
                            << it->first.first << " " << it->first.second;
    }
  }
}

// The table of API.md: record systems depend on these, so they never change.
TEST(HttpAnnotations, MatchTheRoutesRecordSystemsRelyOn) {
  std::map<std::string, std::pair<std::string, std::string>> routes;
  std::map<std::string, std::string> bodies;
  for (const MethodDescriptor* method : ApiMethods()) {
    const HttpRule& rule = method->options().GetExtension(google::api::http);
    routes[method->name()] = VerbAndPath(rule);
    bodies[method->name()] = rule.body();
  }
  using Route = std::pair<std::string, std::string>;
  EXPECT_EQ(routes["GetClient"], Route("GET", "/v1/{name=organizations/*/clients/*}"));
  EXPECT_EQ(routes["GetGuide"], Route("GET", "/v1/{name=organizations/*/guides/*}"));
  EXPECT_EQ(routes["ListGuides"], Route("GET", "/v1/{parent=organizations/*}/guides"));
  EXPECT_EQ(routes["CreateClient"], Route("POST", "/v1/{parent=organizations/*}/clients"));
  EXPECT_EQ(bodies["CreateClient"], "client");
  EXPECT_EQ(routes["UpdateGuide"], Route("PATCH", "/v1/{guide.name=organizations/*/guides/*}"));
  EXPECT_EQ(bodies["UpdateGuide"], "guide");
  EXPECT_EQ(routes["LogVisit"], Route("POST", "/v1/{parent=organizations/*/clients/*}/visits"));
  EXPECT_EQ(bodies["LogVisit"], "visit");
  EXPECT_EQ(routes["SyncVisits"], Route("POST", "/v1/visits:sync"));
  EXPECT_EQ(bodies["SyncVisits"], "*");
  EXPECT_EQ(routes["ImportClients"], Route("POST", "/v1/clients:import"));
  EXPECT_EQ(bodies["ImportClients"], "*");
  EXPECT_EQ(routes["WatchEvents"], Route("GET", "/v1/{parent=organizations/*}/events:watch"));
  EXPECT_EQ(routes["ExportCarePlan"],
            Route("GET", "/v1/{client=organizations/*/clients/*}:exportCarePlan"));
  EXPECT_EQ(routes["SuggestGuides"],
            Route("POST", "/v1/{referral=organizations/*/referrals/*}:suggestGuides"));
  EXPECT_EQ(routes["AssignGuide"],
            Route("POST", "/v1/{referral=organizations/*/referrals/*}:assignGuide"));
  EXPECT_EQ(routes["RecordMeetingOutcome"],
            Route("POST", "/v1/{name=organizations/*/clients/*/meetings/*}:recordOutcome"));
  EXPECT_EQ(routes["ListAccessLog"],
            Route("GET", "/v1/{parent=organizations/*/clients/*}/accessLog"));
  for (const char* custom : {"SuggestGuides", "AssignGuide", "RecordMeetingOutcome"}) {
    EXPECT_EQ(bodies[custom], "*") << custom;
  }
}

}  // namespace
