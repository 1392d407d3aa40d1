// REST answers what gRPC answers, for every REST route the listener serves (walked from the
// descriptors' google.api.http annotations): a representative request of each method goes once
// through gRPC and once through REST, and the REST answer must be the gRPC answer's JSON mapping
// (the annotation's response_body, or the document a response carries), or, for an error, the
// HTTP status of its code and the google.rpc.Status of its details.
//
// A call changes what the next one sees (a write, or a read that is itself logged), so each side
// runs in a world of its own: the same guides, clients, referral, assignment, meeting, goal,
// consent, visit, note and exclusion, made by the same calls in two fresh organizations. The
// answers are compared with each world's names and ids read as what they stand for; ids made by
// the call itself, etags, page tokens and times the server stamped during the test are compared
// by their place only.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <regex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "api_calls.h"
#include "directory_fixture.h"
#include "google/rpc/status.pb.h"
#include "http_client.h"
#include "http_listener.h"
#include "resource_names.h"

namespace rinnalla::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// A request of a method: who calls, and its JSON with ${PLACEHOLDERS} for a world's resources
// (for a client stream, a JSON array of requests).
struct Representative {
  std::string role;
  std::string json;
};

const char kGuideJson[] =
    R"("experienceAreas":["MENTAL_HEALTH","DEBT"],"languages":["fi"],"municipalities":["398"],)"
    R"("maxActiveClients":4,"state":"ACTIVE")";
const char kClientJson[] =
    R"("birthYear":1984,"municipality":"398","languages":["fi"],"displayName":"Matti Meikäläinen")";
const char kVisitJson[] =
    R"({"assignment":"${ASSIGNMENT}","startTime":"${PAST}","durationMinutes":45,)"
    R"("mode":"IN_PERSON","places":["KELA","HOUSING"],"summary":"Kelan asiat hoidettiin."})";

// How a world is made, in order: each step's answer's `name` becomes its placeholder.
const std::vector<std::pair<std::string, std::pair<std::string, Representative>>> kWorld = {
    {"GUIDE",
     {"Directory.CreateGuide",
      {"coordinator", absl::StrCat(R"({"parent":"${ORG}","guide":{"displayName":"Aino Opas",)",
                                   kGuideJson, "}}")}}},
    {"GUIDE2",
     {"Directory.CreateGuide",
      {"coordinator", absl::StrCat(R"({"parent":"${ORG}","guide":{"displayName":"Bertta Opas",)",
                                   kGuideJson, "}}")}}},
    {"GUIDE3",
     {"Directory.CreateGuide",
      {"coordinator", absl::StrCat(R"({"parent":"${ORG}","guide":{"displayName":"Cecilia Opas",)",
                                   kGuideJson, "}}")}}},
    {"CLIENT",
     {"Directory.CreateClient",
      {"social_worker",
       absl::StrCat(
           R"({"parent":"${ORG}","client":{"externalRefs":[{"system":"apotti","id":"P1"}],)",
           kClientJson, "}}")}}},
    {"CLIENT2",
     {"Directory.CreateClient",
      {"social_worker",
       absl::StrCat(
           R"({"parent":"${ORG}","client":{"externalRefs":[{"system":"apotti","id":"P2"}],)",
           kClientJson, "}}")}}},
    {"MATCHED",
     {"Matching.CreateReferral",
      {"social_worker",
       R"({"parent":"${ORG}","referral":{"client":"${CLIENT}","needs":["MENTAL_HEALTH","DEBT"],)"
       R"("languages":["fi"],"municipality":"398"}})"}}},
    {"ASSIGNMENT",
     {"Matching.AssignGuide",
      {"social_worker", R"({"referral":"${MATCHED}","guide":"${GUIDE}"})"}}},
    {"REFERRAL",
     {"Matching.CreateReferral",
      {"social_worker", R"({"parent":"${ORG}","referral":{"client":"${CLIENT2}","needs":["DEBT"],)"
                        R"("languages":["fi"],"municipality":"398","note":"Velkaneuvontaa"}})"}}},
    {"EXCLUSION",
     {"Matching.AddMatchExclusion",
      {"coordinator",
       R"({"parent":"${CLIENT2}","matchExclusion":{"guide":"${GUIDE3}","reason":"Naapurit"}})"}}},
    {"MEETING",
     {"Meetings.CreateMeeting",
      {"social_worker",
       R"({"parent":"${CLIENT}","meeting":{"assignment":"${ASSIGNMENT}","kind":"INITIAL",)"
       R"("scheduledTime":"${FUTURE}","place":"Kirjasto"}})"}}},
    {"GOAL",
     {"Meetings.CreateGoal",
      {"social_worker",
       R"({"parent":"${CLIENT}","goal":{"assignment":"${ASSIGNMENT}","title":"Oma asunto",)"
       R"("gasLevels":["a","b","c","d","e"]}})"}}},
    {"CONSENT",
     {"Meetings.SetInformationSharingConsent",
      {"social_worker", R"({"parent":"${CLIENT}","assignment":"${ASSIGNMENT}","granted":true})"}}},
    {"VISIT",
     {"Visits.LogVisit",
      {"guide", absl::StrCat(R"({"parent":"${CLIENT}","visit":)", kVisitJson, "}")}}},
    {"NOTE",
     {"Notes.AddProgressNote",
      {"guide", R"({"parent":"${CLIENT}","note":{"text":"Hyvä viikko.","visibility":"SHARED"}})"}}},
};

