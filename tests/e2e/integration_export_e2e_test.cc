// ExportCarePlan end to end: a whole guidance, from the record system's referral to the closing
// meeting, comes back to the record system as an HL7 FHIR R4 bundle it can store.

#include <nlohmann/json.hpp>

#include "fhir_shape.h"
#include "integration_fixture.h"
#include "meetings_fixture.h"
#include "proto_time.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace rinnalla::testing {
namespace {

using Json = nlohmann::json;

// The guidance of a client whom the record system sent, and referred.
class CarePlanExportTest : public MeetingsTest {
 protected:
  void SetUp() override {
    v1::ImportClientsResponse imported;
    ASSERT_TRUE(
        ImportWith(*integration_, {ImportOf("A-500", "Matti Meikäläinen")}, &imported).ok());
    client_.set_name(imported.results(0).client());
    guide_ = MakeGuide("Aino", {v1::MENTAL_HEALTH, v1::DEBT});
    v1::Referral referral;
    ASSERT_TRUE(matching_
                    ->CreateReferral(TestServer::ContextFor(kIntegration).get(),
                                     ReferralOf("A-500"), &referral)
                    .ok());
    ASSERT_TRUE(Assign(referral, guide_, &assignment_).ok());
    // The server starts an assignment now; this guidance began 200 days ago, so its visits of
    // the past months fit in it.
    server_.database().Exec(
        "UPDATE assignments SET start_time = start_time - interval '200 days'"
        " WHERE id = '" +
        IdOf(assignment_.name()) + "'");
  }

  grpc::Status Export(v1::ExportCarePlanResponse* out, const Caller& caller = kIntegration,
                      const std::string& system = "") {
    v1::ExportCarePlanRequest request;
    request.set_client(client_.name());
    request.set_identifier_system(system);
    return integration_->ExportCarePlan(TestServer::ContextFor(caller).get(), request, out);
  }

