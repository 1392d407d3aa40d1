#include "fhir_shape.h"

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rinnalla::testing {
namespace {

using Json = nlohmann::json;

// FHIR R4 primitive formats (http://hl7.org/fhir/R4/datatypes.html).
const std::regex kId("[A-Za-z0-9\\-\\.]{1,64}");
const std::regex kInstant(
    "([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:"
    "([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))");
const std::regex kDate("([0-9]{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?");
const std::regex kUrnUuid("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
const std::regex kAbsoluteUri("[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s]+");

// The value sets of the codes the export uses (R4).
const std::set<std::string> kBundleTypes = {
    "document", "message",   "transaction", "transaction-response", "batch", "batch-response",
    "history",  "searchset", "collection"};
const std::set<std::string> kCarePlanStatus = {
    "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"};
const std::set<std::string> kCarePlanIntent = {"proposal", "plan", "order", "option"};
const std::set<std::string> kActivityStatus = {"not-started", "scheduled", "in-progress",
                                               "on-hold",     "completed", "cancelled",
                                               "stopped",     "unknown",   "entered-in-error"};
const std::set<std::string> kCareTeamStatus = {"proposed", "active", "suspended", "inactive",
                                               "entered-in-error"};
const std::set<std::string> kGoalLifecycle = {"proposed",  "planned",          "accepted",
                                              "active",    "on-hold",          "completed",
                                              "cancelled", "entered-in-error", "rejected"};
const std::set<std::string> kGoalAchievement = {"in-progress",  "improving",   "worsening",
                                                "no-change",    "achieved",    "sustaining",
                                                "not-achieved", "no-progress", "not-attainable"};
const std::set<std::string> kEncounterStatus = {"planned",     "arrived",          "triaged",
                                                "in-progress", "onleave",          "finished",
                                                "cancelled",   "entered-in-error", "unknown"};
const std::set<std::string> kActEncounterCodes = {"AMB",   "EMER",   "FLD",   "HH", "IMP", "ACUTE",
                                                  "NONAC", "OBSENC", "PRENC", "SS", "VR"};
const std::set<std::string> kInstantKeys = {"start", "end", "lastUpdated", "timestamp"};
const std::set<std::string> kDateKeys = {"startDate", "statusDate", "dueDate"};

bool Matches(const Json& v, const std::regex& re) {
  return v.is_string() && std::regex_match(v.get<std::string>(), re);
}

class Checker {
 public:
  std::vector<std::string> Check(const std::string& text) {
    Json bundle = Json::parse(text, nullptr, false);
    if (bundle.is_discarded()) return {"the text is not JSON"};
    CheckBundle(bundle);
    return problems_;
  }

 private:
  void Problem(const std::string& path, const std::string& what) {
    problems_.push_back(absl::StrCat(path, ": ", what));
  }

  void Require(const Json& r, const std::string& key, const std::string& path) {
    if (!r.contains(key)) Problem(path, absl::StrCat("required element ", key, " is missing"));
  }

  void InSet(const Json& r, const std::string& key, const std::set<std::string>& allowed,
             const std::string& path) {
    Require(r, key, path);
    if (r.contains(key) && (!r[key].is_string() || !allowed.contains(r[key].get<std::string>()))) {
      Problem(path + "." + key, absl::StrCat("code ", r[key].dump(), " is not in its value set"));
    }
  }

  void CheckBundle(const Json& b) {
    if (b.value("resourceType", "") != "Bundle") Problem("Bundle", "resourceType is not Bundle");
    InSet(b, "type", kBundleTypes, "Bundle");
    if (!Matches(b.value("timestamp", Json()), kInstant))
      Problem("Bundle.timestamp", "not an instant");
    if (!b.contains("entry")) return;
    for (const Json& entry : b["entry"]) {
      std::string url = entry.value("fullUrl", "");
      if (!std::regex_match(url, kUrnUuid))
        Problem("Bundle.entry", "fullUrl is not urn:uuid:<uuid>");
      if (!full_urls_.insert(url).second) Problem("Bundle.entry", "fullUrl " + url + " twice");
    }
    Walk(b, "Bundle", nullptr);
    for (const Json& entry : b["entry"]) {
      const Json& r = entry.value("resource", Json::object());
      std::string path = absl::StrCat(r.value("resourceType", "?"), "/", r.value("id", "?"));
      if (entry.value("fullUrl", "") != "urn:uuid:" + r.value("id", "")) {
        Problem(path, "id does not match the entry's fullUrl");
      }
      CheckResource(r, path, /*contained=*/false);
    }
  }

  void CheckResource(const Json& r, const std::string& path, bool contained) {
    if (!Matches(r.value("id", Json()), kId)) Problem(path, "id is not a FHIR id");
    std::string type = r.value("resourceType", "");
    if (contained) {
      if (r.contains("contained")) Problem(path, "a contained resource contains resources (dom-2)");
      if (r.contains("meta")) Problem(path, "a contained resource has meta (dom-4)");
    } else if (r.contains("contained")) {
      std::string text = r.dump();
      for (const Json& c : r["contained"]) {
        std::string id = c.value("id", "");
        CheckResource(c, path + "#" + id, true);
        if (!absl::StrContains(text, "\"reference\":\"#" + id + "\"")) {
          Problem(path + "#" + id, "a contained resource that nothing references (dom-3)");
        }
      }
    }
    if (type == "CarePlan") {
      InSet(r, "status", kCarePlanStatus, path);
      InSet(r, "intent", kCarePlanIntent, path);
      CheckSubject(r, path);
      for (const Json& activity : r.value("activity", Json::array())) {
        if (activity.contains("detail")) InSet(activity["detail"], "status", kActivityStatus, path);
      }
    } else if (type == "CareTeam") {
      InSet(r, "status", kCareTeamStatus, path);
      for (const Json& p : r.value("participant", Json::array())) Require(p, "member", path);
    } else if (type == "Goal") {
      InSet(r, "lifecycleStatus", kGoalLifecycle, path);
      Require(r, "description", path);
      CheckSubject(r, path);
      if (r.contains("achievementStatus")) {
        for (const Json& coding : r["achievementStatus"].value("coding", Json::array())) {
          if (coding.value("system", "") ==
              "http://terminology.hl7.org/CodeSystem/goal-achievement") {
            InSet(coding, "code", kGoalAchievement, path + ".achievementStatus");
          }
        }
      }
      for (const Json& target : r.value("target", Json::array())) {
        bool detail = false;
        for (const auto& [key, value] : target.items()) detail |= absl::StartsWith(key, "detail");
        if (detail && !target.contains("measure"))
          Problem(path, "target.detail without measure (gol-1)");
      }
    } else if (type == "Encounter") {
      InSet(r, "status", kEncounterStatus, path);
      Require(r, "class", path);
      if (r.contains("class")) {
        if (r["class"].value("system", "") != "http://terminology.hl7.org/CodeSystem/v3-ActCode") {
          Problem(path + ".class", "not a v3-ActCode coding");
        }
        InSet(r["class"], "code", kActEncounterCodes, path + ".class");
      }
      CheckSubject(r, path);
      if (r.contains("length") && r["length"].value("system", "") != "http://unitsofmeasure.org") {
        Problem(path + ".length", "a Duration's system must be UCUM");
      }
    } else if (type == "Location") {
      if (r.contains("mode")) InSet(r, "mode", {"instance", "kind"}, path);
    } else {
      Problem(path, "unexpected resourceType " + type);
    }
  }

  // The client: by a record system's identifier only; no local reference, no name.
  void CheckSubject(const Json& r, const std::string& path) {
    Require(r, "subject", path);
    if (!r.contains("subject")) return;
    const Json& s = r["subject"];
    if (s.value("type", "") != "Patient") Problem(path + ".subject", "type is not Patient");
    if (!s.contains("identifier")) Problem(path + ".subject", "not a reference by identifier");
    if (s.contains("reference") || s.contains("display")) {
      Problem(path + ".subject", "names the client other than by identifier");
    }
  }

  // Rules for every element, wherever it is. `resource` is the nearest enclosing resource.
  void Walk(const Json& v, const std::string& path, const Json* resource) {
    if (v.is_null()) Problem(path, "null is not allowed");
    if (v.is_string() && v.get<std::string>().empty()) Problem(path, "empty string");
    if (v.is_array()) {
      if (v.empty()) Problem(path, "empty array");
      for (size_t i = 0; i < v.size(); ++i) Walk(v[i], absl::StrCat(path, "[", i, "]"), resource);
      return;
    }
    if (!v.is_object()) return;
    if (v.empty()) Problem(path, "empty object");
    if (v.contains("resourceType")) resource = &v;
    for (const auto& [key, value] : v.items()) {
      std::string at = path + "." + key;
      if (key == "reference") CheckReference(value, at, resource);
      if (key == "extension") CheckExtensions(value, at);
      if (key == "coding") {
        for (const Json& c : value) {
          if (!Matches(c.value("system", Json()), kAbsoluteUri))
            Problem(at, "coding without a URI system");
          if (c.value("code", "").empty()) Problem(at, "coding without a code");
        }
      }
      if (key == "identifier") {
        for (const Json& id : value.is_array() ? value : Json::array({value})) {
          if (!Matches(id.value("system", Json()), kAbsoluteUri) || !id.contains("value")) {
            Problem(at, "an identifier needs a URI system and a value");
          }
        }
      }
      if (kInstantKeys.contains(key) && !Matches(value, kInstant)) Problem(at, "not an instant");
      if (kDateKeys.contains(key) && !Matches(value, kDate)) Problem(at, "not a date");
      Walk(value, at, resource);
    }
  }

  void CheckReference(const Json& value, const std::string& at, const Json* resource) {
    std::string ref = value.is_string() ? value.get<std::string>() : "";
    if (absl::StartsWith(ref, "#")) {
      bool found = false;
      if (resource != nullptr) {
        for (const Json& c : resource->value("contained", Json::array())) {
          found |= "#" + c.value("id", "") == ref;
        }
      }
      if (!found) Problem(at, ref + " names no contained resource");
    } else if (!full_urls_.contains(ref)) {
      Problem(at, ref + " names no entry of the bundle");
    }
  }

  void CheckExtensions(const Json& extensions, const std::string& at) {
    for (const Json& e : extensions) {
      if (!Matches(e.value("url", Json()), kAbsoluteUri) && !Matches(e.value("url", Json()), kId)) {
        Problem(at, "an extension without a url");
      }
      int values = 0;
      for (const auto& [key, value] : e.items()) values += absl::StartsWith(key, "value");
      if ((values == 1) == e.contains("extension") || values > 1) {
        Problem(at, "an extension needs exactly one value[x] or nested extensions (ext-1)");
      }
    }
  }

  std::vector<std::string> problems_;
  std::set<std::string> full_urls_;
};

}  // namespace

std::vector<std::string> FhirBundleProblems(const std::string& json) {
  return Checker().Check(json);
}

}  // namespace rinnalla::testing