// One representative request of each method ("Service.Method"); a method with several REST
// routes has one for each (each request fits the route whose pattern its names match).
const std::map<std::string, std::vector<Representative>>& Representatives() {
  static const auto* table = new std::map<std::string, std::vector<Representative>>{
      {"Directory.CreateGuide",
       {{"coordinator",
         absl::StrCat(R"({"parent":"${ORG}","requestId":"${UUID}","guide":{"displayName":"Doris",)",
                      kGuideJson, "}}")}}},
      {"Directory.GetGuide", {{"social_worker", R"({"name":"${GUIDE}"})"}}},
      {"Directory.ListGuides",
       {{"social_worker", R"({"parent":"${ORG}","pageSize":2,"filter":"state = ACTIVE"})"}}},
      {"Directory.UpdateGuide",
       {{"coordinator",
         R"({"guide":{"name":"${GUIDE}","displayName":"Aino Uusi"},"updateMask":"displayName"})"}}},
      {"Directory.CreateClient",
       {{"social_worker",
         absl::StrCat(
             R"({"parent":"${ORG}","client":{"externalRefs":[{"system":"apotti","id":"P9"}],)",
             kClientJson, "}}")}}},
      {"Directory.GetClient", {{"social_worker", R"({"name":"${CLIENT}"})"}}},
      {"Directory.ListClients", {{"social_worker", R"({"parent":"${ORG}","pageSize":1})"}}},
      {"Directory.UpdateClient",
       {{"social_worker",
         R"({"client":{"name":"${CLIENT}","municipality":"091"},"updateMask":"municipality"})"}}},
      {"Matching.CreateReferral",
       {{"social_worker",
         R"({"parent":"${ORG}","referral":{"client":"${CLIENT2}","needs":["DEBT"],)"
         R"("languages":["fi"],"municipality":"398"}})"}}},
      {"Matching.GetReferral", {{"social_worker", R"({"name":"${REFERRAL}"})"}}},
      {"Matching.ListReferrals",
       {{"social_worker", R"({"parent":"${ORG}","filter":"state = OPEN"})"}}},
      {"Matching.CancelReferral",
       {{"social_worker", R"({"name":"${REFERRAL}","reason":"Asiakas muutti"})"}}},
      {"Matching.AddMatchExclusion",
       {{"coordinator",
         R"({"parent":"${CLIENT2}","matchExclusion":{"guide":"${GUIDE2}","reason":"Sukua"}})"}}},
      {"Matching.ListMatchExclusions", {{"coordinator", R"({"parent":"${CLIENT2}"})"}}},
      {"Matching.RemoveMatchExclusion", {{"coordinator", R"({"name":"${EXCLUSION}"})"}}},
      {"Matching.SuggestGuides",
       {{"social_worker", R"({"referral":"${REFERRAL}","maxResults":5})"}}},
      {"Matching.AssignGuide",
       {{"social_worker",
         R"({"referral":"${REFERRAL}","guide":"${GUIDE2}","requestId":"${UUID}"})"}}},
      {"Matching.GetAssignment", {{"social_worker", R"({"name":"${ASSIGNMENT}"})"}}},
      {"Matching.ListAssignments",
       {{"social_worker", R"({"parent":"${ORG}","filter":"state = ACTIVE"})"}}},
      {"Matching.PauseAssignment", {{"social_worker", R"({"name":"${ASSIGNMENT}"})"}}},
      // Not paused: the refusal is compared.
      {"Matching.ResumeAssignment", {{"social_worker", R"({"name":"${ASSIGNMENT}"})"}}},
      {"Matching.EndAssignment",
       {{"social_worker",
         R"({"name":"${ASSIGNMENT}","endReason":"CLIENT_MOVED","note":"Muutti Tampereelle"})"}}},
      {"Meetings.CreateMeeting",
       {{"social_worker",
         R"({"parent":"${CLIENT}","meeting":{"assignment":"${ASSIGNMENT}","kind":"REVIEW",)"
         R"("scheduledTime":"${LATER}","place":"Kahvila"}})"}}},
      {"Meetings.GetMeeting", {{"social_worker", R"({"name":"${MEETING}"})"}}},
      {"Meetings.ListMeetings", {{"social_worker", R"({"parent":"${CLIENT}"})"}}},
      {"Meetings.RescheduleMeeting",
       {{"social_worker", R"({"name":"${MEETING}","scheduledTime":"${LATER}","place":"Kela"})"}}},
      {"Meetings.CancelMeeting",
       {{"social_worker", R"({"name":"${MEETING}","reason":"Asiakas sairastui"})"}}},
      {"Meetings.RecordMeetingOutcome",
       {{"social_worker",
         R"({"name":"${MEETING}","heldTime":"${PAST}","summary":"Sovimme tavoitteet.",)"
         R"("participants":[{"role":"CLIENT","present":true},)"
         R"({"role":"SOCIAL_WORKER","identity":"users/sosiaalityontekija","present":true},)"
         R"({"role":"GUIDE","identity":"${GUIDE}","present":true}]})"}}},
      // Not recorded yet: the refusal is compared.
      {"Meetings.AmendMeetingOutcome",
       {{"social_worker",
         R"({"name":"${MEETING}","reason":"Korjaus","outcome":{"heldTime":"${PAST}",)"
         R"("summary":"Korjattu."}})"}}},
      {"Meetings.ListMeetingOutcomeRevisions", {{"social_worker", R"({"name":"${MEETING}"})"}}},
      {"Meetings.SetInformationSharingConsent",
       {{"social_worker",
         R"({"parent":"${CLIENT}","assignment":"${ASSIGNMENT}","granted":false})"}}},
      {"Meetings.ListInformationSharingConsents", {{"social_worker", R"({"parent":"${CLIENT}"})"}}},
      {"Meetings.CreateGoal",
       {{"guide",
         R"({"parent":"${CLIENT}","goal":{"assignment":"${ASSIGNMENT}","title":"Työkokeilu"}})"}}},
      {"Meetings.GetGoal", {{"social_worker", R"({"name":"${GOAL}"})"}}},
      {"Meetings.ListGoals", {{"social_worker", R"({"parent":"${CLIENT}"})"}}},
      {"Meetings.UpdateGoal",
       {{"social_worker", R"({"goal":{"name":"${GOAL}","state":"AGREED"},"updateMask":"state"})"}}},
      {"Notes.AddProgressNote",
       {{"guide",
         R"({"parent":"${CLIENT}","note":{"text":"Kävimme Kelassa.","visibility":"SHARED"}})"}}},
      {"Notes.GetProgressNote", {{"social_worker", R"({"name":"${NOTE}"})"}}},
      {"Notes.ListProgressNotes", {{"social_worker", R"({"parent":"${CLIENT}"})"}}},
      {"Notes.GetClientTimeline", {{"social_worker", R"({"client":"${CLIENT}","pageSize":20})"}}},
      {"Notes.GetGoalAttainment", {{"social_worker", R"({"client":"${CLIENT}"})"}}},
      {"Notes.SummarizeOutcomes", {{"coordinator", R"({"parent":"${ORG}"})"}}},
      {"Visits.LogVisit",
       {{"guide", absl::StrCat(R"({"parent":"${CLIENT}","requestId":"${UUID}","visit":)",
                               kVisitJson, "}")}}},
      {"Visits.SyncVisits",
       {{"guide", absl::StrCat(R"([{"parent":"${CLIENT}","visitId":"${UUID}","visit":)", kVisitJson,
                               R"(},{"parent":"${CLIENT}","visit":{}}])")}}},
      {"Visits.GetVisit", {{"guide", R"({"name":"${VISIT}"})"}}},
      {"Visits.ListVisits",
       {{"social_worker", R"({"parent":"${CLIENT}"})"},
        {"coordinator", R"({"parent":"${ORG}","pageSize":10})"}}},
      {"Visits.AmendVisit",
       {{"guide",
         R"({"visit":{"name":"${VISIT}","durationMinutes":50},"updateMask":"durationMinutes",)"
         R"("reason":"Kesto korjattu"})"}}},
      {"Visits.ListVisitRevisions", {{"guide", R"({"name":"${VISIT}"})"}}},
      {"Visits.AddVisitCorrectionNote",
       {{"social_worker",
         R"({"parent":"${VISIT}","correctionNote":{"text":"Paikka oli Kela."}})"}}},
      {"Visits.SummarizeVisits",
       {{"coordinator", R"({"parent":"${ORG}","startTime":"${LONG_AGO}","endTime":"${FUTURE}"})"}}},
      {"Integration.ImportClients",
       {{"integration",
         absl::StrCat(
             R"([{"parent":"${ORG}","client":{"externalRefs":[{"system":"apotti","id":"I1"}],)",
             kClientJson, R"(}},{"parent":"${ORG}","client":{}}])")}}},
      {"Integration.ExportCarePlan", {{"integration", R"({"client":"${CLIENT}"})"}}},
      {"Audit.ListAccessLog", {{"auditor", R"({"parent":"${CLIENT}","pageSize":50})"}}},
  };
  return *table;
}