  // An outreach visit the guide logged `days_ago` days ago, through the Visits RPC; an
  // ACCOMPANIED one tells what happened at each place.
  void LogVisit(v1::Visit::Mode mode, const std::vector<v1::ServicePlace>& places, int days_ago) {
    v1::LogVisitRequest request;
    request.set_parent(client_.name());
    v1::Visit* visit = request.mutable_visit();
    visit->set_assignment(assignment_.name());
    SetTimestamp(absl::Now() - absl::Hours(24 * days_ago), visit->mutable_start_time());
    visit->set_duration_minutes(75);
    visit->set_mode(mode);
    visit->set_summary("Kävimme yhdessä");
    for (v1::ServicePlace place : places) {
      visit->add_places(place);
      if (mode != v1::Visit::ACCOMPANIED) continue;
      v1::PlaceOutcome* outcome = visit->add_place_outcomes();
      outcome->set_place(place);
      outcome->set_appointment(v1::PlaceOutcome::KEPT);
      outcome->set_acting(v1::PlaceOutcome::CLIENT_WITH_GUIDE);
    }
    v1::Visit out;
    grpc::Status status =
        visits_->LogVisit(TestServer::ContextFor(AsGuide(guide_)).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

  std::unique_ptr<v1::Integration::Stub> integration_ = v1::Integration::NewStub(server_.channel());
  std::unique_ptr<v1::Visits::Stub> visits_ = v1::Visits::NewStub(server_.channel());
};

v1::GoalRating Rating(const v1::Goal& goal, int score) {
  v1::GoalRating r;
  r.set_goal(goal.name());
  r.set_score(score);
  r.set_rated_by(v1::CLIENT);
  return r;
}

TEST_F(CarePlanExportTest, AWholeGuidanceIsAFhirBundleNamingTheClientOnlyByTheirId) {
  // The joint goal-setting meeting agrees three goals in the client's own words.
  v1::RecordMeetingOutcomeRequest initial =
      OutcomeOf(MustCreateMeeting(v1::Meeting::INITIAL, -300));
  for (const char* title : {"Hoidan velkani", "Käyn Kelassa itse", "Löydän vertaisryhmän"}) {
    *initial.add_agreed_goals() = GoalWithLevels(title);
  }
  initial.mutable_agreed_goals(0)->mutable_target_date()->set_year(2030);
  initial.mutable_agreed_goals(0)->mutable_target_date()->set_month(6);
  initial.mutable_agreed_goals(0)->mutable_target_date()->set_day(30);
  v1::Meeting held;
  ASSERT_TRUE(Record(initial, &held).ok());
  std::vector<v1::Goal> goals = Goals();
  ASSERT_EQ(goals.size(), 3u);
  // Reviews rate the third goal: worse, then better.
  for (int score : {-1, 1}) {
    v1::RecordMeetingOutcomeRequest review =
        OutcomeOf(MustCreateMeeting(v1::Meeting::REVIEW, -200));
    *review.add_goal_ratings() = Rating(goals[2], score);
    ASSERT_TRUE(Record(review, &held).ok());
  }
  LogVisit(v1::Visit::IN_PERSON, {v1::CLIENT_HOME}, 150);
  LogVisit(v1::Visit::ACCOMPANIED, {v1::KELA, v1::EMPLOYMENT_SERVICES}, 100);
  LogVisit(v1::Visit::PHONE, {}, 50);
  // The closing meeting: the first goal reached, the second not; the guidance ends.
  v1::RecordMeetingOutcomeRequest closing = OutcomeOf(MustCreateMeeting(v1::Meeting::CLOSING, -2));
  for (auto [goal, state] : std::vector<std::pair<int, v1::Goal::State>>{
           {0, v1::Goal::ACHIEVED}, {1, v1::Goal::NOT_ACHIEVED}}) {
    v1::GoalClosing* c = closing.add_goal_closings();
    c->set_goal(goals[goal].name());
    c->set_final_state(state);
  }
  closing.set_end_assignment(true);
  ASSERT_TRUE(Record(closing, &held).ok());

  const long long log = Count("access_log WHERE method LIKE '%ExportCarePlan'");
  v1::ExportCarePlanResponse out;
  grpc::Status status = Export(&out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.content_type(), "application/fhir+json");
  std::vector<std::string> problems = FhirBundleProblems(out.bundle());
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << "\n" << out.bundle();
  EXPECT_EQ(out.bundle().find("Meikäläinen"), std::string::npos) << "never the client's name";
  EXPECT_EQ(out.bundle().find("Kävimme yhdessä"), std::string::npos) << "nor the guide's words";

  Json bundle = Json::parse(out.bundle());
  std::map<std::string, std::vector<Json>> by_type;
  for (const Json& entry : bundle["entry"]) {
    by_type[entry["resource"]["resourceType"]].push_back(entry["resource"]);
  }
  ASSERT_EQ(by_type["CarePlan"].size(), 1u);
  ASSERT_EQ(by_type["Goal"].size(), 3u);
  ASSERT_EQ(by_type["Encounter"].size(), 3u);
  const Json& plan = by_type["CarePlan"][0];
  EXPECT_EQ(plan["status"], "completed");
  EXPECT_EQ(plan["id"], IdOf(assignment_.name()));
  EXPECT_EQ(plan["subject"]["identifier"]["system"],
            "https://rinnalla.fi/fhir/NamingSystem/external-ref/apotti");
  EXPECT_EQ(plan["subject"]["identifier"]["value"], "A-500");
  EXPECT_TRUE(plan["period"].contains("end"));
  const Json& team = plan["contained"][0]["participant"];
  ASSERT_EQ(team.size(), 2u) << "the guide and the social worker of the meetings";
  EXPECT_EQ(team[0]["member"]["identifier"]["value"], guide_.name());
  EXPECT_EQ(team[1]["member"]["identifier"]["value"], kSocialWorker.sub);
  std::vector<std::string> achievement;
  for (const Json& goal : by_type["Goal"]) {
    achievement.push_back(goal["achievementStatus"]["coding"][0]["code"]);
  }
  EXPECT_EQ(achievement, (std::vector<std::string>{"achieved", "not-achieved", "improving"}));
  EXPECT_EQ(by_type["Goal"][0]["description"]["text"], "Hoidan velkani");
  EXPECT_EQ(by_type["Goal"][0]["target"][0]["dueDate"], "2030-06-30");
  EXPECT_EQ(by_type["Goal"][0]["target"][0]["extension"].size(), 5u) << "the GAS levels";
  std::vector<std::string> classes;
  for (const Json& encounter : by_type["Encounter"]) classes.push_back(encounter["class"]["code"]);
  EXPECT_EQ(classes, (std::vector<std::string>{"HH", "FLD", "VR"}));
  EXPECT_EQ(Count("access_log WHERE method LIKE '%ExportCarePlan' AND actor = 'systems/apotti'"
                  " AND outcome = 'OK'"),
            log + 1);
}

TEST_F(CarePlanExportTest, TheClientIsNamedByTheRecordSystemAsked) {
  v1::ImportClientRequest again = ImportOf("A-500", "Matti Meikäläinen");
  v1::ExternalRef* lifecare = again.mutable_client()->add_external_refs();
  lifecare->set_system("lifecare");
  lifecare->set_id("L-1");
  v1::ImportClientsResponse imported;
  ASSERT_TRUE(ImportWith(*integration_, {again}, &imported).ok());
  v1::ExportCarePlanResponse out;
  ASSERT_TRUE(Export(&out, kIntegration, "lifecare").ok());
  Json plan = Json::parse(out.bundle())["entry"][0]["resource"];
  EXPECT_EQ(plan["subject"]["identifier"]["value"], "L-1");
  EXPECT_EQ(plan["status"], "active");
  EXPECT_TRUE(FhirBundleProblems(out.bundle()).empty());

  grpc::Status status = Export(&out, kIntegration, "proconsona");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "NO_EXTERNAL_REF");
  status = Export(&out, kIntegration, "Pro Consona");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::set<std::string>{"identifier_system"});
}

TEST_F(CarePlanExportTest, RefusalsAndMissingClients) {
  // A client the Directory knows without any record system's id cannot be named in FHIR.
  client_ = MustCreateClient("ignored");
  v1::UpdateClientRequest strip;
  strip.mutable_client()->set_name(client_.name());
  strip.mutable_update_mask()->add_paths("external_refs");
  v1::Client stripped;
  ASSERT_TRUE(
      stub_->UpdateClient(TestServer::ContextFor(kSocialWorker).get(), strip, &stripped).ok());
  v1::ExportCarePlanResponse out;
  grpc::Status status = Export(&out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "NO_EXTERNAL_REF");

  client_.set_name(kParent + "/clients/1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  EXPECT_EQ(Export(&out).error_code(), grpc::StatusCode::NOT_FOUND);
  client_.set_name("clients/1");
  status = Export(&out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::set<std::string>{"client"});
}

TEST_F(CarePlanExportTest, StaffMayNotExportAndTheAttemptIsLogged) {
  v1::ExportCarePlanResponse out;
  for (const Caller& caller : {kSocialWorker, kCoordinator, AsGuide(guide_), kAuditor}) {
    EXPECT_EQ(Export(&out, caller).error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << caller.role;
  }
  EXPECT_EQ(Export(&out, kOtherIntegration).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("access_log WHERE method LIKE '%ExportCarePlan' AND outcome = 'DENIED'"), 5)
      << "the client may learn who tried, the other organization's system too";
  EXPECT_EQ(Count("access_log WHERE method LIKE '%ExportCarePlan' AND outcome = 'OK'"), 0);
}

TEST_F(CarePlanExportTest, EveryIntegrationCallNeedsAToken) {
  grpc::ClientContext export_context, import_context, watch_context;
  v1::ExportCarePlanRequest request;
  request.set_client(client_.name());
  v1::ExportCarePlanResponse out;
  EXPECT_EQ(integration_->ExportCarePlan(&export_context, request, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::ImportClientsResponse imported;
  auto writer = integration_->ImportClients(&import_context, &imported);
  writer->Write(ImportOf("A-x"));
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::WatchEventsRequest watch;
  watch.set_parent(kParent);
  auto reader = integration_->WatchEvents(&watch_context, watch);
  v1::Event event;
  EXPECT_FALSE(reader->Read(&event));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace rinnalla::testing
