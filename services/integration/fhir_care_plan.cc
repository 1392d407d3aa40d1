#include "fhir_care_plan.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::integration {
namespace {

// Keeps members in the order written: resourceType first, as FHIR's JSON examples do.
using Json = nlohmann::ordered_json;

// Rinnalla's own code systems, naming systems and extensions.
const std::string kBase = "https://rinnalla.fi/fhir/";
const std::string kResourceNames = kBase + "NamingSystem/resource-name";
const std::string kUsers = kBase + "NamingSystem/user";
const std::string kExperienceAreas = kBase + "CodeSystem/experience-area";
const std::string kServicePlaces = kBase + "CodeSystem/service-place";
const std::string kVisitModes = kBase + "CodeSystem/visit-mode";
const std::string kCareTeamRoles = kBase + "CodeSystem/care-team-role";
const std::string kCarePlanCategories = kBase + "CodeSystem/care-plan-category";
const std::string kOutcomeMeasures = kBase + "CodeSystem/outcome-measure";
const std::string kEndReasonExtension = kBase + "StructureDefinition/guidance-end-reason";
const std::string kGasLevelExtension = kBase + "StructureDefinition/gas-level";
const std::string kGasWeightExtension = kBase + "StructureDefinition/gas-weight";
const std::string kGasScoreExtension = kBase + "StructureDefinition/gas-score";
// HL7's.
const std::string kGoalAchievement = "http://terminology.hl7.org/CodeSystem/goal-achievement";
const std::string kActCodes = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
const std::string kRoleCodes = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
const std::string kUcum = "http://unitsofmeasure.org";

constexpr char kCareTeamId[] = "care-team";

std::string Instant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

// Dates are the day in Finland, where the guidance happens.
std::string Date(absl::Time t) {
  static const absl::TimeZone zone = [] {
    absl::TimeZone helsinki;
    return absl::LoadTimeZone("Europe/Helsinki", &helsinki) ? helsinki : absl::UTCTimeZone();
  }();
  return absl::FormatTime("%Y-%m-%d", t, zone);
}

// "SUBSTANCE_USE" -> "Substance use", for codes of Rinnalla's own lists.
std::string Display(const std::string& code) {
  if (code == "KELA") return "Kela";
  if (code == "NGO_OR_PEER_GROUP") return "NGO or peer group";
  std::string text = absl::AsciiStrToLower(code);
  std::replace(text.begin(), text.end(), '_', ' ');
  if (!text.empty()) text[0] = absl::ascii_toupper(text[0]);
  return text;
}

Json Coding(const std::string& system, const std::string& code, const std::string& display) {
  return Json{{"system", system}, {"code", code}, {"display", display}};
}

Json Concept(const std::string& system, const std::string& code, const std::string& display) {
  return Json{{"coding", Json::array({Coding(system, code, display)})}};
}

Json Identifier(const std::string& system, const std::string& value) {
  return Json{{"system", system}, {"value", value}};
}

// A reference by identifier only: the receiver resolves it in its own records.
Json IdentifierReference(const std::string& type, const std::string& system,
                         const std::string& value) {
  return Json{{"type", type}, {"identifier", Identifier(system, value)}};
}

Json Reference(const std::string& target) { return Json{{"reference", target}}; }

std::string FullUrl(const std::string& uuid) { return "urn:uuid:" + uuid; }

Json GuideReference(const std::string& org, const std::string& guide_id) {
  return IdentifierReference("Practitioner", kResourceNames,
                             ResourceNameOf(org, "guides", guide_id));
}

Json Role(const std::string& code, const std::string& display) {
  return Json::array({Concept(kCareTeamRoles, code, display)});
}

// Assignment state -> CarePlan.status, CareTeam.status, CarePlan.activity.detail.status.
struct GuidanceStatus {
  std::string care_plan;
  std::string care_team;
  std::string activity;
};

GuidanceStatus StatusOf(const storage::AssignmentRecord& a) {
  if (a.state == "ACTIVE") return {"active", "active", "in-progress"};
  if (a.state == "PAUSED") return {"on-hold", "suspended", "on-hold"};
  // Ended: completed when its goals were reached; otherwise stopped before completion.
  bool reached = a.end_reason.value_or("") == "GOALS_REACHED";
  return {reached ? "completed" : "revoked", "inactive", reached ? "completed" : "stopped"};
}

Json CareTeam(const storage::ExportedGuidance& guidance, const std::string& status) {
  const storage::AssignmentRecord& a = guidance.assignment;
  Json participants = Json::array();
  participants.push_back({{"role", Role("experience-guide", "Experience guide (kokemusohjaaja)")},
                          {"member", GuideReference(a.org_id, a.guide_id)}});
  for (const std::string& worker : guidance.social_workers) {
    participants.push_back({{"role", Role("social-worker", "Social worker (sosiaalityöntekijä)")},
                            {"member", IdentifierReference("Practitioner", kUsers, worker)}});
  }
  return Json{{"resourceType", "CareTeam"},
              {"id", kCareTeamId},
              {"status", status},
              {"participant", participants}};
}

Json CarePlan(const storage::CarePlanSource& source, const storage::ExportedGuidance& guidance,
              const Json& subject) {
  const storage::AssignmentRecord& a = guidance.assignment;
  GuidanceStatus status = StatusOf(a);
  Json plan{{"resourceType", "CarePlan"}, {"id", a.id}};
  plan["contained"] = Json::array({CareTeam(guidance, status.care_team)});
  if (a.end_reason) {
    plan["extension"] =
        Json::array({{{"url", kEndReasonExtension},
                      {"valueCodeableConcept", Concept(kBase + "CodeSystem/guidance-end-reason",
                                                       *a.end_reason, Display(*a.end_reason))}}});
  }
  plan["identifier"] =
      Json::array({Identifier(kResourceNames, ResourceNameOf(a.org_id, "assignments", a.id))});
  plan["status"] = status.care_plan;
  plan["intent"] = "plan";
  plan["category"] = Json::array(
      {Concept(kCarePlanCategories, "experience-guidance", "Experience guidance (kokemusohjaus)")});
  plan["title"] = "Experience guidance";
  plan["subject"] = subject;
  Json period{{"start", Instant(a.start_time)}};
  if (a.end_time) period["end"] = Instant(*a.end_time);
  plan["period"] = period;
  plan["careTeam"] = Json::array({Reference(std::string("#") + kCareTeamId)});
  Json goals = Json::array();
  for (const storage::ExportedGoal& exported : source.goals) {
    const storage::GoalRecord& goal = exported.goal;
    if (goal.assignment_id == a.id) goals.push_back(Reference(FullUrl(goal.id)));
  }
  if (!goals.empty()) plan["goal"] = goals;
  Json visits = Json::array();
  for (const storage::ExportedVisit& visit : source.visits) {
    if (visit.assignment_id == a.id) visits.push_back(Reference(FullUrl(visit.id)));
  }
  if (!visits.empty()) {
    plan["activity"] = Json::array({{{"outcomeReference", visits},
                                     {"detail",
                                      {{"status", status.activity},
                                       {"description",
                                        "Outreach guidance by the experience guide (jalkautuva "
                                        "yksilöohjaus)"}}}}});
  }
  return plan;
}

std::string LifecycleOf(const std::string& state) {
  if (state == "PROPOSED") return "proposed";
  if (state == "AGREED") return "active";
  if (state == "DROPPED") return "cancelled";
  return "completed";  // ACHIEVED, NOT_ACHIEVED
}

// Goal.achievementStatus: the closing decision, or the trend of the latest two ratings.
std::optional<std::pair<std::string, std::string>> AchievementOf(const storage::ExportedGoal& e) {
  const std::string& state = e.goal.state;
  if (state == "ACHIEVED") return {{"achieved", "Achieved"}};
  if (state == "NOT_ACHIEVED") return {{"not-achieved", "Not Achieved"}};
  if (state != "AGREED") return std::nullopt;
  const auto& r = e.ratings;
  if (r.size() < 2) return {{"in-progress", "In Progress"}};
  int last = r[r.size() - 1].score, before = r[r.size() - 2].score;
  if (last > before) return {{"improving", "Improving"}};
  if (last < before) return {{"worsening", "Worsening"}};
  return {{"no-change", "No Change"}};
}

Json GasTarget(const storage::GoalRecord& g) {
  Json target = Json::object();
  Json levels = Json::array();
  for (size_t i = 0; i < g.gas_levels.size(); ++i) {
    levels.push_back(
        {{"url", kGasLevelExtension},
         {"extension", Json::array({{{"url", "score"}, {"valueInteger", static_cast<int>(i) - 2}},
                                    {{"url", "description"}, {"valueString", g.gas_levels[i]}}})}});
  }
  if (!levels.empty()) target["extension"] = levels;
  target["measure"] = Concept(kOutcomeMeasures, "gas-score", "Goal Attainment Scaling score");
  // The expected outcome of GAS is level 0.
  target["detailInteger"] = 0;
  if (g.target_date) target["dueDate"] = absl::FormatCivilTime(*g.target_date);
  return target;
}

Json Goal(const storage::CarePlanSource& source, const storage::ExportedGoal& exported,
          const Json& subject) {
  const storage::GoalRecord& g = exported.goal;
  Json goal{{"resourceType", "Goal"}, {"id", g.id}};
  Json extensions = Json::array({{{"url", kGasWeightExtension}, {"valueInteger", g.weight}}});
  if (!exported.ratings.empty()) {
    extensions.push_back(
        {{"url", kGasScoreExtension}, {"valueInteger", exported.ratings.back().score}});
  }
  goal["extension"] = extensions;
  goal["identifier"] = Json::array({Identifier(
      kResourceNames, ClientChildNameOf(source.client.org_id, source.client.id, "goals", g.id))});
  goal["lifecycleStatus"] = LifecycleOf(g.state);
  if (auto achievement = AchievementOf(exported)) {
    goal["achievementStatus"] = Concept(kGoalAchievement, achievement->first, achievement->second);
  }
  if (g.area) {
    goal["category"] = Json::array({Concept(kExperienceAreas, *g.area, Display(*g.area))});
  }
  // In the client's own words.
  goal["description"] = {{"text", g.title}};
  goal["subject"] = subject;
  if (g.agree_time) goal["startDate"] = Date(*g.agree_time);
  goal["target"] = Json::array({GasTarget(g)});
  goal["statusDate"] = Date(g.update_time);
  return goal;
}

Json EncounterClass(const storage::ExportedVisit& v) {
  if (v.mode == "PHONE" || v.mode == "VIDEO") return Coding(kActCodes, "VR", "virtual");
  if (std::find(v.places.begin(), v.places.end(), "CLIENT_HOME") != v.places.end()) {
    return Coding(kActCodes, "HH", "home health");
  }
  return Coding(kActCodes, "FLD", "field");
}

Json PlaceLocation(const std::string& id, const std::string& place) {
  Json codings = Json::array({Coding(kServicePlaces, place, Display(place))});
  if (place == "CLIENT_HOME") codings.push_back(Coding(kRoleCodes, "PTRES", "Patient's Residence"));
  return Json{{"resourceType", "Location"},
              {"id", id},
              {"mode", "kind"},
              {"type", Json::array({{{"coding", codings}}})}};
}

// A visit: when, how and where; the guide's words stay out (they are the guide's, shared only
// with the client's consent).
Json Encounter(const storage::CarePlanSource& source, const storage::ExportedVisit& v,
               const Json& subject) {
  Json encounter{{"resourceType", "Encounter"}, {"id", v.id}};
  Json locations = Json::array(), places = Json::array();
  for (size_t i = 0; i < v.places.size(); ++i) {
    std::string id = absl::StrCat("place-", i);
    places.push_back(PlaceLocation(id, v.places[i]));
    locations.push_back({{"location", Reference("#" + id)}});
  }
  if (!places.empty()) encounter["contained"] = places;
  encounter["identifier"] = Json::array({Identifier(
      kResourceNames, ClientChildNameOf(source.client.org_id, source.client.id, "visits", v.id))});
  encounter["status"] = "finished";
  encounter["class"] = EncounterClass(v);
  encounter["type"] = Json::array({Concept(kVisitModes, v.mode, Display(v.mode))});
  encounter["subject"] = subject;
  encounter["participant"] =
      Json::array({{{"type", Role("experience-guide", "Experience guide (kokemusohjaaja)")},
                    {"individual", GuideReference(source.client.org_id, v.guide_id)}}});
  encounter["period"] = {{"start", Instant(v.start_time)},
                         {"end", Instant(v.start_time + absl::Minutes(v.duration_minutes))}};
  encounter["length"] = {
      {"value", v.duration_minutes}, {"unit", "min"}, {"system", kUcum}, {"code", "min"}};
  if (!locations.empty()) encounter["location"] = locations;
  return encounter;
}

bool IsAbsoluteUri(absl::string_view uri) {
  size_t colon = uri.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon + 1 == uri.size()) return false;
  if (!absl::ascii_isalpha(uri[0])) return false;
  for (char c : uri) {
    if (absl::ascii_isspace(c) || absl::ascii_iscntrl(c)) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<IdentifierSystems> ParseIdentifierSystems(absl::string_view text) {
  IdentifierSystems systems;
  for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(entry, '=');
    if (parts.first.empty() || !IsAbsoluteUri(parts.second)) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", entry, "\" is not SYSTEM=URI, e.g. apotti=urn:oid:1.2.246.537.6.1"));
    }
    if (!systems.emplace(parts.first, parts.second).second) {
      return absl::InvalidArgumentError(absl::StrCat("\"", parts.first, "\" is given twice"));
    }
  }
  return systems;
}