// Server streams never end by themselves; NDJSON and SSE are their own tests
// (http_streams_e2e_test.cc), against the gRPC stream's events.
const std::set<std::string> kServerStreams = {"Integration.WatchEvents"};

std::string ShortName(const MethodDescriptor& method) {
  return method.service()->name() + "." + method.name();
}

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor& type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

std::string JsonOf(const Message& message) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json).ok());
  return json;
}

std::string Escaped(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    out += std::isalnum(c) || c == '-' || c == '_' || c == '.'
               ? std::string(1, static_cast<char>(c))
               : absl::StrFormat("%%%02X", c);
  }
  return out;
}

// The query parameters of a JSON value at `prefix` (nested with dots, repeated by repeating).
void Flatten(const std::string& prefix, const nlohmann::json& value,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (const auto& [key, inner] : value.items()) Flatten(prefix + "." + key, inner, out);
  } else if (value.is_array()) {
    for (const nlohmann::json& inner : value) Flatten(prefix, inner, out);
  } else {
    out.emplace_back(prefix, value.is_string() ? value.get<std::string>() : value.dump());
  }
}

// The string a dotted field path ("guide.name") holds in `message`.
std::string FieldAt(const Message& message, const std::string& path) {
  const Message* at = &message;
  std::vector<std::string> names = absl::StrSplit(path, '.');
  for (size_t i = 0; i < names.size(); ++i) {
    const FieldDescriptor* field = at->GetDescriptor()->FindFieldByName(names[i]);
    if (field == nullptr) return "";
    if (i + 1 == names.size()) return at->GetReflection()->GetString(*at, field);
    at = &at->GetReflection()->GetMessage(*at, field);
  }
  return "";
}

