// Who may do what, across every RPC, and the access log that records it.

#include <functional>
#include <map>
#include <set>

#include <google/protobuf/util/time_util.h>

#include "integration_fixture.h"
#include "matching_fixture.h"
#include "rinnalla/v1/audit.grpc.pb.h"
#include "rinnalla/v1/meetings.grpc.pb.h"
#include "role_matrix.h"

namespace rinnalla::testing {
namespace {

class AccessTest : public MatchingTest {
 protected:
  void SetUp() override {
    guide_ = MustCreateGuide();
    client_ = MustCreateClient("A-matrix");
    roomy_ = MakeGuide("Tilava", {v1::DEBT}, 50);
    referral_ = Refer(client_);
    // guide_ guides another client: the assigned-guide rows of the matrix.
    assigned_client_ = MustCreateClient("A-assigned");
    EXPECT_TRUE(Assign(Refer(assigned_client_), guide_, &assignment_).ok());
    meeting_ = NewMeeting();
    goal_ = NewGoal();
  }

  // A REVIEW meeting of the assigned guide's client, an hour ago (as a social worker).
  v1::Meeting NewMeeting() {
    v1::CreateMeetingRequest r;
    r.set_parent(assigned_client_.name());
    r.mutable_meeting()->set_assignment(assignment_.name());
    r.mutable_meeting()->set_kind(v1::Meeting::REVIEW);
    *r.mutable_meeting()->mutable_scheduled_time() =
        google::protobuf::util::TimeUtil::GetCurrentTime() -
        google::protobuf::util::TimeUtil::HoursToDuration(1);
    v1::Meeting out;
    EXPECT_TRUE(meetings_->CreateMeeting(TestServer::ContextFor(kSocialWorker).get(), r, &out).ok());
    return out;
  }

  v1::RecordMeetingOutcomeRequest OutcomeOf(const v1::Meeting& meeting) {
    v1::RecordMeetingOutcomeRequest r;
    r.set_name(meeting.name());
    *r.mutable_held_time() = meeting.scheduled_time();
    v1::Participant* client = r.add_participants();
    client->set_role(v1::Participant::CLIENT);
    client->set_present(true);
    return r;
  }

  v1::Meeting HeldMeeting() {
    v1::Meeting out;
    EXPECT_TRUE(meetings_->RecordMeetingOutcome(TestServer::ContextFor(kSocialWorker).get(),
                                                OutcomeOf(NewMeeting()), &out).ok());
    return out;
  }

  v1::Goal NewGoal() {
    v1::CreateGoalRequest r;
    r.set_parent(assigned_client_.name());
    r.mutable_goal()->set_assignment(assignment_.name());
    r.mutable_goal()->set_title("Käyn TE-toimistossa");
    v1::Goal out;
    EXPECT_TRUE(meetings_->CreateGoal(TestServer::ContextFor(kSocialWorker).get(), r, &out).ok());
    return out;
  }

  // A new ACTIVE assignment of a new client to roomy_ (set up as a social worker).
  v1::Assignment FreshAssignment() {
    v1::Assignment a;
    EXPECT_TRUE(Assign(Refer(MustCreateClient("A-fresh-" + std::to_string(++refs_))), roomy_, &a).ok());
    return a;
  }

  template <typename Response>
  static std::pair<grpc::Status, bool> Result(const grpc::Status& s, const Response& out) {
    return {s, out.ByteSizeLong() > 0};
  }

  // The caller of `role` in `org`; a guide's sub is their own guide profile in their org.
  Caller CallerOf(const std::string& role, const std::string& org) {
    if (role == "guide") {
      return {org, role, org == "paijat-hame" ? guide_.name()
                                              : "organizations/" + org + "/guides/" + kOtherId};
    }
    return {org, role, "users/" + role};
  }

