// Every Visits field rule: INVALID_ARGUMENT naming the field, and nothing written. The rules that
// need the database (assignment, window, goals) are in visits_access_e2e_test.cc.

#include <functional>

#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

struct VisitCase {
  std::string label;
  std::function<void(v1::LogVisitRequest&)> spoil;
  std::string field;
};
void PrintTo(const VisitCase& c, std::ostream* os) { *os << c.label; }

class VisitValidationTest : public VisitsTest, public ::testing::WithParamInterface<VisitCase> {};

TEST_P(VisitValidationTest, RefusesAndWritesNothing) {
  GuideAndClient g = MakeGuidance("A-rules");
  v1::LogVisitRequest request = LogRequest(g, AccompaniedVisit(g), NewUuid(), NewUuid());
  GetParam().spoil(request);
  const long long access_rows = Count("access_log");
  v1::Visit out;
  grpc::Status status = LogVisit(g.caller, request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains(GetParam().field))
      << "fields named: " << ::testing::PrintToString(ViolatedFields(status));
  EXPECT_EQ(ErrorReason(status), "INVALID_FIELD");
  EXPECT_EQ(VisitsWritten(), 0);
  EXPECT_EQ(Count("idempotency_keys"), 0);
  EXPECT_EQ(Count("access_log"), access_rows) << "bad input touches no client data";
  EXPECT_EQ(out.ByteSizeLong(), 0u);
}

v1::Visit& V(v1::LogVisitRequest& r) { return *r.mutable_visit(); }
v1::PlaceOutcome& Kela(v1::LogVisitRequest& r) {
  return *r.mutable_visit()->mutable_place_outcomes(0);
}