// The REST request of `requests` (one, or a client stream's) on `route`, as AIP-127 says a record
// system sends it: path variables from the request, the body the annotation names, the other
// fields as query parameters.
HttpRequest RestRequestOf(const http::RestRoute& route,
                          const std::vector<const Message*>& requests) {
  HttpRequest rest;
  rest.method = route.http_method;
  const Message& request = *requests.front();
  std::string path = route.path.text();
  static const std::regex variable(R"(\{([a-z_.]+)(=[^}]*)?\})");
  std::smatch match;
  std::set<std::string> bound;  // top-level fields the path gives
  while (std::regex_search(path, match, variable)) {
    const std::string field_path = match[1];
    bound.insert(field_path.substr(0, field_path.find('.')));
    path = match.prefix().str() + FieldAt(request, field_path) + match.suffix().str();
  }
  if (route.method->client_streaming()) {
    nlohmann::json array = nlohmann::json::array();
    for (const Message* r : requests) array.push_back(nlohmann::json::parse(JsonOf(*r)));
    rest.body = array.dump();
  } else if (route.body == "*") {
    rest.body = JsonOf(request);
  } else {
    const auto* descriptor = request.GetDescriptor();
    const FieldDescriptor* body =
        route.body.empty() ? nullptr : descriptor->FindFieldByName(route.body);
    if (body != nullptr && request.GetReflection()->HasField(request, body)) {
      rest.body = JsonOf(request.GetReflection()->GetMessage(request, body));
    }
    std::vector<std::pair<std::string, std::string>> query;
    const nlohmann::json fields = nlohmann::json::parse(JsonOf(request));
    for (const auto& [key, value] : fields.items()) {
      const FieldDescriptor* field = nullptr;
      for (int i = 0; i < descriptor->field_count() && field == nullptr; ++i) {
        if (descriptor->field(i)->json_name() == key) field = descriptor->field(i);
      }
      if (field == body || bound.count(field->name())) continue;
      Flatten(key, value, query);
    }
    for (size_t i = 0; i < query.size(); ++i) {
      absl::StrAppend(&path, i == 0 ? "?" : "&", query[i].first, "=", Escaped(query[i].second));
    }
  }
  rest.path = path;
  return rest;
}