  // Each RPC, called as `caller`; returns the status and whether any data came back.
  using Rpc = std::function<std::pair<grpc::Status, bool>(const Caller&)>;
  std::map<std::string, Rpc> Rpcs() {
    return {
        {"CreateGuide", [&](const Caller& c) {
           v1::CreateGuideRequest r;
           r.set_parent(kParent);
           *r.mutable_guide() = ValidGuide("Uusi Ohjaaja");
           v1::Guide out;
           auto s = stub_->CreateGuide(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"GetGuide", [&](const Caller& c) {
           v1::GetGuideRequest r;
           r.set_name(guide_.name());
           v1::Guide out;
           auto s = stub_->GetGuide(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"ListGuides", [&](const Caller& c) {
           v1::ListGuidesRequest r;
           r.set_parent(kParent);
           v1::ListGuidesResponse out;
           auto s = stub_->ListGuides(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"UpdateGuide", [&](const Caller& c) {
           v1::UpdateGuideRequest r;
           r.mutable_guide()->set_name(guide_.name());
           r.mutable_guide()->set_display_name("Päivitetty");
           r.mutable_update_mask()->add_paths("display_name");
           v1::Guide out;
           auto s = stub_->UpdateGuide(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"CreateClient", [&](const Caller& c) {
           v1::CreateClientRequest r;
           r.set_parent(kParent);
           *r.mutable_client() = ValidClient("A-" + std::to_string(++refs_));
           v1::Client out;
           auto s = stub_->CreateClient(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"GetClient", [&](const Caller& c) {
           v1::GetClientRequest r;
           r.set_name(client_.name());
           v1::Client out;
           auto s = stub_->GetClient(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"ListClients", [&](const Caller& c) {
           v1::ListClientsRequest r;
           r.set_parent(kParent);
           v1::ListClientsResponse out;
           auto s = stub_->ListClients(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"UpdateClient", [&](const Caller& c) {
           v1::UpdateClientRequest r;
           r.mutable_client()->set_name(client_.name());
           r.mutable_client()->set_municipality("111");
           r.mutable_update_mask()->add_paths("municipality");
           v1::Client out;
           auto s = stub_->UpdateClient(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"GetClient (assigned guide's client)", [&](const Caller& c) {
           v1::GetClientRequest r;
           r.set_name(assigned_client_.name());
           v1::Client out;
           return Result(stub_->GetClient(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"CreateReferral", [&](const Caller& c) {
           v1::CreateReferralRequest r;
           r.set_parent(kParent);
           r.mutable_referral()->set_client(client_.name());
           r.mutable_referral()->add_needs(v1::DEBT);
           r.mutable_referral()->add_languages("fi");
           r.mutable_referral()->set_municipality("398");
           v1::Referral out;
           return Result(matching_->CreateReferral(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"GetReferral", [&](const Caller& c) {
           v1::GetReferralRequest r;
           r.set_name(referral_.name());
           v1::Referral out;
           return Result(matching_->GetReferral(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListReferrals", [&](const Caller& c) {
           v1::ListReferralsRequest r;
           r.set_parent(kParent);
           v1::ListReferralsResponse out;
           return Result(matching_->ListReferrals(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"CancelReferral", [&](const Caller& c) {
           v1::CancelReferralRequest r;
           r.set_name(Refer(client_).name());
           v1::Referral out;
           return Result(matching_->CancelReferral(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"AddMatchExclusion", [&](const Caller& c) {
           v1::AddMatchExclusionRequest r;
           r.set_parent(MustCreateClient("A-excl-" + std::to_string(++refs_)).name());
           r.mutable_match_exclusion()->set_guide(guide_.name());
           v1::MatchExclusion out;
           return Result(matching_->AddMatchExclusion(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListMatchExclusions", [&](const Caller& c) {
           v1::ListMatchExclusionsRequest r;
           r.set_parent(client_.name());
           v1::ListMatchExclusionsResponse out;
           auto s = matching_->ListMatchExclusions(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.match_exclusions_size() > 0);
         }},
        {"RemoveMatchExclusion", [&](const Caller& c) {
           v1::AddMatchExclusionRequest add;
           add.set_parent(MustCreateClient("A-rm-" + std::to_string(++refs_)).name());
           add.mutable_match_exclusion()->set_guide(guide_.name());
           v1::MatchExclusion exclusion;
           EXPECT_TRUE(matching_->AddMatchExclusion(TestServer::ContextFor(kCoordinator).get(), add, &exclusion).ok());
           v1::RemoveMatchExclusionRequest r;
           r.set_name(exclusion.name());
           google::protobuf::Empty out;
           return std::make_pair(
               matching_->RemoveMatchExclusion(TestServer::ContextFor(c).get(), r, &out), false);
         }},
        {"SuggestGuides", [&](const Caller& c) {
           v1::SuggestGuidesRequest r;
           r.set_referral(referral_.name());
           v1::SuggestGuidesResponse out;
           return Result(matching_->SuggestGuides(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"AssignGuide", [&](const Caller& c) {
           v1::AssignGuideRequest r;
           r.set_referral(Refer(MustCreateClient("A-as-" + std::to_string(++refs_))).name());
           r.set_guide(roomy_.name());
           v1::Assignment out;
           return Result(matching_->AssignGuide(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"GetAssignment", [&](const Caller& c) {
           v1::GetAssignmentRequest r;
           r.set_name(assignment_.name());
           v1::Assignment out;
           return Result(matching_->GetAssignment(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListAssignments", [&](const Caller& c) {
           v1::ListAssignmentsRequest r;
           r.set_parent(kParent);
           r.set_filter("guide = \"" + guide_.name() + "\"");
           v1::ListAssignmentsResponse out;
           return Result(matching_->ListAssignments(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"PauseAssignment", [&](const Caller& c) {
           v1::PauseAssignmentRequest r;
           r.set_name(FreshAssignment().name());
           v1::Assignment out;
           return Result(matching_->PauseAssignment(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ResumeAssignment", [&](const Caller& c) {
           v1::PauseAssignmentRequest pause;
           pause.set_name(FreshAssignment().name());
           v1::Assignment paused;
           EXPECT_TRUE(matching_->PauseAssignment(TestServer::ContextFor(kSocialWorker).get(), pause, &paused).ok());
           v1::ResumeAssignmentRequest r;
           r.set_name(paused.name());
           v1::Assignment out;
           return Result(matching_->ResumeAssignment(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"EndAssignment", [&](const Caller& c) {
           v1::EndAssignmentRequest r;
           r.set_name(FreshAssignment().name());
           r.set_end_reason(v1::Assignment::CLIENT_DECLINED);
           v1::Assignment out;
           return Result(matching_->EndAssignment(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"CreateMeeting", [&](const Caller& c) {
           v1::CreateMeetingRequest r;
           r.set_parent(assigned_client_.name());
           r.mutable_meeting()->set_assignment(assignment_.name());
           r.mutable_meeting()->set_kind(v1::Meeting::REVIEW);
           *r.mutable_meeting()->mutable_scheduled_time() = meeting_.scheduled_time();
           v1::Meeting out;
           return Result(meetings_->CreateMeeting(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"GetMeeting", [&](const Caller& c) {
           v1::GetMeetingRequest r;
           r.set_name(meeting_.name());
           v1::Meeting out;
           return Result(meetings_->GetMeeting(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListMeetings", [&](const Caller& c) {
           v1::ListMeetingsRequest r;
           r.set_parent(assigned_client_.name());
           v1::ListMeetingsResponse out;
           return Result(meetings_->ListMeetings(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"RescheduleMeeting", [&](const Caller& c) {
           v1::RescheduleMeetingRequest r;
           r.set_name(NewMeeting().name());
           *r.mutable_scheduled_time() = meeting_.scheduled_time();
           v1::Meeting out;
           return Result(meetings_->RescheduleMeeting(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"CancelMeeting", [&](const Caller& c) {
           v1::CancelMeetingRequest r;
           r.set_name(NewMeeting().name());
           r.set_reason("Peruttu");
           v1::Meeting out;
           return Result(meetings_->CancelMeeting(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"RecordMeetingOutcome", [&](const Caller& c) {
           v1::Meeting out;
           return Result(meetings_->RecordMeetingOutcome(TestServer::ContextFor(c).get(),
                                                         OutcomeOf(NewMeeting()), &out), out);
         }},
        {"AmendMeetingOutcome", [&](const Caller& c) {
           v1::Meeting held = HeldMeeting();
           v1::AmendMeetingOutcomeRequest r;
           r.set_name(held.name());
           *r.mutable_outcome() = held.outcome();
           r.set_reason("Korjaus");
           v1::Meeting out;
           return Result(meetings_->AmendMeetingOutcome(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListMeetingOutcomeRevisions", [&](const Caller& c) {
           v1::ListMeetingOutcomeRevisionsRequest r;
           r.set_name(HeldMeeting().name());
           v1::ListMeetingOutcomeRevisionsResponse out;
           return Result(meetings_->ListMeetingOutcomeRevisions(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"SetInformationSharingConsent", [&](const Caller& c) {
           v1::SetInformationSharingConsentRequest r;
           r.set_parent(assigned_client_.name());
           r.set_assignment(assignment_.name());
           r.set_granted(true);
           v1::InformationSharingConsent out;
           return Result(meetings_->SetInformationSharingConsent(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListInformationSharingConsents", [&](const Caller& c) {
           v1::ListInformationSharingConsentsRequest r;
           r.set_parent(assigned_client_.name());
           v1::ListInformationSharingConsentsResponse out;
           return Result(meetings_->ListInformationSharingConsents(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"CreateGoal", [&](const Caller& c) {
           v1::CreateGoalRequest r;
           r.set_parent(assigned_client_.name());
           r.mutable_goal()->set_assignment(assignment_.name());
           r.mutable_goal()->set_title("Löydän vertaisryhmän");
           v1::Goal out;
           return Result(meetings_->CreateGoal(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"GetGoal", [&](const Caller& c) {
           v1::GetGoalRequest r;
           r.set_name(goal_.name());
           v1::Goal out;
           return Result(meetings_->GetGoal(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListGoals", [&](const Caller& c) {
           v1::ListGoalsRequest r;
           r.set_parent(assigned_client_.name());
           v1::ListGoalsResponse out;
           return Result(meetings_->ListGoals(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"UpdateGoal", [&](const Caller& c) {
           v1::UpdateGoalRequest r;
           *r.mutable_goal() = NewGoal();
           r.mutable_goal()->set_weight(2);
           r.mutable_update_mask()->add_paths("weight");
           v1::Goal out;
           return Result(meetings_->UpdateGoal(TestServer::ContextFor(c).get(), r, &out), out);
         }},
        {"ListAccessLog", [&](const Caller& c) {
           v1::ListAccessLogRequest r;
           r.set_parent(client_.name());
           v1::ListAccessLogResponse out;
           auto s = audit_->ListAccessLog(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        // A caller of another organization may stream, but each of its clients is refused:
        // the item's status is what counts.
        {"ImportClients", [&](const Caller& c) {
           v1::ImportClientsResponse out;
           grpc::Status s = ImportWith(*integration_, {ImportOf("A-matrix")}, &out, c);
           if (!s.ok() || out.results_size() != 1) return std::make_pair(s, false);
           const v1::ImportClientResult& r = out.results(0);
           if (r.outcome() == v1::ImportClientResult::FAILED) {
             return std::make_pair(AsGrpcStatus(r.error()), !r.client().empty());
           }
           return std::make_pair(s, true);
         }},
        {"WatchEvents", [&](const Caller& c) {
           v1::WatchEventsRequest r;
           r.set_parent(kParent);
           Watch watch(*integration_, r, c);
           if (watch.Next()) return std::make_pair(grpc::Status::OK, true);
           return std::make_pair(watch.status, false);
         }},
        {"ExportCarePlan", [&](const Caller& c) {
           v1::ExportCarePlanRequest r;
           r.set_client(client_.name());
           v1::ExportCarePlanResponse out;
           auto s = integration_->ExportCarePlan(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
    };
  }

  static constexpr char kOtherId[] = "00000000-0000-4000-8000-000000000001";
  v1::Guide guide_;
  v1::Guide roomy_;
  v1::Client client_;
  v1::Client assigned_client_;
  v1::Referral referral_;
  v1::Assignment assignment_;
  v1::Meeting meeting_;
  v1::Goal goal_;
  int refs_ = 0;
  std::unique_ptr<v1::Meetings::Stub> meetings_ = v1::Meetings::NewStub(server_.channel());
  std::unique_ptr<v1::Audit::Stub> audit_ = v1::Audit::NewStub(server_.channel());
  std::unique_ptr<v1::Integration::Stub> integration_ = v1::Integration::NewStub(server_.channel());
};

TEST_F(AccessTest, EveryRpcEveryRoleOwnAndOtherOrganization) {
  // API.md's role table, for the RPCs that exist.
  const std::map<std::string, std::set<std::string>> allowed = {
      {"CreateGuide", {"coordinator"}},
      {"GetGuide", {"coordinator", "social_worker", "guide"}},  // a guide: their own profile
      {"ListGuides", {"coordinator", "social_worker"}},
      {"UpdateGuide", {"coordinator"}},
      {"CreateClient", {"coordinator", "social_worker"}},
      // A guide reads a client only through an ACTIVE or PAUSED assignment; there is none.
      {"GetClient", {"coordinator", "social_worker"}},
      {"ListClients", {"coordinator", "social_worker"}},
      {"UpdateClient", {"coordinator", "social_worker"}},
      {"GetClient (assigned guide's client)", {"coordinator", "social_worker", "guide"}},
      {"CreateReferral", {"coordinator", "social_worker", "integration"}},
      {"GetReferral", {"coordinator", "social_worker"}},
      {"ListReferrals", {"coordinator", "social_worker"}},
      {"CancelReferral", {"coordinator", "social_worker"}},
      {"AddMatchExclusion", {"coordinator", "guide"}},  // a guide: about themselves
      {"ListMatchExclusions", {"coordinator", "social_worker"}},
      {"RemoveMatchExclusion", {"coordinator"}},
      {"SuggestGuides", {"coordinator", "social_worker"}},
      {"AssignGuide", {"coordinator", "social_worker"}},
      {"GetAssignment", {"coordinator", "social_worker", "guide"}},  // a guide: their own
      {"ListAssignments", {"coordinator", "social_worker", "guide"}},  // a guide: their own
      {"PauseAssignment", {"coordinator", "social_worker"}},
      {"ResumeAssignment", {"coordinator", "social_worker"}},
      {"EndAssignment", {"coordinator", "social_worker"}},
      // Meetings of the guide's own client: staff manage them; the guide reads them, proposes
      // goals and records the client's consent decision.
      {"CreateMeeting", {"coordinator", "social_worker"}},
      {"GetMeeting", {"coordinator", "social_worker", "guide"}},
      {"ListMeetings", {"coordinator", "social_worker", "guide"}},
      {"RescheduleMeeting", {"coordinator", "social_worker"}},
      {"CancelMeeting", {"coordinator", "social_worker"}},
      {"RecordMeetingOutcome", {"coordinator", "social_worker"}},
      {"AmendMeetingOutcome", {"coordinator", "social_worker"}},
      {"ListMeetingOutcomeRevisions", {"coordinator", "social_worker", "guide"}},
      {"SetInformationSharingConsent", {"coordinator", "social_worker", "guide"}},
      {"ListInformationSharingConsents", {"coordinator", "social_worker", "guide"}},
      {"CreateGoal", {"coordinator", "social_worker", "guide"}},
      {"GetGoal", {"coordinator", "social_worker", "guide"}},
      {"ListGoals", {"coordinator", "social_worker", "guide"}},
      {"UpdateGoal", {"coordinator", "social_worker"}},
      {"ListAccessLog", {"auditor"}},
      // Record systems only: staff read clients one by one through the API instead.
      {"ImportClients", {"integration"}},
      {"WatchEvents", {"integration"}},
      {"ExportCarePlan", {"integration"}},
  };
  ExpectRoleMatrix(Rpcs(), allowed,
                   [&](const std::string& role, const std::string& org) { return CallerOf(role, org); });
}

TEST_F(AccessTest, AGuideCannotReadAnotherGuidesProfile) {
  v1::Guide other = MustCreateGuide("Toinen");
  v1::GetGuideRequest r;
  r.set_name(other.name());
  v1::Guide out;
  EXPECT_EQ(stub_->GetGuide(TestServer::ContextFor(CallerOf("guide", "paijat-hame")).get(), r, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(out.ByteSizeLong(), 0u);
}

// A session with only a guide and a client to begin with, so every row can be counted.
class AccessLogSessionTest : public DirectoryTest {
 protected:
  void SetUp() override {
    guide_ = MustCreateGuide();
    client_ = MustCreateClient("A-matrix");
  }
  Caller CallerOf(const std::string& role, const std::string& org) {
    return {org, role, role == "guide" ? guide_.name() : "users/" + role};
  }
  static constexpr char kOtherId[] = "00000000-0000-4000-8000-000000000001";
  v1::Guide guide_;
  v1::Client client_;
};

TEST_F(AccessLogSessionTest, TheAccessLogCountsEveryAccessInAScriptedSession) {
  // SetUp: created one client (1 row for it).
  v1::Client second = MustCreateClient("B-session");  // 1 row for the second
  v1::GetClientRequest get;
  get.set_name(client_.name());
  v1::Client out;
  ASSERT_TRUE(stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), get, &out).ok());  // 1
  v1::ListClientsRequest list;
  list.set_parent(kParent);
  v1::ListClientsResponse listed;
  ASSERT_TRUE(stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), list, &listed).ok());
  ASSERT_EQ(listed.clients_size(), 2);  // 2 rows: one per client returned
  v1::UpdateClientRequest update;
  update.mutable_client()->set_name(client_.name());
  update.mutable_client()->add_languages("sv");
  update.mutable_update_mask()->add_paths("languages");
  ASSERT_TRUE(stub_->UpdateClient(TestServer::ContextFor(kSocialWorker).get(), update, &out).ok());  // 1
  // Refused: a guide without an assignment, and another organization (2 DENIED rows).
  EXPECT_FALSE(stub_->GetClient(TestServer::ContextFor(CallerOf("guide", "paijat-hame")).get(), get, &out).ok());
  EXPECT_FALSE(stub_->GetClient(TestServer::ContextFor(kOtherCoordinator).get(), get, &out).ok());
  // Failed: a client that does not exist (1 ERROR row, for that id).
  v1::GetClientRequest missing;
  missing.set_name(kParent + "/clients/" + kOtherId);
  EXPECT_EQ(stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), missing, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Reads of guides are not client data: no rows.
  v1::GetGuideRequest get_guide;
  get_guide.set_name(guide_.name());
  v1::Guide g;
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kSocialWorker).get(), get_guide, &g).ok());

  EXPECT_EQ(Count("access_log"), 1 + 1 + 1 + 2 + 1 + 2 + 1);

  // The auditor reads the first client's log: its own reading comes first.
  v1::ListAccessLogRequest request;
  request.set_parent(client_.name());
  v1::ListAccessLogResponse log;
  auto audit = v1::Audit::NewStub(server_.channel());
  ASSERT_TRUE(audit->ListAccessLog(TestServer::ContextFor(kAuditor).get(), request, &log).ok());
  ASSERT_EQ(log.entries_size(), 1 + 1 + 1 + 1 + 2 + 1);
  EXPECT_EQ(log.entries(0).role(), "auditor");
  EXPECT_EQ(log.entries(0).method(), "/rinnalla.v1.Audit/ListAccessLog");
  std::map<v1::AccessLogEntry::Outcome, int> outcomes;
  std::set<std::string> actor_orgs;
  for (const auto& e : log.entries()) {
    ++outcomes[e.outcome()];
    actor_orgs.insert(e.actor_organization());
    EXPECT_EQ(e.resource(), client_.name());
    EXPECT_FALSE(e.request_id().empty());
  }
  EXPECT_EQ(outcomes[v1::AccessLogEntry::OK], 5);
  EXPECT_EQ(outcomes[v1::AccessLogEntry::DENIED], 2);
  EXPECT_TRUE(actor_orgs.contains("helsinki")) << "the other organization's attempt is visible";
  EXPECT_EQ(Count("access_log"), 10);
}

TEST_F(AccessTest, WithTheLogUnwritableReadsReturnNoData) {
  server_.database().Exec(
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'insufficient_privilege'; END $$;"
      "CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse()");
  v1::GetClientRequest get;
  get.set_name(client_.name());
  v1::Client out;
  grpc::Status status = stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), get, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ErrorReason(status), "ACCESS_LOG_UNAVAILABLE");
  EXPECT_EQ(out.ByteSizeLong(), 0u);
  v1::ListClientsRequest list;
  list.set_parent(kParent);
  v1::ListClientsResponse listed;
  EXPECT_EQ(stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), list, &listed).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(listed.clients_size(), 0);
}

TEST_F(AccessTest, AccessLogPagesAndRefusesBadParents) {
  v1::GetClientRequest get;
  get.set_name(client_.name());
  v1::Client out;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), get, &out).ok());
  }
  auto audit = v1::Audit::NewStub(server_.channel());
  v1::ListAccessLogRequest request;
  request.set_parent(client_.name());
  request.set_page_size(2);
  std::set<std::string> seen;
  int total = 0;
  for (int page = 0; page < 10; ++page) {
    v1::ListAccessLogResponse response;
    ASSERT_TRUE(audit->ListAccessLog(TestServer::ContextFor(kAuditor).get(), request, &response).ok());
    for (const auto& e : response.entries()) {
      seen.insert(e.request_id() + e.method() + std::to_string(e.time().nanos()));
      ++total;
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(static_cast<int>(seen.size()), total) << "no entry repeated across pages";
  EXPECT_GE(total, 6);

  v1::ListAccessLogRequest bad;
  bad.set_parent(kParent);
  v1::ListAccessLogResponse response;
  grpc::Status status = audit->ListAccessLog(TestServer::ContextFor(kAuditor).get(), bad, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains("parent"));
}

}  // namespace
}  // namespace rinnalla::testing
