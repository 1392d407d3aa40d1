// Pure pieces of the Integration service: feed cursors, event kind filters, the record systems'
// FHIR identifier systems, and the FHIR care plan bundle built from records.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "errors.h"
#include "feed_cursor.h"
#include "fhir_care_plan.h"
#include "fhir_shape.h"
#include "integration/validation.h"

namespace rinnalla::integration {
namespace {

using Json = nlohmann::json;

TEST(FeedCursor, RoundTripsAndRefusesAnythingElse) {
  storage::FeedPosition position{18446744073709551000ull, 9007199254740993};
  std::string cursor = EncodeCursor(position);
  auto decoded = DecodeCursor(cursor);
  ASSERT_TRUE(decoded.ok());
  ASSERT_TRUE(decoded->has_value());
  EXPECT_EQ(**decoded, position);
  EXPECT_FALSE(absl::StrContains(cursor, "9007199254740993")) << "opaque, not the numbers";

  auto empty = DecodeCursor("");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());
  for (const std::string& bad : std::vector<std::string>{
           "x", "Zm9v", "ZjEuMS4y!", EncodeCursor(position) + "AA", std::string(200, 'A')}) {
    auto refused = DecodeCursor(bad);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(EventKinds, FilterByKindOrResourceType) {
  EXPECT_TRUE(KindSelected({}, "client.created"));
  EXPECT_TRUE(KindSelected({"client"}, "client.updated"));
  EXPECT_TRUE(KindSelected({"visit", "client.created"}, "client.created"));
  EXPECT_FALSE(KindSelected({"client.created"}, "client.updated"));
  EXPECT_FALSE(KindSelected({"client"}, "clients.updated"));
  EXPECT_FALSE(KindSelected({"cli"}, "client.updated"));

  google::protobuf::RepeatedPtrField<std::string> kinds;
  for (const char* kind : {"client", "assignment.updated", "Client", "a.b.c", "", "visit."}) {
    *kinds.Add() = kind;
  }
  FieldViolations v;
  CheckEventKinds(kinds, v);
  absl::Status status = v.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "kinds[2]")) << status;
}

TEST(IdentifierSystems, ParsesTheFlag) {
  auto systems = ParseIdentifierSystems("apotti=urn:oid:1.2.246.10.1, lifecare=https://x.fi/ids");
  ASSERT_TRUE(systems.ok()) << systems.status();
  EXPECT_EQ(systems->at("apotti"), "urn:oid:1.2.246.10.1");
  EXPECT_EQ(systems->at("lifecare"), "https://x.fi/ids");
  EXPECT_TRUE(ParseIdentifierSystems("")->empty());
  for (const char* bad : {"apotti", "apotti=not a uri", "=urn:x:y", "a=urn:x:y,a=urn:x:z"}) {
    EXPECT_FALSE(ParseIdentifierSystems(bad).ok()) << bad;
  }
}

TEST(FhirSubject, ByTheChosenRecordSystemElseTheFirst) {
  storage::ClientRecord client;
  client.external_refs = {{"apotti", "A-1"}, {"lifecare", "L-7"}};
  IdentifierSystems systems = {{"lifecare", "urn:oid:1.2.3"}};
  auto first = SubjectOf(client, "", systems);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->system, std::string(kDefaultIdentifierSystemBase) + "apotti");
  EXPECT_EQ(first->value, "A-1");
  auto chosen = SubjectOf(client, "lifecare", systems);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(chosen->system, "urn:oid:1.2.3");
  EXPECT_EQ(chosen->value, "L-7");
  EXPECT_EQ(SubjectOf(client, "proconsona", systems).status().code(),
            absl::StatusCode::kFailedPrecondition);
  client.external_refs.clear();
  EXPECT_EQ(SubjectOf(client, "", systems).status().code(), absl::StatusCode::kFailedPrecondition);
}