INSTANTIATE_TEST_SUITE_P(
    LogVisit, VisitValidationTest,
    ::testing::Values(
        VisitCase{"MalformedParent", [](auto& r) { r.set_parent("organizations/paijat-hame"); },
                  "parent"},
        VisitCase{"ParentNotAClient",
                  [](auto& r) { r.set_parent("organizations/paijat-hame/guides/" + NewUuid()); },
                  "parent"},
        VisitCase{"MalformedVisitId", [](auto& r) { r.set_visit_id("visit-1"); }, "visit_id"},
        VisitCase{"UpperCaseVisitId",
                  [](auto& r) { r.set_visit_id("6F9619FF-8B86-D011-B42D-00C04FC964FF"); },
                  "visit_id"},
        VisitCase{"MalformedRequestId", [](auto& r) { r.set_request_id("retry"); }, "request_id"},
        VisitCase{"NoAssignment", [](auto& r) { V(r).clear_assignment(); }, "visit.assignment"},
        VisitCase{
            "AssignmentOfAnotherOrganization",
            [](auto& r) { V(r).set_assignment("organizations/helsinki/assignments/" + NewUuid()); },
            "visit.assignment"},
        VisitCase{"MalformedAssignment",
                  [](auto& r) { V(r).set_assignment("organizations/paijat-hame/assignments/1"); },
                  "visit.assignment"},
        VisitCase{"NoStartTime", [](auto& r) { V(r).clear_start_time(); }, "visit.start_time"},
        VisitCase{"StartInTheFuture",
                  [](auto& r) {
                    SetTimestamp(absl::Now() + absl::Minutes(30), V(r).mutable_start_time());
                  },
                  "visit.start_time"},
        VisitCase{"StartOutOfRange",
                  [](auto& r) { V(r).mutable_start_time()->set_seconds(-99999999999); },
                  "visit.start_time"},
        VisitCase{"NegativeNanos", [](auto& r) { V(r).mutable_start_time()->set_nanos(-1); },
                  "visit.start_time"},
        VisitCase{"ZeroDuration", [](auto& r) { V(r).set_duration_minutes(0); },
                  "visit.duration_minutes"},
        VisitCase{"NegativeDuration", [](auto& r) { V(r).set_duration_minutes(-5); },
                  "visit.duration_minutes"},
        VisitCase{"DurationOverADay", [](auto& r) { V(r).set_duration_minutes(1441); },
                  "visit.duration_minutes"},
        VisitCase{"NoMode", [](auto& r) { V(r).set_mode(v1::Visit::MODE_UNSPECIFIED); },
                  "visit.mode"},
        VisitCase{"UnknownMode", [](auto& r) { V(r).set_mode(static_cast<v1::Visit::Mode>(9)); },
                  "visit.mode"},
        VisitCase{"UnknownPlace",
                  [](auto& r) { V(r).add_places(static_cast<v1::ServicePlace>(99)); },
                  "visit.places[2]"},
        VisitCase{"UnspecifiedPlace",
                  [](auto& r) { V(r).set_places(1, v1::SERVICE_PLACE_UNSPECIFIED); },
                  "visit.places[1]"},
        VisitCase{"RepeatedPlace", [](auto& r) { V(r).add_places(v1::KELA); }, "visit.places[2]"},
        VisitCase{"AccompaniedWithoutPlaces",
                  [](auto& r) {
                    V(r).clear_places();
                    V(r).clear_place_outcomes();
                  },
                  "visit.places"},
        VisitCase{"GoalOfAnotherClient",
                  [](auto& r) {
                    V(r).add_goals("organizations/paijat-hame/clients/" + NewUuid() + "/goals/" +
                                   NewUuid());
                  },
                  "visit.goals[0]"},
        VisitCase{"MalformedGoal", [](auto& r) { V(r).add_goals("tavoite 1"); }, "visit.goals[0]"},
        VisitCase{"RepeatedGoal",
                  [](auto& r) {
                    const std::string goal = r.parent() + "/goals/" + NewUuid();
                    V(r).add_goals(goal);
                    V(r).add_goals(goal);
                  },
                  "visit.goals[1]"},
        VisitCase{"TooManyGoals",
                  [](auto& r) {
                    for (int i = 0; i < 21; ++i) V(r).add_goals(r.parent() + "/goals/" + NewUuid());
                  },
                  "visit.goals"},
        VisitCase{"LongSummary", [](auto& r) { V(r).set_summary(std::string(4001, 'a')); },
                  "visit.summary"},
        VisitCase{"LongSummaryInCharacters",
                  [](auto& r) {
                    std::string s;
                    for (int i = 0; i < 4001; ++i) s += "ä";
                    V(r).set_summary(s);
                  },
                  "visit.summary"},
        VisitCase{"ControlCharacterInSummary",
                  [](auto& r) { V(r).set_summary(std::string("ok\x1f") + "no"); }, "visit.summary"},
        VisitCase{"OutcomesOfAVisitNotAccompanied",
                  [](auto& r) { V(r).set_mode(v1::Visit::IN_PERSON); }, "visit.place_outcomes"},
        VisitCase{"PlaceWithoutOutcome",
                  [](auto& r) { V(r).mutable_place_outcomes()->RemoveLast(); },
                  "visit.place_outcomes"},
        VisitCase{"OutcomeOfAPlaceNotVisited",
                  [](auto& r) { Kela(r).set_place(v1::HEALTH_CENTRE); },
                  "visit.place_outcomes[0].place"},
        VisitCase{"TwoOutcomesOfOnePlace",
                  [](auto& r) { V(r).mutable_place_outcomes(1)->set_place(v1::KELA); },
                  "visit.place_outcomes[1].place"},
        VisitCase{
            "NoAppointment",
            [](auto& r) { Kela(r).set_appointment(v1::PlaceOutcome::APPOINTMENT_UNSPECIFIED); },
            "visit.place_outcomes[0].appointment"},
        VisitCase{"NoActing",
                  [](auto& r) { Kela(r).set_acting(v1::PlaceOutcome::ACTING_UNSPECIFIED); },
                  "visit.place_outcomes[0].acting"},
        VisitCase{"UnknownAction",
                  [](auto& r) { Kela(r).add_actions(static_cast<v1::PlaceOutcome::Action>(40)); },
                  "visit.place_outcomes[0].actions[1]"},
        VisitCase{"RepeatedAction",
                  [](auto& r) { Kela(r).add_actions(v1::PlaceOutcome::APPLICATION_FILED); },
                  "visit.place_outcomes[0].actions[1]"},
        VisitCase{"LongNote", [](auto& r) { Kela(r).set_note(std::string(1001, 'n')); },
                  "visit.place_outcomes[0].note"},
        VisitCase{"ControlCharacterInNote", [](auto& r) { Kela(r).set_note("a\x07"); },
                  "visit.place_outcomes[0].note"}),
    [](const auto& info) { return info.param.label; });

