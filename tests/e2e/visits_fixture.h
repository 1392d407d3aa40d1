#ifndef RINNALLA_TESTS_E2E_VISITS_FIXTURE_H_
#define RINNALLA_TESTS_E2E_VISITS_FIXTURE_H_

// Guides with clients (through the Matching RPCs), and Visits stubs.

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "matching_fixture.h"
#include "proto_time.h"
#include "resource_names.h"
#include "rinnalla/v1/meetings.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace rinnalla::testing {

// A guide, their client and the ACTIVE assignment between them (notes_fixture.h has its own
// Guidance, without the caller).
struct GuideAndClient {
  v1::Guide guide;
  v1::Client client;
  v1::Assignment assignment;
  Caller caller;  // the guide
  std::string org = "paijat-hame";
  std::string assignment_id() const {
    return assignment.name().substr(assignment.name().rfind('/') + 1);
  }
  std::string client_id() const { return client.name().substr(client.name().rfind('/') + 1); }
};

class VisitsTest : public MatchingTest {
 protected:
  // The assignment is moved to have started 60 days ago, so visits of the past weeks fit in it.
  GuideAndClient MakeGuidance(const std::string& ref, const std::string& guide_name = "Aino") {
    GuideAndClient g;
    g.guide = MakeGuide(guide_name, {v1::MENTAL_HEALTH, v1::DEBT}, 10);
    g.client = MustCreateClient(ref);
    EXPECT_TRUE(Assign(Refer(g.client), g.guide, &g.assignment).ok());
    g.caller = AsGuide(g.guide);
    SqlOnAssignment(g, "start_time = start_time - interval '60 days'");
    return g;
  }

  // UPDATE assignments SET <set> for the guidance's assignment.
  void SqlOnAssignment(const GuideAndClient& g, const std::string& set) {
    server_.database().Exec("UPDATE assignments SET " + set + " WHERE id = '" + g.assignment_id() +
                            "'");
  }

  // A PROPOSED goal of the guidance, as a social worker creates it; its name.
  std::string MakeGoal(const GuideAndClient& g, const std::string& title = "Asunto keväällä") {
    v1::CreateGoalRequest request;
    request.set_parent(g.client.name());
    request.mutable_goal()->set_assignment(g.assignment.name());
    request.mutable_goal()->set_title(title);
    for (const char* level :
         {"Paljon huonommin", "Huonommin", "Odotetusti", "Paremmin", "Paljon paremmin"}) {
      request.mutable_goal()->add_gas_levels(level);
    }
    v1::Goal out;
    grpc::Status status =
        meetings_->CreateGoal(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  // The client's information-sharing decision for the guidance, as a social worker records it.
  void GrantConsent(const GuideAndClient& g, bool granted = true) {
    v1::SetInformationSharingConsentRequest request;
    request.set_parent(g.client.name());
    request.set_assignment(g.assignment.name());
    request.set_granted(granted);
    v1::InformationSharingConsent out;
    grpc::Status status = meetings_->SetInformationSharingConsent(
        TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static v1::Visit ValidVisit(const GuideAndClient& g, absl::Duration ago = absl::Hours(2)) {
    v1::Visit v;
    v.set_assignment(g.assignment.name());
    SetTimestamp(absl::Now() - ago, v.mutable_start_time());
    v.set_duration_minutes(90);
    v.set_mode(v1::Visit::IN_PERSON);
    v.add_places(v1::PUBLIC_PLACE);
    v.set_summary("Kahvilla kirjastossa.\nPuhuttiin asuntohakemuksesta.");
    return v;
  }

  // An ACCOMPANIED visit to Kela and the housing office.
  static v1::Visit AccompaniedVisit(const GuideAndClient& g, absl::Duration ago = absl::Hours(3)) {
    v1::Visit v = ValidVisit(g, ago);
    v.set_mode(v1::Visit::ACCOMPANIED);
    v.clear_places();
    v.add_places(v1::KELA);
    v.add_places(v1::HOUSING);
    v1::PlaceOutcome* kela = v.add_place_outcomes();
    kela->set_place(v1::KELA);
    kela->set_appointment(v1::PlaceOutcome::KEPT);
    kela->add_actions(v1::PlaceOutcome::APPLICATION_FILED);
    kela->set_acting(v1::PlaceOutcome::CLIENT_ON_OWN);
    kela->set_note("Toimeentulotukihakemus jätetty.");
    v1::PlaceOutcome* housing = v.add_place_outcomes();
    housing->set_place(v1::HOUSING);
    housing->set_appointment(v1::PlaceOutcome::WALK_IN);
    housing->add_actions(v1::PlaceOutcome::INFORMATION_RECEIVED);
    housing->add_actions(v1::PlaceOutcome::APPOINTMENT_BOOKED);
    housing->set_acting(v1::PlaceOutcome::CLIENT_WITH_GUIDE);
    return v;
  }

  static v1::LogVisitRequest LogRequest(const GuideAndClient& g, const v1::Visit& visit,
                                        const std::string& visit_id = "",
                                        const std::string& request_id = "") {
    v1::LogVisitRequest r;
    r.set_parent(g.client.name());
    *r.mutable_visit() = visit;
    r.set_visit_id(visit_id);
    r.set_request_id(request_id);
    return r;
  }

  grpc::Status LogVisit(const Caller& caller, const v1::LogVisitRequest& request, v1::Visit* out) {
    return visits_->LogVisit(TestServer::ContextFor(caller).get(), request, out);
  }

  v1::Visit MustLog(const GuideAndClient& g, const v1::Visit& visit) {
    v1::Visit out;
    grpc::Status status = LogVisit(g.caller, LogRequest(g, visit), &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  grpc::Status GetVisit(const Caller& caller, const std::string& name, v1::Visit* out) {
    v1::GetVisitRequest r;
    r.set_name(name);
    return visits_->GetVisit(TestServer::ContextFor(caller).get(), r, out);
  }

  grpc::Status ListVisits(const Caller& caller, const std::string& parent,
                          const std::string& filter, v1::ListVisitsResponse* out, int page_size = 0,
                          const std::string& page_token = "") {
    v1::ListVisitsRequest r;
    r.set_parent(parent);
    r.set_filter(filter);
    r.set_page_size(page_size);
    r.set_page_token(page_token);
    return visits_->ListVisits(TestServer::ContextFor(caller).get(), r, out);
  }

  grpc::Status Amend(const Caller& caller, const v1::Visit& visit, std::vector<std::string> paths,
                     const std::string& reason, v1::Visit* out) {
    v1::AmendVisitRequest r;
    *r.mutable_visit() = visit;
    for (const auto& p : paths) r.mutable_update_mask()->add_paths(p);
    r.set_reason(reason);
    return visits_->AmendVisit(TestServer::ContextFor(caller).get(), r, out);
  }

  // Rows written by visits: the visits, their revisions, and their events.
  long long VisitsWritten() {
    return Count("visits") + Count("visit_revisions") + Count("visit_place_outcomes") +
           Count("visit_goals") + Count("events WHERE kind LIKE 'visit%'");
  }

  static Caller Staff(const std::string& role = "social_worker") {
    return {"paijat-hame", role, "users/" + role};
  }

  std::unique_ptr<v1::Visits::Stub> visits_ = v1::Visits::NewStub(server_.channel());
  std::unique_ptr<v1::Meetings::Stub> meetings_ = v1::Meetings::NewStub(server_.channel());
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_VISITS_FIXTURE_H_