// The HTTP status of each gRPC code, as Google maps them (the issue's table).
int HttpStatusFor(grpc::StatusCode code) {
  static const std::map<grpc::StatusCode, int> statuses = {
      {grpc::StatusCode::INVALID_ARGUMENT, 400},   {grpc::StatusCode::FAILED_PRECONDITION, 400},
      {grpc::StatusCode::OUT_OF_RANGE, 400},       {grpc::StatusCode::UNAUTHENTICATED, 401},
      {grpc::StatusCode::PERMISSION_DENIED, 403},  {grpc::StatusCode::NOT_FOUND, 404},
      {grpc::StatusCode::ALREADY_EXISTS, 409},     {grpc::StatusCode::ABORTED, 409},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 429}, {grpc::StatusCode::CANCELLED, 499},
      {grpc::StatusCode::INTERNAL, 500},           {grpc::StatusCode::UNIMPLEMENTED, 501},
      {grpc::StatusCode::UNAVAILABLE, 503},        {grpc::StatusCode::DEADLINE_EXCEEDED, 504}};
  auto it = statuses.find(code);
  return it == statuses.end() ? 500 : it->second;
}

// A world: its organization and what each placeholder stands for there.
struct World {
  std::string org;
  std::vector<std::pair<std::string, std::string>> values;  // "${GUIDE}" -> its name

  std::string Fill(const std::string& text) const {
    std::string out = text;
    for (const auto& [placeholder, value] : values)
      out = absl::StrReplaceAll(out, {{placeholder, value}});
    return out;
  }
  Caller As(const std::string& role) const {
    if (role == "guide") return {org, role, Fill("${GUIDE}")};
    static const std::map<std::string, std::string> subs = {
        {"coordinator", "users/koordinaattori"},
        {"social_worker", "users/sosiaalityontekija"},
        {"integration", "systems/apotti"},
        {"auditor", "users/tietosuojavastaava"}};
    return {org, role, subs.at(role)};
  }
};