TEST_F(VisitsTest, EveryBrokenRuleIsNamedAtOnce) {
  GuideAndClient g = MakeGuidance("A-all");
  v1::LogVisitRequest request = LogRequest(g, ValidVisit(g));
  request.mutable_visit()->set_duration_minutes(0);
  request.mutable_visit()->set_mode(v1::Visit::MODE_UNSPECIFIED);
  request.set_visit_id("x");
  v1::Visit out;
  grpc::Status status = LogVisit(g.caller, request, &out);
  EXPECT_EQ(ViolatedFields(status),
            (std::set<std::string>{"visit.duration_minutes", "visit.mode", "visit_id"}));
}

TEST_F(VisitsTest, SummariesKeepTheirLineBreaksAndTheSkewIsAllowed) {
  GuideAndClient g = MakeGuidance("A-lines");
  v1::Visit visit = ValidVisit(g);
  visit.set_summary("Rivi 1\r\nRivi 2\n\tsisennetty");
  SetTimestamp(absl::Now() + absl::Minutes(3), visit.mutable_start_time());  // a fast phone clock
  v1::Visit out;
  ASSERT_TRUE(LogVisit(g.caller, LogRequest(g, visit), &out).ok());
  EXPECT_EQ(out.summary(), "Rivi 1\r\nRivi 2\n\tsisennetty");
}

TEST_F(VisitsTest, AmendmentsFollowTheSameRules) {
  GuideAndClient g = MakeGuidance("A-amend-rules");
  v1::Visit logged = MustLog(g, ValidVisit(g));
  auto amend = [&](const v1::Visit& change, std::vector<std::string> paths,
                   const std::string& reason) {
    v1::Visit out;
    return Amend(g.caller, change, paths, reason, &out);
  };
  v1::Visit change;
  change.set_name(logged.name());
  change.set_duration_minutes(2000);
  grpc::Status status = amend(change, {"duration_minutes"}, "pidempi");
  EXPECT_TRUE(ViolatedFields(status).contains("visit.duration_minutes"));
  // Made ACCOMPANIED without saying where it went.
  change.set_duration_minutes(60);
  change.set_mode(v1::Visit::ACCOMPANIED);
  status = amend(change, {"mode"}, "saattaen");
  EXPECT_TRUE(ViolatedFields(status).contains("visit.place_outcomes"));
  status = amend(change, {"duration_minutes"}, "");
  EXPECT_TRUE(ViolatedFields(status).contains("reason"));
  status = amend(change, {"guide"}, "ohjaaja");
  EXPECT_TRUE(ViolatedFields(status).contains("update_mask"));
  change.set_name("organizations/paijat-hame/visits/" + NewUuid());
  status = amend(change, {"duration_minutes"}, "nimi");
  EXPECT_TRUE(ViolatedFields(status).contains("visit.name"));
  // An empty mask replaces every field: a start time is then required.
  v1::Visit whole;
  whole.set_name(logged.name());
  whole.set_duration_minutes(30);
  whole.set_mode(v1::Visit::PHONE);
  status = amend(whole, {}, "kaikki");
  EXPECT_TRUE(ViolatedFields(status).contains("visit.start_time"));
  EXPECT_EQ(Count("visit_revisions"), 1);
  EXPECT_EQ(Count("events WHERE kind = 'visit.amended'"), 0);
}

}  // namespace
}  // namespace rinnalla::testing