// A guidance that ended with its goals reached, an earlier one that was rematched, goals in
// every state and visits of every mode.
storage::CarePlanSource Story() {
  storage::CarePlanSource s;
  s.client.org_id = "paijat-hame";
  s.client.id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0001";
  s.client.display_name = "Matti Meikäläinen";
  s.client.external_refs = {{"apotti", "A-100"}};
  const absl::Time t0 = absl::FromUnixSeconds(1714550400);  // 2024-05-01T08:00:00Z
  storage::ExportedGuidance first;
  storage::AssignmentRecord& a = first.assignment;
  a.org_id = "paijat-hame";
  a.id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0002";
  a.client_id = s.client.id;
  a.guide_id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0003";
  a.referral_id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0004";
  a.state = "ENDED";
  a.start_time = t0;
  a.end_time = t0 + absl::Hours(24 * 7);
  a.end_reason = "REMATCH";
  storage::ExportedGuidance second = first;
  second.assignment.id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0005";
  second.assignment.start_time = t0 + absl::Hours(24 * 8);
  second.assignment.end_time = t0 + absl::Hours(24 * 100);
  second.assignment.end_reason = "GOALS_REACHED";
  second.social_workers = {"users/sosiaalityontekija"};
  s.guidances = {first, second};
  const std::vector<std::string> levels = {"much worse", "worse", "as expected", "better",
                                           "much better"};
  std::vector<std::string> states = {"PROPOSED", "AGREED", "ACHIEVED", "NOT_ACHIEVED", "DROPPED"};
  for (size_t i = 0; i < states.size(); ++i) {
    storage::ExportedGoal exported;
    storage::GoalRecord& g = exported.goal;
    g.id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b001" + std::to_string(i);
    g.assignment_id = second.assignment.id;
    g.title = "Käyn Kelassa itse <i>\"omin\"</i> sanoin";
    if (i % 2 == 0) g.area = "LONG_TERM_UNEMPLOYMENT";
    if (states[i] != "PROPOSED" && states[i] != "DROPPED") g.gas_levels = levels;
    if (i == 1) g.target_date = absl::CivilDay(2024, 9, 30);
    g.state = states[i];
    if (states[i] != "PROPOSED") g.agree_time = t0 + absl::Hours(24 * 9);
    g.update_time = t0 + absl::Hours(24 * 50);
    if (i == 1) exported.ratings = {{-1, "CLIENT", t0}, {1, "GUIDE", t0 + absl::Hours(1)}};
    s.goals.push_back(exported);
  }
  for (const std::string& mode :
       std::vector<std::string>{"IN_PERSON", "PHONE", "VIDEO", "ACCOMPANIED"}) {
    storage::ExportedVisit v;
    v.id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b002" + std::to_string(s.visits.size());
    v.assignment_id = second.assignment.id;
    v.guide_id = second.assignment.guide_id;
    v.start_time = t0 + absl::Hours(24 * (10 + s.visits.size()));
    v.duration_minutes = 90;
    v.mode = mode;
    if (mode == "IN_PERSON") v.places = {"CLIENT_HOME"};
    if (mode == "ACCOMPANIED") v.places = {"KELA", "EMPLOYMENT_SERVICES"};
    s.visits.push_back(v);
  }
  return s;
}