class HttpParityTest : public DirectoryTest {
 protected:
  // The request messages of `representative` in `world` (one, or a client stream's).
  std::vector<std::unique_ptr<Message>> RequestsOf(const MethodDescriptor& method,
                                                   const std::string& json, const World& world) {
    nlohmann::json parsed = nlohmann::json::parse(world.Fill(json));
    if (!parsed.is_array()) parsed = nlohmann::json::array({parsed});
    std::vector<std::unique_ptr<Message>> requests;
    for (const nlohmann::json& element : parsed) {
      requests.push_back(NewMessage(*method.input_type()));
      auto parsed_ok =
          google::protobuf::util::JsonStringToMessage(element.dump(), requests.back().get());
      EXPECT_TRUE(parsed_ok.ok()) << ShortName(method) << ": " << parsed_ok.message() << " in "
                                  << element.dump();
    }
    return requests;
  }

  BytesCall CallGrpc(const MethodDescriptor& method, const Representative& representative,
                     const World& world) {
    std::vector<std::string> bytes;
    for (const auto& request : RequestsOf(method, representative.json, world)) {
      bytes.push_back(request->SerializeAsString());
    }
    return CallWithBytes(server_, world.As(representative.role), MethodPath(method), bytes);
  }

  // A world in a fresh organization, made through gRPC.
  World MakeWorld() {
    World world;
    world.org = absl::StrFormat("parity-%03d", ++worlds_);
    // The same times in every world (a visit may not start before its assignment's day: today).
    auto at = [this](absl::Duration from_start) {
      return absl::FormatTime(absl::RFC3339_sec, start_ + from_start, absl::UTCTimeZone());
    };
    world.values = {{"${ORG}", "organizations/" + world.org},   {"${PAST}", at(-absl::Minutes(5))},
                    {"${LONG_AGO}", at(-absl::Hours(24 * 30))}, {"${FUTURE}", at(absl::Hours(48))},
                    {"${LATER}", at(absl::Hours(72))},          {"${UUID}", NewUuid()}};
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    for (const auto& [name, step] : kWorld) {
      const MethodDescriptor* method = pool->FindMethodByName("rinnalla.v1." + step.first);
      EXPECT_NE(method, nullptr) << step.first;
      if (method == nullptr) continue;
      BytesCall call = CallGrpc(*method, step.second, world);
      EXPECT_TRUE(call.status.ok()) << name << ": " << call.status.error_message();
      std::unique_ptr<Message> made = NewMessage(*method->output_type());
      if (!call.responses.empty()) made->ParseFromString(call.responses.front());
      world.values.insert(world.values.begin(), {"${" + name + "}", FieldAt(*made, "name")});
    }
    return world;
  }

  // `json` with the world's names and ids, and everything that differs between two runs of the
  // same call by its nature (ids the call made, etags, page tokens, times stamped now), replaced
  // by what they stand for.
  nlohmann::json Canonical(const std::string& json, const World& world) {
    std::string text = json;
    // Names first (the longest first: a visit's name holds its client's), then their ids.
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& [placeholder, value] : world.values) {
      if (absl::StartsWith(value, "organizations/")) names.emplace_back(value, placeholder);
    }
    std::sort(names.begin(), names.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [value, placeholder] : names)
      text = absl::StrReplaceAll(text, {{value, placeholder}});
    for (const auto& [value, placeholder] : names) {
      text = absl::StrReplaceAll(text, {{value.substr(value.rfind('/') + 1), placeholder + ".id"}});
    }
    text = absl::StrReplaceAll(text, {{world.org, "${ORG_ID}"}});
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    std::map<std::string, std::string> made;  // an id the call made -> its place
    static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    std::function<void(nlohmann::json&, const std::string&)> walk = [&](nlohmann::json& node,
                                                                        const std::string& key) {
      if (node.is_object()) {
        for (auto& [k, v] : node.items()) walk(v, k);
      } else if (node.is_array()) {
        for (nlohmann::json& v : node) walk(v, key);
      } else if (node.is_string()) {
        std::string value = node.get<std::string>();
        if (key == "etag" || key == "nextPageToken") {
          node = "<" + key + ">";
          return;
        }
        absl::Time time;
        std::string error;
        if (absl::ParseTime(absl::RFC3339_full, value, &time, &error) && time >= start_ &&
            time <= absl::Now() + absl::Minutes(1)) {
          node = "<now>";
          return;
        }
        std::string out;
        std::smatch m;
        while (std::regex_search(value, m, uuid)) {
          auto [it, added] = made.emplace(m.str(), absl::StrCat("<id ", made.size() + 1, ">"));
          out += m.prefix().str() + it->second;
          value = m.suffix().str();
        }
        node = out + value;
      }
    };
    walk(parsed, "");
    return parsed;
  }

  const absl::Time start_ = absl::Now() - absl::Minutes(1);
  int worlds_ = 0;
};

