// Who may do what, across every RPC, and the access log that records it.

#include <google/protobuf/util/time_util.h>

#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "integration_fixture.h"
#include "matching_fixture.h"
#include "rinnalla/v1/audit.grpc.pb.h"
#include "rinnalla/v1/meetings.grpc.pb.h"
#include "rinnalla/v1/notes.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"
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
    held_meeting_ = HeldMeeting();
    goal_ = NewGoal();
    // Something to list: a guide the client knows, and the client's consent decision.
    v1::AddMatchExclusionRequest exclude;
    exclude.set_parent(client_.name());
    exclude.mutable_match_exclusion()->set_guide(MakeGuide("Tuttu", {v1::DEBT}).name());
    EXPECT_TRUE(
        matching_
            ->AddMatchExclusion(TestServer::ContextFor(kCoordinator).get(), exclude, &exclusion_)
            .ok());
    v1::SetInformationSharingConsentRequest consent;
    consent.set_parent(assigned_client_.name());
    consent.set_assignment(assignment_.name());
    consent.set_granted(false);
    EXPECT_TRUE(meetings_
                    ->SetInformationSharingConsent(TestServer::ContextFor(kSocialWorker).get(),
                                                   consent, &consent_)
                    .ok());
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

  // The caller of `role` in `org`; a guide's sub is their own guide profile in their org.
  Caller CallerOf(const std::string& role, const std::string& org) {
    if (role == "guide") {
      return {org, role, org == "paijat-hame" ? guide_.name()
                                              : "organizations/" + org + "/guides/" + kOtherId};
    }
    return {org, role, "users/" + role};
  }

  static std::string Method(const std::string& service, const std::string& rpc) {
    return "/rinnalla.v1." + service + "/" + rpc;
  }
  template <typename Items>
  static std::vector<std::string> Names(const Items& items) {
    std::vector<std::string> names;
    for (const auto& item : items) names.push_back(item.name());
    return names;
  }

  // Each RPC of the role table: how it is called, who may, what it returns and how it is logged.
  std::map<std::string, MatrixRpc> Rpcs() {
    const std::set<std::string> staff = {"coordinator", "social_worker"};
    const std::set<std::string> staff_and_guide = {"coordinator", "social_worker", "guide"};
    using enum RefusalFiled;
    return {
        {"CreateGuide",
         {.method = Method("Directory", "CreateGuide"),
          .call =
              [&](const Caller& c) {
                v1::CreateGuideRequest r;
                r.set_parent(kParent);
                *r.mutable_guide() = ValidGuide("Uusi Ohjaaja");
                v1::Guide out;
                grpc::Status status = stub_->CreateGuide(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()});
              },
          .allowed = {"coordinator"},
          .returns = kParent + "/guides/*"}},
        {"GetGuide",
         {.method = Method("Directory", "GetGuide"),
          .call =
              [&](const Caller& c) {
                v1::GetGuideRequest r;
                r.set_name(guide_.name());
                v1::Guide out;
                grpc::Status status = stub_->GetGuide(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()});
              },
          .allowed = staff_and_guide,  // a guide: their own profile
          .returns = guide_.name()}},
        {"ListGuides",
         {.method = Method("Directory", "ListGuides"),
          .call =
              [&](const Caller& c) {
                v1::ListGuidesRequest r;
                r.set_parent(kParent);
                v1::ListGuidesResponse out;
                grpc::Status status = stub_->ListGuides(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.guides()));
              },
          .allowed = staff,
          .returns = roomy_.name()}},
        {"UpdateGuide",
         {.method = Method("Directory", "UpdateGuide"),
          .call =
              [&](const Caller& c) {
                v1::UpdateGuideRequest r;
                r.mutable_guide()->set_name(guide_.name());
                r.mutable_guide()->set_display_name("Päivitetty");
                r.mutable_update_mask()->add_paths("display_name");
                v1::Guide out;
                grpc::Status status = stub_->UpdateGuide(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()});
              },
          .allowed = {"coordinator"},
          .returns = guide_.name()}},
        {"CreateClient",
         {.method = Method("Directory", "CreateClient"),
          .call =
              [&](const Caller& c) {
                v1::CreateClientRequest r;
                r.set_parent(kParent);
                *r.mutable_client() = ValidClient("A-" + std::to_string(++refs_));
                v1::Client out;
                grpc::Status status = stub_->CreateClient(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, out.name());
              },
          .allowed = staff,
          .returns = kParent + "/clients/*",
          .logs_client = true}},
        {"GetClient",
         {.method = Method("Directory", "GetClient"),
          .call =
              [&](const Caller& c) {
                v1::GetClientRequest r;
                r.set_name(client_.name());
                v1::Client out;
                grpc::Status status = stub_->GetClient(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, client_.name());
              },
          // A guide reads a client only through an ACTIVE or PAUSED assignment; there is none.
          .allowed = staff,
          .returns = client_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListClients",
         {.method = Method("Directory", "ListClients"),
          .call =
              [&](const Caller& c) {
                v1::ListClientsRequest r;
                r.set_parent(kParent);
                r.set_filter(R"(external_ref = "apotti/A-matrix")");
                v1::ListClientsResponse out;
                grpc::Status status = stub_->ListClients(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.clients()), client_.name());
              },
          .allowed = {"coordinator", "social_worker", "auditor"},  // the auditor finds a client
          .returns = client_.name(),
          .logs_client = true}},  // a row per client listed
        {"UpdateClient",
         {.method = Method("Directory", "UpdateClient"),
          .call =
              [&](const Caller& c) {
                v1::UpdateClientRequest r;
                r.mutable_client()->set_name(client_.name());
                r.mutable_client()->set_municipality("111");
                r.mutable_update_mask()->add_paths("municipality");
                v1::Client out;
                grpc::Status status = stub_->UpdateClient(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, client_.name());
              },
          .allowed = staff,
          .returns = client_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetClient (assigned guide's client)",
         {.method = Method("Directory", "GetClient"),
          .call =
              [&](const Caller& c) {
                v1::GetClientRequest r;
                r.set_name(assigned_client_.name());
                v1::Client out;
                grpc::Status status = stub_->GetClient(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = assigned_client_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"CreateReferral",
         {.method = Method("Matching", "CreateReferral"),
          .call =
              [&](const Caller& c) {
                v1::CreateReferralRequest r;
                r.set_parent(kParent);
                r.mutable_referral()->set_client(client_.name());
                r.mutable_referral()->add_needs(v1::DEBT);
                r.mutable_referral()->add_languages("fi");
                r.mutable_referral()->set_municipality("398");
                v1::Referral out;
                grpc::Status status =
                    matching_->CreateReferral(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, client_.name());
              },
          .allowed = {"coordinator", "social_worker", "integration"},
          .returns = kParent + "/referrals/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetReferral",
         {.method = Method("Matching", "GetReferral"),
          .call =
              [&](const Caller& c) {
                v1::GetReferralRequest r;
                r.set_name(referral_.name());
                v1::Referral out;
                grpc::Status status =
                    matching_->GetReferral(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, client_.name());
              },
          .allowed = staff,
          .returns = referral_.name(),
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"ListReferrals",
         {.method = Method("Matching", "ListReferrals"),
          .call =
              [&](const Caller& c) {
                v1::ListReferralsRequest r;
                r.set_parent(kParent);
                r.set_filter("client = \"" + client_.name() + "\"");
                v1::ListReferralsResponse out;
                grpc::Status status =
                    matching_->ListReferrals(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.referrals()), client_.name());
              },
          .allowed = staff,
          .returns = referral_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},  // the filter names the client
        {"CancelReferral",
         {.method = Method("Matching", "CancelReferral"),
          .call =
              [&](const Caller& c) {
                v1::CancelReferralRequest r;
                r.set_name(Refer(client_).name());
                v1::Referral out;
                grpc::Status status =
                    matching_->CancelReferral(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, client_.name());
              },
          .allowed = staff,
          .returns = kParent + "/referrals/*",
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"AddMatchExclusion",
         {.method = Method("Matching", "AddMatchExclusion"),
          .call =
              [&](const Caller& c) {
                v1::AddMatchExclusionRequest r;
                r.set_parent(MustCreateClient("A-excl-" + std::to_string(++refs_)).name());
                r.mutable_match_exclusion()->set_guide(guide_.name());
                v1::MatchExclusion out;
                grpc::Status status =
                    matching_->AddMatchExclusion(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, r.parent());
              },
          .allowed = {"coordinator", "social_worker", "guide"},  // a guide: about themselves
          .returns = kParent + "/clients/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListMatchExclusions",
         {.method = Method("Matching", "ListMatchExclusions"),
          .call =
              [&](const Caller& c) {
                v1::ListMatchExclusionsRequest r;
                r.set_parent(client_.name());
                v1::ListMatchExclusionsResponse out;
                grpc::Status status =
                    matching_->ListMatchExclusions(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.match_exclusions()), client_.name());
              },
          .allowed = staff,
          .returns = exclusion_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"RemoveMatchExclusion",
         {.method = Method("Matching", "RemoveMatchExclusion"),
          .call =
              [&](const Caller& c) {
                v1::AddMatchExclusionRequest add;
                add.set_parent(MustCreateClient("A-rm-" + std::to_string(++refs_)).name());
                add.mutable_match_exclusion()->set_guide(guide_.name());
                v1::MatchExclusion exclusion;
                EXPECT_TRUE(matching_
                                ->AddMatchExclusion(TestServer::ContextFor(kCoordinator).get(), add,
                                                    &exclusion)
                                .ok());
                v1::RemoveMatchExclusionRequest r;
                r.set_name(exclusion.name());
                google::protobuf::Empty out;
                grpc::Status status =
                    matching_->RemoveMatchExclusion(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {}, add.parent());
              },
          .allowed = {"coordinator"},
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"SuggestGuides",
         {.method = Method("Matching", "SuggestGuides"),
          .call =
              [&](const Caller& c) {
                v1::SuggestGuidesRequest r;
                r.set_referral(referral_.name());
                v1::SuggestGuidesResponse out;
                std::vector<std::string> guides;
                grpc::Status s = matching_->SuggestGuides(TestServer::ContextFor(c).get(), r, &out);
                for (const auto& suggestion : out.suggestions())
                  guides.push_back(suggestion.guide());
                return CallResultOf(s, out, guides, client_.name());
              },
          .allowed = staff,
          .returns = roomy_.name(),
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"AssignGuide",
         {.method = Method("Matching", "AssignGuide"),
          .call =
              [&](const Caller& c) {
                const v1::Client client = MustCreateClient("A-as-" + std::to_string(++refs_));
                v1::AssignGuideRequest r;
                r.set_referral(Refer(client).name());
                r.set_guide(roomy_.name());
                v1::Assignment out;
                grpc::Status status =
                    matching_->AssignGuide(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, client.name());
              },
          .allowed = staff,
          .returns = kParent + "/assignments/*",
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"GetAssignment",
         {.method = Method("Matching", "GetAssignment"),
          .call =
              [&](const Caller& c) {
                v1::GetAssignmentRequest r;
                r.set_name(assignment_.name());
                v1::Assignment out;
                grpc::Status status =
                    matching_->GetAssignment(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff_and_guide,  // a guide: their own
          .returns = assignment_.name(),
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"ListAssignments",
         {.method = Method("Matching", "ListAssignments"),
          .call =
              [&](const Caller& c) {
                v1::ListAssignmentsRequest r;
                r.set_parent(kParent);
                r.set_filter("guide = \"" + guide_.name() + "\"");
                v1::ListAssignmentsResponse out;
                grpc::Status status =
                    matching_->ListAssignments(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.assignments()), assigned_client_.name());
              },
          .allowed = staff_and_guide,  // a guide: their own
          .returns = assignment_.name(),
          .logs_client = true}},  // a row per client listed: the guide has one
        {"PauseAssignment",
         {.method = Method("Matching", "PauseAssignment"),
          .call =
              [&](const Caller& c) {
                const v1::Assignment a = FreshAssignment();
                v1::PauseAssignmentRequest r;
                r.set_name(a.name());
                v1::Assignment out;
                grpc::Status status =
                    matching_->PauseAssignment(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, a.client());
              },
          .allowed = staff,
          .returns = kParent + "/assignments/*",
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"ResumeAssignment",
         {.method = Method("Matching", "ResumeAssignment"),
          .call =
              [&](const Caller& c) {
                v1::PauseAssignmentRequest pause;
                pause.set_name(FreshAssignment().name());
                v1::Assignment paused;
                EXPECT_TRUE(matching_
                                ->PauseAssignment(TestServer::ContextFor(kSocialWorker).get(),
                                                  pause, &paused)
                                .ok());
                v1::ResumeAssignmentRequest r;
                r.set_name(paused.name());
                v1::Assignment out;
                grpc::Status status =
                    matching_->ResumeAssignment(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, paused.client());
              },
          .allowed = staff,
          .returns = kParent + "/assignments/*",
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        {"EndAssignment",
         {.method = Method("Matching", "EndAssignment"),
          .call =
              [&](const Caller& c) {
                const v1::Assignment a = FreshAssignment();
                v1::EndAssignmentRequest r;
                r.set_name(a.name());
                r.set_end_reason(v1::Assignment::CLIENT_DECLINED);
                v1::Assignment out;
                grpc::Status status =
                    matching_->EndAssignment(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, a.client());
              },
          .allowed = staff,
          .returns = kParent + "/assignments/*",
          .logs_client = true,
          .refusal = kUnderTheClientForTheOrganization}},
        // Meetings of the guide's own client: staff manage them; the guide reads them, proposes
        // goals and records the client's consent decision.
        {"CreateMeeting",
         {.method = Method("Meetings", "CreateMeeting"),
          .call =
              [&](const Caller& c) {
                v1::CreateMeetingRequest r;
                r.set_parent(assigned_client_.name());
                r.mutable_meeting()->set_assignment(assignment_.name());
                r.mutable_meeting()->set_kind(v1::Meeting::REVIEW);
                *r.mutable_meeting()->mutable_scheduled_time() = meeting_.scheduled_time();
                v1::Meeting out;
                grpc::Status status =
                    meetings_->CreateMeeting(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff,
          .returns = assigned_client_.name() + "/meetings/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetMeeting",
         {.method = Method("Meetings", "GetMeeting"),
          .call =
              [&](const Caller& c) {
                v1::GetMeetingRequest r;
                r.set_name(meeting_.name());
                v1::Meeting out;
                grpc::Status status =
                    meetings_->GetMeeting(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = meeting_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListMeetings",
         {.method = Method("Meetings", "ListMeetings"),
          .call =
              [&](const Caller& c) {
                v1::ListMeetingsRequest r;
                r.set_parent(assigned_client_.name());
                v1::ListMeetingsResponse out;
                grpc::Status status =
                    meetings_->ListMeetings(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.meetings()), assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = meeting_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"RescheduleMeeting",
         {.method = Method("Meetings", "RescheduleMeeting"),
          .call =
              [&](const Caller& c) {
                v1::RescheduleMeetingRequest r;
                r.set_name(NewMeeting().name());
                *r.mutable_scheduled_time() = meeting_.scheduled_time();
                v1::Meeting out;
                grpc::Status status =
                    meetings_->RescheduleMeeting(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff,
          .returns = assigned_client_.name() + "/meetings/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"CancelMeeting",
         {.method = Method("Meetings", "CancelMeeting"),
          .call =
              [&](const Caller& c) {
                v1::CancelMeetingRequest r;
                r.set_name(NewMeeting().name());
                r.set_reason("Peruttu");
                v1::Meeting out;
                grpc::Status status =
                    meetings_->CancelMeeting(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff,
          .returns = assigned_client_.name() + "/meetings/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"RecordMeetingOutcome",
         {.method = Method("Meetings", "RecordMeetingOutcome"),
          .call =
              [&](const Caller& c) {
                v1::Meeting out;
                grpc::Status status = meetings_->RecordMeetingOutcome(
                    TestServer::ContextFor(c).get(), OutcomeOf(NewMeeting()), &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff,
          .returns = assigned_client_.name() + "/meetings/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"AmendMeetingOutcome",
         {.method = Method("Meetings", "AmendMeetingOutcome"),
          .call =
              [&](const Caller& c) {
                v1::Meeting held = HeldMeeting();
                v1::AmendMeetingOutcomeRequest r;
                r.set_name(held.name());
                *r.mutable_outcome() = held.outcome();
                r.set_reason("Korjaus");
                v1::Meeting out;
                grpc::Status status =
                    meetings_->AmendMeetingOutcome(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff,
          .returns = assigned_client_.name() + "/meetings/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListMeetingOutcomeRevisions",
         {.method = Method("Meetings", "ListMeetingOutcomeRevisions"),
          .call =
              [&](const Caller& c) {
                v1::ListMeetingOutcomeRevisionsRequest r;
                r.set_name(held_meeting_.name());
                v1::ListMeetingOutcomeRevisionsResponse out;
                grpc::Status s = meetings_->ListMeetingOutcomeRevisions(
                    TestServer::ContextFor(c).get(), r, &out);
                std::vector<std::string> revisions;
                for (const auto& o : out.outcomes()) {
                  revisions.push_back("revision " + std::to_string(o.revision()));
                }
                return CallResultOf(s, out, revisions, assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = "revision 1",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"SetInformationSharingConsent",
         {.method = Method("Meetings", "SetInformationSharingConsent"),
          .call =
              [&](const Caller& c) {
                v1::SetInformationSharingConsentRequest r;
                r.set_parent(assigned_client_.name());
                r.set_assignment(assignment_.name());
                r.set_granted(true);
                v1::InformationSharingConsent out;
                grpc::Status status = meetings_->SetInformationSharingConsent(
                    TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = assigned_client_.name() + "/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListInformationSharingConsents",
         {.method = Method("Meetings", "ListInformationSharingConsents"),
          .call =
              [&](const Caller& c) {
                v1::ListInformationSharingConsentsRequest r;
                r.set_parent(assigned_client_.name());
                v1::ListInformationSharingConsentsResponse out;
                grpc::Status status = meetings_->ListInformationSharingConsents(
                    TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.consents()), assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = consent_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"CreateGoal",
         {.method = Method("Meetings", "CreateGoal"),
          .call =
              [&](const Caller& c) {
                v1::CreateGoalRequest r;
                r.set_parent(assigned_client_.name());
                r.mutable_goal()->set_assignment(assignment_.name());
                r.mutable_goal()->set_title("Löydän vertaisryhmän");
                v1::Goal out;
                grpc::Status status =
                    meetings_->CreateGoal(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = assigned_client_.name() + "/goals/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetGoal",
         {.method = Method("Meetings", "GetGoal"),
          .call =
              [&](const Caller& c) {
                v1::GetGoalRequest r;
                r.set_name(goal_.name());
                v1::Goal out;
                grpc::Status status = meetings_->GetGoal(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = goal_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListGoals",
         {.method = Method("Meetings", "ListGoals"),
          .call =
              [&](const Caller& c) {
                v1::ListGoalsRequest r;
                r.set_parent(assigned_client_.name());
                v1::ListGoalsResponse out;
                grpc::Status status =
                    meetings_->ListGoals(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, Names(out.goals()), assigned_client_.name());
              },
          .allowed = staff_and_guide,
          .returns = goal_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"UpdateGoal",
         {.method = Method("Meetings", "UpdateGoal"),
          .call =
              [&](const Caller& c) {
                v1::UpdateGoalRequest r;
                *r.mutable_goal() = NewGoal();
                r.mutable_goal()->set_weight(2);
                r.mutable_update_mask()->add_paths("weight");
                v1::Goal out;
                grpc::Status status =
                    meetings_->UpdateGoal(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, assigned_client_.name());
              },
          .allowed = staff,
          .returns = assigned_client_.name() + "/goals/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListAccessLog",
         {.method = Method("Audit", "ListAccessLog"),
          .call =
              [&](const Caller& c) {
                v1::ListAccessLogRequest r;
                r.set_parent(client_.name());
                v1::ListAccessLogResponse out;
                grpc::Status s = audit_->ListAccessLog(TestServer::ContextFor(c).get(), r, &out);
                std::vector<std::string> resources;
                for (const auto& e : out.entries()) resources.push_back(e.resource());
                return CallResultOf(s, out, resources, client_.name());
              },
          .allowed = {"auditor"},
          .returns = client_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        // Record systems only: staff read clients one by one through the API instead. A caller
        // of another organization may stream, but each of its clients is refused: the item's
        // status is what counts. The items name clients by record-system ids, not by name.
        {"ImportClients",
         {.method = Method("Integration", "ImportClients"),
          .call =
              [&](const Caller& c) {
                v1::ImportClientsResponse out;
                grpc::Status s = ImportWith(*integration_, {ImportOf("A-matrix")}, &out, c);
                CallResult result{s, false, {}, client_.name()};
                if (!s.ok() || out.results_size() != 1) return result;
                const v1::ImportClientResult& r = out.results(0);
                if (r.outcome() == v1::ImportClientResult::FAILED) {
                  result.status = AsGrpcStatus(r.error());
                  result.returned_data = !r.client().empty();
                  return result;
                }
                result.returned_data = true;
                result.returned = {r.client()};
                return result;
              },
          .allowed = {"integration"},
          .returns = client_.name(),
          .logs_client = true}},
        {"WatchEvents",
         {.method = Method("Integration", "WatchEvents"),
          .call =
              [&](const Caller& c) {
                v1::WatchEventsRequest r;
                r.set_parent(kParent);
                Watch watch(*integration_, r, c);
                if (std::optional<v1::Event> event = watch.Next()) {
                  return CallResult{grpc::Status::OK, true, {event->resource()}, ""};
                }
                return CallResult{watch.status, false, {}, ""};
              },
          .allowed = {"integration"},
          .returns = guide_.name()}},  // the organization's first change
        {"ExportCarePlan",
         {.method = Method("Integration", "ExportCarePlan"),
          .call =
              [&](const Caller& c) {
                v1::ExportCarePlanRequest r;
                r.set_client(client_.name());
                v1::ExportCarePlanResponse out;
                grpc::Status s =
                    integration_->ExportCarePlan(TestServer::ContextFor(c).get(), r, &out);
                // A FHIR bundle of the client's care plan.
                std::vector<std::string> returned;
                if (out.content_type() == "application/fhir+json" && !out.bundle().empty()) {
                  returned.push_back(client_.name());
                }
                return CallResultOf(s, out, returned, client_.name());
              },
          .allowed = {"integration"},
          .returns = client_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
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
  v1::Meeting held_meeting_;
  v1::Goal goal_;
  v1::MatchExclusion exclusion_;
  v1::InformationSharingConsent consent_;
  int refs_ = 0;
  std::unique_ptr<v1::Meetings::Stub> meetings_ = v1::Meetings::NewStub(server_.channel());
  std::unique_ptr<v1::Audit::Stub> audit_ = v1::Audit::NewStub(server_.channel());
  std::unique_ptr<v1::Integration::Stub> integration_ = v1::Integration::NewStub(server_.channel());
  std::unique_ptr<v1::Notes::Stub> notes_ = v1::Notes::NewStub(server_.channel());
  std::unique_ptr<v1::Visits::Stub> visits_ = v1::Visits::NewStub(server_.channel());
};

TEST_F(AccessTest, EveryRpcEveryRoleOwnAndOtherOrganization) {
  const std::map<std::string, MatrixRpc> rpcs = Rpcs();
  std::set<std::string> methods;
  for (const auto& [name, rpc] : rpcs) methods.insert(rpc.method);
  // Every RPC of the services outside Visits and Notes (which have matrices of their own).
  int expected = 0;
  for (const char* service : {"Directory", "Matching", "Meetings", "Audit", "Integration"}) {
    const auto* descriptor = v1::Referral::descriptor()->file()->pool()->FindServiceByName(
        std::string("rinnalla.v1.") + service);
    ASSERT_NE(descriptor, nullptr) << service;
    expected += descriptor->method_count();
  }
  EXPECT_EQ(static_cast<int>(methods.size()), expected);
  const MatrixTally tally = ExpectRoleMatrix(
      server_.database(), rpcs,
      [&](const std::string& role, const std::string& org) { return CallerOf(role, org); });
  std::cout << "role matrix: " << rpcs.size() << " RPC cases, " << tally.calls << " calls, "
            << tally.denied_rows << " DENIED rows and " << tally.ok_rows << " OK rows asserted\n";
}

// Authorization comes before validation: a caller who may not make the call learns nothing of
// whether its body is valid (or of what exists), and the refusal is logged under the client.
TEST_F(AccessTest, ARefusedCallerGetsPermissionDeniedWhateverTheBody) {
  struct InvalidCall {
    std::string method;  // as the access log names it
    std::function<grpc::Status(const Caller&)> call;
    Caller allowed;      // who gets INVALID_ARGUMENT for the same body
    std::string client;  // the client a refusal is filed under, "" for none
    bool filed_for_own_organization_only = false;  // named through a referral or an assignment
    // A role of the own organization that may not call it: the auditor unless set (or, for what
    // the auditor may call, a social worker).
    std::optional<Caller> insider = std::nullopt;
  };
  const std::string long_text(5000, 'x');
  const v1::Meeting meeting = NewMeeting();
  const Caller own_guide = CallerOf("guide", "paijat-hame");
  auto ctx = [](const Caller& c) { return TestServer::ContextFor(c); };
  const std::vector<InvalidCall> calls = {
      {Method("Meetings", "RecordMeetingOutcome"),
       [&](const Caller& c) {
         v1::RecordMeetingOutcomeRequest r;  // no participants
         r.set_name(meeting.name());
         *r.mutable_held_time() = meeting.scheduled_time();
         v1::Meeting out;
         return meetings_->RecordMeetingOutcome(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Meetings", "CreateMeeting"),
       [&](const Caller& c) {
         v1::CreateMeetingRequest r;  // no kind, no time
         r.set_parent(assigned_client_.name());
         r.mutable_meeting()->set_assignment(assignment_.name());
         v1::Meeting out;
         return meetings_->CreateMeeting(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Meetings", "ListMeetings"),
       [&](const Caller& c) {
         v1::ListMeetingsRequest r;
         r.set_parent(assigned_client_.name());
         r.set_filter("kind = SOMETIMES");
         v1::ListMeetingsResponse out;
         return meetings_->ListMeetings(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Meetings", "CreateGoal"),
       [&](const Caller& c) {
         v1::CreateGoalRequest r;  // no title
         r.set_parent(assigned_client_.name());
         r.mutable_goal()->set_assignment(assignment_.name());
         v1::Goal out;
         return meetings_->CreateGoal(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Meetings", "SetInformationSharingConsent"),
       [&](const Caller& c) {
         v1::SetInformationSharingConsentRequest r;
         r.set_parent(assigned_client_.name());
         r.set_assignment("assignments/x");
         v1::InformationSharingConsent out;
         return meetings_->SetInformationSharingConsent(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Directory", "UpdateClient"),
       [&](const Caller& c) {
         v1::UpdateClientRequest r;
         r.mutable_client()->set_name(client_.name());
         r.mutable_client()->set_municipality("Lahti");
         r.mutable_update_mask()->add_paths("municipality");
         v1::Client out;
         return stub_->UpdateClient(ctx(c).get(), r, &out);
       },
       kSocialWorker, client_.name()},
      {Method("Directory", "CreateGuide"),
       [&](const Caller& c) {
         v1::CreateGuideRequest r;
         r.set_parent(kParent);
         *r.mutable_guide() = ValidGuide("Liian Täysi");
         r.mutable_guide()->set_max_active_clients(0);
         v1::Guide out;
         return stub_->CreateGuide(ctx(c).get(), r, &out);
       },
       kCoordinator, ""},
      {Method("Directory", "ListClients"),
       [&](const Caller& c) {
         v1::ListClientsRequest r;
         r.set_parent(kParent);
         r.set_filter("shoe_size = 44");
         v1::ListClientsResponse out;
         return stub_->ListClients(ctx(c).get(), r, &out);
       },
       kSocialWorker, "", false, own_guide},  // the auditor may list clients
      {Method("Matching", "CreateReferral"),
       [&](const Caller& c) {
         v1::CreateReferralRequest r;  // no needs, no languages
         r.set_parent(kParent);
         r.mutable_referral()->set_client(client_.name());
         v1::Referral out;
         return matching_->CreateReferral(ctx(c).get(), r, &out);
       },
       kSocialWorker, client_.name()},
      {Method("Matching", "CancelReferral"),
       [&](const Caller& c) {
         v1::CancelReferralRequest r;
         r.set_name(referral_.name());
         r.set_reason(long_text);
         v1::Referral out;
         return matching_->CancelReferral(ctx(c).get(), r, &out);
       },
       kSocialWorker, client_.name(), true},
      {Method("Matching", "SuggestGuides"),
       [&](const Caller& c) {
         v1::SuggestGuidesRequest r;
         r.set_referral(referral_.name());
         r.set_max_results(-1);
         v1::SuggestGuidesResponse out;
         return matching_->SuggestGuides(ctx(c).get(), r, &out);
       },
       kSocialWorker, client_.name(), true},
      {Method("Matching", "AssignGuide"),
       [&](const Caller& c) {
         v1::AssignGuideRequest r;
         r.set_referral(referral_.name());
         r.set_guide("guides/nobody");
         v1::Assignment out;
         return matching_->AssignGuide(ctx(c).get(), r, &out);
       },
       kSocialWorker, client_.name(), true},
      {Method("Matching", "EndAssignment"),
       [&](const Caller& c) {
         v1::EndAssignmentRequest r;  // no end reason
         r.set_name(assignment_.name());
         v1::Assignment out;
         return matching_->EndAssignment(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name(), true},
      {Method("Matching", "AddMatchExclusion"),
       [&](const Caller& c) {
         v1::AddMatchExclusionRequest r;
         r.set_parent(client_.name());
         r.mutable_match_exclusion()->set_guide(roomy_.name());
         r.mutable_match_exclusion()->set_reason(long_text);
         v1::MatchExclusion out;
         return matching_->AddMatchExclusion(ctx(c).get(), r, &out);
       },
       kCoordinator, client_.name()},
      {Method("Visits", "LogVisit"),
       [&](const Caller& c) {
         v1::LogVisitRequest r;  // no time, no duration, no mode
         r.set_parent(assigned_client_.name());
         r.mutable_visit()->set_assignment(assignment_.name());
         v1::Visit out;
         return visits_->LogVisit(ctx(c).get(), r, &out);
       },
       own_guide, assigned_client_.name()},
      {Method("Visits", "SummarizeVisits"),
       [&](const Caller& c) {
         v1::SummarizeVisitsRequest r;  // no period
         r.set_parent(kParent);
         r.set_filter("client = \"" + assigned_client_.name() + "\"");
         v1::SummarizeVisitsResponse out;
         return visits_->SummarizeVisits(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Notes", "AddProgressNote"),
       [&](const Caller& c) {
         v1::AddProgressNoteRequest r;  // no text, no ratings
         r.set_parent(assigned_client_.name());
         v1::ProgressNote out;
         return notes_->AddProgressNote(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Notes", "GetGoalAttainment"),
       [&](const Caller& c) {
         v1::GetGoalAttainmentRequest r;
         r.set_client(assigned_client_.name());
         r.set_assignment("assignments/x");
         v1::GoalAttainment out;
         return notes_->GetGoalAttainment(ctx(c).get(), r, &out);
       },
       kSocialWorker, assigned_client_.name()},
      {Method("Integration", "ExportCarePlan"),
       [&](const Caller& c) {
         v1::ExportCarePlanRequest r;
         r.set_client(client_.name());
         r.set_identifier_system("../etc");
         v1::ExportCarePlanResponse out;
         return integration_->ExportCarePlan(ctx(c).get(), r, &out);
       },
       kIntegration, client_.name()},
      {Method("Audit", "ListAccessLog"),
       [&](const Caller& c) {
         v1::ListAccessLogRequest r;
         r.set_parent(client_.name());
         r.set_page_size(-1);
         v1::ListAccessLogResponse out;
         return audit_->ListAccessLog(ctx(c).get(), r, &out);
       },
       kAuditor, client_.name()},
  };
  const Caller stranger = CallerOf("social_worker", "helsinki");
  auto every_row_since = [&](long long mark) {
    return server_.database().QueryNumber(
        "SELECT count(*) FROM access_log WHERE (extract(epoch FROM time) * 1000000)::bigint > " +
        std::to_string(mark));
  };
  for (const InvalidCall& c : calls) {
    long long mark = AccessLogMark(server_.database());
    grpc::Status status = c.call(c.allowed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.method << " as " << c.allowed.role << ": the body is not invalid";
    EXPECT_EQ(every_row_since(mark), 0) << c.method << ": invalid, so nothing touched";
    // Of the own organization but of a role that may not (the auditor, or for the log a
    // social worker), and of another organization.
    const Caller insider = c.insider                      ? *c.insider
                           : c.allowed.role == "auditor" ? kSocialWorker
                                                         : kAuditor;
    for (const Caller& refused : {insider, stranger}) {
      const std::string where = c.method + " as " + refused.role + " of " + refused.org;
      mark = AccessLogMark(server_.database());
      status = c.call(refused);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << where << ": " << status.error_message();
      EXPECT_TRUE(ViolatedFields(status).empty()) << where;
      std::vector<std::string> expected;
      if (!c.client.empty() &&
          (refused.org == "paijat-hame" || !c.filed_for_own_organization_only)) {
        expected.push_back("DENIED " + c.client);
      }
      EXPECT_EQ(AccessRowsSince(server_.database(), mark, c.method), expected) << where;
      EXPECT_EQ(every_row_since(mark), static_cast<long long>(expected.size())) << where;
    }
  }
}

// A guide's reads of a client they do not guide: refused before the body is read, the same
// bodies that their own client's reads call invalid.
TEST_F(AccessTest, AGuideIsRefusedAClientTheyDoNotGuideBeforeTheBodyIsValidated) {
  const Caller guide = CallerOf("guide", "paijat-hame");
  auto ctx = [](const Caller& c) { return TestServer::ContextFor(c); };
  struct Read {
    std::string method;
    std::function<grpc::Status(const v1::Client&)> call;
  };
  const std::vector<Read> reads = {
      {Method("Meetings", "ListMeetings"),
       [&](const v1::Client& client) {
         v1::ListMeetingsRequest r;
         r.set_parent(client.name());
         r.set_filter("kind = SOMETIMES");
         v1::ListMeetingsResponse out;
         return meetings_->ListMeetings(ctx(guide).get(), r, &out);
       }},
      {Method("Notes", "ListProgressNotes"),
       [&](const v1::Client& client) {
         v1::ListProgressNotesRequest r;
         r.set_parent(client.name());
         r.set_page_size(-1);
         v1::ListProgressNotesResponse out;
         return notes_->ListProgressNotes(ctx(guide).get(), r, &out);
       }},
      {Method("Notes", "GetClientTimeline"),
       [&](const v1::Client& client) {
         v1::GetClientTimelineRequest r;
         r.set_client(client.name());
         r.set_page_token("not a token");
         v1::GetClientTimelineResponse out;
         return notes_->GetClientTimeline(ctx(guide).get(), r, &out);
       }},
      {Method("Notes", "GetGoalAttainment"),
       [&](const v1::Client& client) {
         v1::GetGoalAttainmentRequest r;
         r.set_client(client.name());
         r.set_assignment("assignments/x");
         v1::GoalAttainment out;
         return notes_->GetGoalAttainment(ctx(guide).get(), r, &out);
       }},
  };
  for (const Read& read : reads) {
    grpc::Status status = read.call(assigned_client_);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << read.method << ": the body is not invalid for the guide's own client";
    const long long mark = AccessLogMark(server_.database());
    status = read.call(client_);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << read.method << ": " << status.error_message();
    EXPECT_TRUE(ViolatedFields(status).empty()) << read.method;
    EXPECT_EQ(AccessRowsSince(server_.database(), mark, read.method),
              std::vector<std::string>{"DENIED " + client_.name()})
        << read.method;
  }
}

// A referral and an assignment name no client: a refusal is filed under the client they belong
// to, found in the caller's own organization. A name of nothing, or of another organization, has
// no client to file under; the answer is the same either way (AIP-211).
TEST_F(AccessTest, RefusalsNamingAReferralOrAnAssignmentAreFiledUnderItsClient) {
  const std::string missing_referral = kParent + "/referrals/" + kOtherId;
  const std::string missing_assignment = kParent + "/assignments/" + kOtherId;
  const Caller stranger = CallerOf("social_worker", "helsinki");
  struct Probe {
    std::string method;
    std::function<grpc::Status(const Caller&, const std::string&)> call;
    std::string existing;
    std::string missing;
    std::string client;  // of `existing`
  };
  const std::vector<Probe> probes = {
      {Method("Matching", "GetReferral"),
       [&](const Caller& c, const std::string& name) {
         v1::GetReferralRequest r;
         r.set_name(name);
         v1::Referral out;
         return matching_->GetReferral(TestServer::ContextFor(c).get(), r, &out);
       },
       referral_.name(), missing_referral, client_.name()},
      {Method("Matching", "AssignGuide"),
       [&](const Caller& c, const std::string& name) {
         v1::AssignGuideRequest r;
         r.set_referral(name);
         r.set_guide(roomy_.name());
         v1::Assignment out;
         return matching_->AssignGuide(TestServer::ContextFor(c).get(), r, &out);
       },
       referral_.name(), missing_referral, client_.name()},
      {Method("Matching", "GetAssignment"),
       [&](const Caller& c, const std::string& name) {
         v1::GetAssignmentRequest r;
         r.set_name(name);
         v1::Assignment out;
         return matching_->GetAssignment(TestServer::ContextFor(c).get(), r, &out);
       },
       assignment_.name(), missing_assignment, assigned_client_.name()},
      {Method("Matching", "PauseAssignment"),
       [&](const Caller& c, const std::string& name) {
         v1::PauseAssignmentRequest r;
         r.set_name(name);
         v1::Assignment out;
         return matching_->PauseAssignment(TestServer::ContextFor(c).get(), r, &out);
       },
       assignment_.name(), missing_assignment, assigned_client_.name()},
  };
  for (const Probe& p : probes) {
    // The same id in the caller's own organization, where there is no such referral.
    const std::string in_helsinki = "organizations/helsinki" + p.existing.substr(kParent.size());
    const std::vector<std::tuple<Caller, std::string, std::vector<std::string>>> attempts = {
        {kAuditor, p.existing, {"DENIED " + p.client}},
        {kAuditor, p.missing, {}},
        {stranger, p.existing, {}},  // looked up in the caller's organization only
        {stranger, p.missing, {}},
        {CallerOf("auditor", "helsinki"), in_helsinki, {}},  // refused in their own
    };
    for (const auto& [caller, name, rows] : attempts) {
      const std::string where =
          p.method + " of " + name + " as " + caller.role + " of " + caller.org;
      const long long mark = AccessLogMark(server_.database());
      grpc::Status status = p.call(caller, name);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
      EXPECT_EQ(status.error_message(), "the caller may not do this") << where;
      EXPECT_EQ(ErrorReason(status), "NOT_PERMITTED") << where;
      EXPECT_EQ(AccessRowsSince(server_.database(), mark, p.method), rows) << where;
    }
  }
}

// A record system names the client of a referral by its own id: a refusal is filed under the
// client that id finds in the caller's organization.
TEST_F(AccessTest, ARefusedReferralByRecordSystemIdIsFiledUnderItsClient) {
  v1::CreateReferralRequest r;
  r.set_parent(kParent);
  r.mutable_referral()->mutable_external_ref()->set_system("apotti");
  r.mutable_referral()->mutable_external_ref()->set_id("A-matrix");
  r.mutable_referral()->add_needs(v1::DEBT);
  r.mutable_referral()->add_languages("fi");
  r.mutable_referral()->set_municipality("398");
  const std::string method = Method("Matching", "CreateReferral");
  const long long referrals = Count("referrals");
  for (const auto& [caller, rows] : std::vector<std::pair<Caller, std::vector<std::string>>>{
           {CallerOf("guide", "paijat-hame"), {"DENIED " + client_.name()}},
           {kAuditor, {"DENIED " + client_.name()}},
           {CallerOf("integration", "helsinki"), {}}}) {
    const long long mark = AccessLogMark(server_.database());
    v1::Referral out;
    grpc::Status status = matching_->CreateReferral(TestServer::ContextFor(caller).get(), r, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller.role;
    EXPECT_EQ(AccessRowsSince(server_.database(), mark, method), rows) << caller.role;
  }
  // An id that finds no client: refused alike, nothing to file it under.
  r.mutable_referral()->mutable_external_ref()->set_id("A-nobody");
  const long long mark = AccessLogMark(server_.database());
  v1::Referral out;
  EXPECT_EQ(matching_->CreateReferral(TestServer::ContextFor(kAuditor).get(), r, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(AccessRowsSince(server_.database(), mark, method).empty());
  EXPECT_EQ(Count("referrals"), referrals);
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

TEST_F(AccessTest, WithTheLogUnwritableEveryReadOfAClientReturnsNoData) {
  const std::map<std::string, MatrixRpc> rpcs = Rpcs();
  MakeTheAccessLogUnwritable(server_.database());
  ExpectNoDataWithoutTheLog(
      rpcs,
      {"GetClient", "GetClient (assigned guide's client)", "ListClients", "GetReferral",
       "ListReferrals", "ListMatchExclusions", "SuggestGuides", "GetAssignment", "ListAssignments",
       "GetMeeting", "ListMeetings", "ListMeetingOutcomeRevisions",
       "ListInformationSharingConsents", "GetGoal", "ListGoals", "ListAccessLog", "ExportCarePlan"},
      [&](const std::string& role) { return CallerOf(role, "paijat-hame"); });
  // Guides' profiles are not client data: still served.
  const CallResult guide = rpcs.at("GetGuide").call(kSocialWorker);
  EXPECT_TRUE(guide.status.ok()) << guide.status.error_message();
  EXPECT_TRUE(Returns(guide.returned, guide_.name()));
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