TEST(FhirCarePlan, AStoryConformsToFhirR4) {
  storage::CarePlanSource story = Story();
  std::string text =
      CarePlanBundle(story, {"urn:oid:1.2.246.10.1", "A-100"},
                     "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0099", absl::FromUnixSeconds(1730000000));
  std::vector<std::string> problems = rinnalla::testing::FhirBundleProblems(text);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << "\n" << text;
  EXPECT_FALSE(absl::StrContains(text, "Meikäläinen")) << "the client is never named";

  Json bundle = Json::parse(text);
  ASSERT_EQ(bundle["entry"].size(), 2u + 5u + 4u);
  const Json& ended = bundle["entry"][0]["resource"];
  EXPECT_EQ(ended["status"], "revoked") << "a rematch ends a plan before completion";
  const Json& plan = bundle["entry"][1]["resource"];
  EXPECT_EQ(plan["status"], "completed");
  EXPECT_EQ(plan["subject"]["identifier"]["system"], "urn:oid:1.2.246.10.1");
  EXPECT_EQ(plan["subject"]["identifier"]["value"], "A-100");
  EXPECT_EQ(plan["goal"].size(), 5u);
  EXPECT_EQ(plan["activity"][0]["outcomeReference"].size(), 4u);
  const Json& team = plan["contained"][0];
  EXPECT_EQ(team["resourceType"], "CareTeam");
  ASSERT_EQ(team["participant"].size(), 2u);
  EXPECT_EQ(team["participant"][0]["role"][0]["coding"][0]["code"], "experience-guide");
  EXPECT_EQ(team["participant"][1]["member"]["identifier"]["value"], "users/sosiaalityontekija");

  std::vector<std::string> lifecycle, achievement;
  for (size_t i = 2; i < 7; ++i) {
    const Json& goal = bundle["entry"][i]["resource"];
    lifecycle.push_back(goal["lifecycleStatus"]);
    achievement.push_back(goal.contains("achievementStatus")
                              ? goal["achievementStatus"]["coding"][0]["code"].get<std::string>()
                              : "-");
  }
  EXPECT_EQ(lifecycle, (std::vector<std::string>{"proposed", "active", "completed", "completed",
                                                 "cancelled"}));
  EXPECT_EQ(achievement,
            (std::vector<std::string>{"-", "improving", "achieved", "not-achieved", "-"}));
  const Json& agreed = bundle["entry"][3]["resource"];
  EXPECT_EQ(agreed["description"]["text"], story.goals[1].goal.title) << "the client's own words";
  const Json& target = agreed["target"][0];
  EXPECT_EQ(target["dueDate"], "2024-09-30");
  EXPECT_EQ(target["detailInteger"], 0);
  ASSERT_EQ(target["extension"].size(), 5u);
  EXPECT_EQ(target["extension"][0]["extension"][0]["valueInteger"], -2);
  EXPECT_EQ(target["extension"][4]["extension"][1]["valueString"], "much better");

  std::vector<std::string> classes;
  for (size_t i = 7; i < 11; ++i) {
    const Json& encounter = bundle["entry"][i]["resource"];
    classes.push_back(encounter["class"]["code"]);
    EXPECT_EQ(encounter["length"]["value"], 90);
  }
  EXPECT_EQ(classes, (std::vector<std::string>{"HH", "VR", "VR", "FLD"}));
  const Json& accompanied = bundle["entry"][10]["resource"];
  ASSERT_EQ(accompanied["location"].size(), 2u);
  EXPECT_EQ(accompanied["contained"][0]["type"][0]["coding"][0]["code"], "KELA");
}

TEST(FhirCarePlan, AClientWithoutGuidanceIsAnEmptyCollection) {
  storage::CarePlanSource source;
  source.client.org_id = "x";
  source.client.id = "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0001";
  std::string text = CarePlanBundle(source, {"urn:oid:1.2", "A"},
                                    "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0099", absl::Now());
  // An empty list is left out, as FHIR wants no empty elements.
  std::vector<std::string> problems = rinnalla::testing::FhirBundleProblems(text);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  EXPECT_FALSE(Json::parse(text).contains("entry"));
}

TEST(FhirShape, CatchesWhatReceiversReject) {
  // The checker itself: each broken rule is found.
  std::string text = CarePlanBundle(Story(), {"urn:oid:1.2", "A-100"},
                                    "0b8e3f6e-4a9e-4c5e-9f71-6d2c1f2b0099", absl::Now());
  Json bundle = Json::parse(text);
  bundle["entry"][1]["resource"]["status"] = "finished";
  bundle["entry"][1]["resource"]["subject"]["display"] = "Matti";
  bundle["entry"][1]["resource"]["goal"][0]["reference"] = "Goal/123";
  bundle["entry"][7]["resource"]["class"]["code"] = "HOME";
  bundle["entry"][2]["resource"].erase("description");
  bundle["entry"][3]["resource"]["startDate"] = "1.5.2024";
  std::vector<std::string> problems = rinnalla::testing::FhirBundleProblems(bundle.dump());
  EXPECT_EQ(problems.size(), 6u) << ::testing::PrintToString(problems);
  // Each break is found by its own rule, not six of anything.
  for (const char* rule :
       {R"(code "finished" is not in its value set)", "names the client other than by identifier",
        "Goal/123 names no entry of the bundle",
        R"(class.code: code "HOME" is not in its value set)",
        "required element description is missing", "not a date"}) {
    EXPECT_EQ(
        std::count_if(problems.begin(), problems.end(),
                      [&](const std::string& p) { return p.find(rule) != std::string::npos; }),
        1)
        << rule << " in " << ::testing::PrintToString(problems);
  }
}

}  // namespace
}  // namespace rinnalla::integration