TEST_F(HttpParityTest, EveryRestRouteAnswersWhatGrpcAnswers) {
  const http::HttpListener& listener = *server_.server().http();
  const int port = server_.http_port();
  int compared = 0, succeeded = 0;
  for (const http::RestRoute& route : listener.routes().routes()) {
    const MethodDescriptor& method = *route.method;
    const std::string name = ShortName(method);
    SCOPED_TRACE(route.http_method + " " + route.path.text() + " (" + name + ")");
    if (kServerStreams.count(name)) continue;
    auto representatives = Representatives().find(name);
    ASSERT_NE(representatives, Representatives().end()) << "no representative request of " << name;
    bool routed = false;
    for (const Representative& representative : representatives->second) {
      World rest_world = MakeWorld();
      // The request must take this route (a method with several has one request for each).
      std::vector<std::unique_ptr<Message>> rest_requests =
          RequestsOf(method, representative.json, rest_world);
      std::vector<const Message*> requests;
      for (const auto& r : rest_requests) requests.push_back(r.get());
      HttpRequest rest = RestRequestOf(route, requests);
      auto found = listener.routes().Find(rest.method, rest.path.substr(0, rest.path.find('?')));
      if (!found || found->route != &route) continue;
      routed = true;

      World grpc_world = MakeWorld();
      BytesCall grpc = CallGrpc(method, representative, grpc_world);
      const Caller caller = rest_world.As(representative.role);
      HttpReply reply = Http(port, rest, &caller);
      SCOPED_TRACE(rest.method + " " + rest.path + " " + rest.body);
      EXPECT_NE(reply.header("X-Request-Id"), "");
      ++compared;
      if (!grpc.status.ok()) {
        EXPECT_EQ(reply.status, HttpStatusFor(grpc.status.error_code()))
            << grpc.status.error_message() << " / " << reply.body;
        google::rpc::Status details;
        ASSERT_TRUE(details.ParseFromString(grpc.status.error_details())) << "no details";
        EXPECT_EQ(Canonical(reply.body, rest_world), Canonical(JsonOf(details), grpc_world));
        continue;
      }
      ASSERT_EQ(reply.status, 200) << "gRPC answered OK; REST: " << reply.body;
      ASSERT_FALSE(grpc.responses.empty());
      std::unique_ptr<Message> response = NewMessage(*method.output_type());
      ASSERT_TRUE(response->ParseFromString(grpc.responses.back()));
      std::string expected = JsonOf(*response);
      std::string content_type = "application/json";
      if (!route.response_body.empty()) {
        const FieldDescriptor* field =
            response->GetDescriptor()->FindFieldByName(route.response_body);
        const auto* reflection = response->GetReflection();
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          expected = JsonOf(reflection->GetMessage(*response, field));
        } else {
          // A document of its own (FHIR): its text, as its content type.
          expected = reflection->GetString(*response, field);
          content_type = FieldAt(*response, "content_type");
        }
      }
      EXPECT_EQ(reply.header("Content-Type"), content_type);
      EXPECT_EQ(Canonical(reply.body, rest_world), Canonical(expected, grpc_world));
      ++succeeded;
    }
    EXPECT_TRUE(routed) << "no representative request of " << name << " takes this route";
  }
  EXPECT_GT(compared, 50);
  // Most representatives are served; the others compare their refusals.
  EXPECT_GT(succeeded, 40);
  std::cout << "compared " << compared << " routes, " << succeeded << " answered OK\n";
}

}  // namespace
}  // namespace rinnalla::testing