absl::StatusOr<FhirSubject> SubjectOf(const storage::ClientRecord& client, absl::string_view system,
                                      const IdentifierSystems& systems) {
  for (const storage::ExternalRefRecord& ref : client.external_refs) {
    if (!system.empty() && ref.system != system) continue;
    auto it = systems.find(ref.system);
    return FhirSubject{
        it != systems.end() ? it->second : absl::StrCat(kDefaultIdentifierSystemBase, ref.system),
        ref.id};
  }
  return WithReason(
      absl::FailedPreconditionError(
          system.empty() ? "the client has no external ref to name them by in FHIR"
                         : "the client has no external ref in that identifier_system"),
      "NO_EXTERNAL_REF");
}

std::string CarePlanBundle(const storage::CarePlanSource& source, const FhirSubject& subject,
                           const std::string& bundle_id, absl::Time now) {
  const Json patient = IdentifierReference("Patient", subject.system, subject.value);
  Json entries = Json::array();
  auto add = [&](const std::string& id, Json resource) {
    entries.push_back({{"fullUrl", FullUrl(id)}, {"resource", std::move(resource)}});
  };
  for (const storage::ExportedGuidance& g : source.guidances) {
    add(g.assignment.id, CarePlan(source, g, patient));
  }
  for (const storage::ExportedGoal& g : source.goals) add(g.goal.id, Goal(source, g, patient));
  for (const storage::ExportedVisit& v : source.visits) add(v.id, Encounter(source, v, patient));
  Json bundle{{"resourceType", "Bundle"},
              {"id", bundle_id},
              {"meta", {{"lastUpdated", Instant(now)}}},
              {"type", "collection"},
              {"timestamp", Instant(now)}};
  // FHIR has no empty elements: a client without guidance is a bundle without entries.
  if (!entries.empty()) bundle["entry"] = std::move(entries);
  // Text from the database is UTF-8; anything else would be replaced rather than fail the export.
  return bundle.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace rinnalla::integration
