#ifndef RINNALLA_TESTS_E2E_NOTES_FIXTURE_H_
#define RINNALLA_TESTS_E2E_NOTES_FIXTURE_H_

// A server with Notes stubs, guidance set up through the Matching RPCs, meetings, goals and
// consent through the Meetings RPCs, and visits through the Visits RPCs: every row is one the
// server wrote.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "matching_fixture.h"
#include "proto_time.h"
#include "resource_names.h"
#include "rinnalla/v1/meetings.grpc.pb.h"
#include "rinnalla/v1/notes.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace rinnalla::testing {

// A guide with a client: the assignment joins them.
struct Guidance {
  v1::Client client;
  v1::Guide guide;
  v1::Assignment assignment;
  std::string org() const { return "paijat-hame"; }
  std::string client_id() const { return Id(client.name()); }
  std::string assignment_id() const { return Id(assignment.name()); }
  static std::string Id(const std::string& name) { return name.substr(name.rfind('/') + 1); }
};

class NotesTest : public MatchingTest {
 protected:
  Guidance StartGuidance(const std::string& ref, const std::string& guide_name = "Aino Opas") {
    Guidance g;
    g.client = MustCreateClient(ref);
    g.guide = MakeGuide(guide_name, {v1::MENTAL_HEALTH, v1::DEBT});
    EXPECT_TRUE(Assign(Refer(g.client), g.guide, &g.assignment).ok());
    return g;
  }

  // A new guide for a client whose guidance has ended.
  Guidance NextGuidance(const Guidance& earlier, const std::string& guide_name) {
    Guidance g;
    g.client = earlier.client;
    g.guide = MakeGuide(guide_name, {v1::DEBT});
    EXPECT_TRUE(Assign(Refer(g.client), g.guide, &g.assignment).ok());
    return g;
  }

  void EndGuidance(Guidance& g, v1::Assignment::EndReason reason = v1::Assignment::GOALS_REACHED) {
    v1::EndAssignmentRequest end;
    end.set_name(g.assignment.name());
    end.set_end_reason(reason);
    EXPECT_TRUE(
        matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &g.assignment)
            .ok());
  }

  // --- Meetings, goals and consent, through the Meetings RPCs ---

  // A goal of the guidance: AGREED with five GAS levels, or moved on to `state` (PROPOSED stays
  // proposed); its name.
  std::string AgreeGoal(const Guidance& g, const std::string& title, int weight = 1,
                        const std::string& state = "AGREED") {
    v1::CreateGoalRequest request;
    request.set_parent(g.client.name());
    v1::Goal* goal = request.mutable_goal();
    goal->set_assignment(g.assignment.name());
    goal->set_title(title);
    for (const char* level :
         {"Paljon huonommin", "Huonommin", "Odotetusti", "Paremmin", "Paljon paremmin"}) {
      goal->add_gas_levels(level);
    }
    goal->set_weight(weight);
    v1::Goal out;
    grpc::Status status =
        meetings_->CreateGoal(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (state != "PROPOSED") MoveGoal(out.name(), "AGREED");
    if (state != "PROPOSED" && state != "AGREED") MoveGoal(out.name(), state);
    return out.name();
  }

  // PROPOSED → AGREED; AGREED → ACHIEVED, NOT_ACHIEVED or DROPPED.
  void MoveGoal(const std::string& goal, const std::string& state) {
    v1::UpdateGoalRequest request;
    request.mutable_goal()->set_name(goal);
    v1::Goal::State final_state;
    ASSERT_TRUE(v1::Goal::State_Parse(state, &final_state));
    request.mutable_goal()->set_state(final_state);
    request.mutable_update_mask()->add_paths("state");
    v1::Goal out;
    grpc::Status status =
        meetings_->UpdateGoal(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // A meeting of the guidance scheduled for `when`; its name.
  std::string ScheduleMeeting(const Guidance& g, v1::Meeting::Kind kind,
                              absl::Time when = absl::Now() + absl::Hours(24)) {
    v1::CreateMeetingRequest request;
    request.set_parent(g.client.name());
    request.mutable_meeting()->set_assignment(g.assignment.name());
    request.mutable_meeting()->set_kind(kind);
    SetTimestamp(when, request.mutable_meeting()->mutable_scheduled_time());
    v1::Meeting out;
    grpc::Status status =
        meetings_->CreateMeeting(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  // Records the meeting held now by the three parties, with `ratings` given at it.
  void HoldMeeting(const Guidance& g, const std::string& meeting,
                   const std::vector<v1::GoalRating>& ratings = {}) {
    v1::RecordMeetingOutcomeRequest request;
    request.set_name(meeting);
    SetTimestamp(absl::Now(), request.mutable_held_time());
    *request.mutable_participants() = ThreeParties(g);
    request.set_summary("Kävimme tilanteen läpi yhdessä.");
    for (const v1::GoalRating& r : ratings) *request.add_goal_ratings() = r;
    v1::Meeting out;
    grpc::Status status =
        meetings_->RecordMeetingOutcome(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // Corrects the meeting's record (a new revision), as held now.
  void AmendMeeting(const Guidance& g, const std::string& meeting) {
    v1::AmendMeetingOutcomeRequest request;
    request.set_name(meeting);
    SetTimestamp(absl::Now(), request.mutable_outcome()->mutable_held_time());
    *request.mutable_outcome()->mutable_participants() = ThreeParties(g);
    request.mutable_outcome()->set_summary("Korjattu yhteenveto.");
    request.set_reason("Väärä kellonaika");
    v1::Meeting out;
    grpc::Status status =
        meetings_->AmendMeetingOutcome(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  void CancelMeeting(const std::string& meeting) {
    v1::CancelMeetingRequest request;
    request.set_name(meeting);
    request.set_reason("Asiakas sairastui");
    v1::Meeting out;
    grpc::Status status =
        meetings_->CancelMeeting(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // The client's information-sharing decision for the guidance; the latest holds.
  void SetConsent(const Guidance& g, bool granted) {
    v1::SetInformationSharingConsentRequest request;
    request.set_parent(g.client.name());
    request.set_assignment(g.assignment.name());
    request.set_granted(granted);
    v1::InformationSharingConsent out;
    grpc::Status status = meetings_->SetInformationSharingConsent(
        TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static google::protobuf::RepeatedPtrField<v1::Participant> ThreeParties(const Guidance& g) {
    google::protobuf::RepeatedPtrField<v1::Participant> parties;
    for (auto [role, identity] : {std::pair{v1::Participant::CLIENT, std::string()},
                                  std::pair{v1::Participant::SOCIAL_WORKER, kSocialWorker.sub},
                                  std::pair{v1::Participant::GUIDE, g.guide.name()}}) {
      v1::Participant* p = parties.Add();
      p->set_role(role);
      p->set_identity(identity);
      p->set_present(true);
    }
    return parties;
  }

  // --- Visits, through the Visits RPCs ---

  // A visit the guide logged, starting `ago` before now (at KELA and HOUSING, IN_PERSON); with
  // `amended`, the guide corrected its length once (revision 2). Its name.
  std::string LogVisit(const Guidance& g, const std::string& summary,
                       absl::Duration ago = absl::Minutes(1), int minutes = 45,
                       bool amended = false) {
    const Caller guide = AsGuide(g.guide);
    v1::LogVisitRequest request;
    request.set_parent(g.client.name());
    v1::Visit* visit = request.mutable_visit();
    visit->set_assignment(g.assignment.name());
    SetTimestamp(absl::Now() - ago, visit->mutable_start_time());
    visit->set_duration_minutes(amended ? minutes + 15 : minutes);
    visit->set_mode(v1::Visit::IN_PERSON);
    visit->add_places(v1::KELA);
    visit->add_places(v1::HOUSING);
    visit->set_summary(summary);
    v1::Visit out;
    grpc::Status status = visits_->LogVisit(TestServer::ContextFor(guide).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (amended) {
      v1::AmendVisitRequest amend;
      amend.mutable_visit()->set_name(out.name());
      amend.mutable_visit()->set_duration_minutes(minutes);
      amend.mutable_update_mask()->add_paths("duration_minutes");
      amend.set_reason("Kesto korjattu");
      status = visits_->AmendVisit(TestServer::ContextFor(guide).get(), amend, &out);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return out.name();
  }

  // --- Notes ---

  static v1::ProgressNote Note(const std::string& text,
                               v1::ProgressNote::Visibility visibility = v1::ProgressNote::SHARED) {
    v1::ProgressNote n;
    n.set_text(text);
    n.set_visibility(visibility);
    return n;
  }

  static v1::GoalRating* Rate(v1::ProgressNote& note, const std::string& goal, int score,
                              v1::Rater rater = v1::RATER_UNSPECIFIED,
                              const std::string& comment = "") {
    v1::GoalRating* r = note.add_goal_ratings();
    r->set_goal(goal);
    r->set_score(score);
    r->set_rated_by(rater);
    r->set_comment(comment);
    return r;
  }

  grpc::Status AddNote(const Caller& caller, const v1::Client& client, const v1::ProgressNote& note,
                       v1::ProgressNote* out, const std::string& request_id = "") {
    v1::AddProgressNoteRequest request;
    request.set_parent(client.name());
    *request.mutable_note() = note;
    request.set_request_id(request_id);
    return notes_->AddProgressNote(TestServer::ContextFor(caller).get(), request, out);
  }

  v1::ProgressNote MustAddNote(const Caller& caller, const v1::Client& client,
                               const v1::ProgressNote& note) {
    v1::ProgressNote out;
    grpc::Status status = AddNote(caller, client, note, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  grpc::Status ListNotes(const Caller& caller, const v1::Client& client, const std::string& filter,
                         v1::ListProgressNotesResponse* out, int page_size = 0,
                         const std::string& page_token = "") {
    v1::ListProgressNotesRequest request;
    request.set_parent(client.name());
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return notes_->ListProgressNotes(TestServer::ContextFor(caller).get(), request, out);
  }

  grpc::Status Timeline(const Caller& caller, const v1::Client& client,
                        v1::GetClientTimelineResponse* out, int page_size = 0,
                        const std::string& page_token = "") {
    v1::GetClientTimelineRequest request;
    request.set_client(client.name());
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return notes_->GetClientTimeline(TestServer::ContextFor(caller).get(), request, out);
  }

  // Every page of the timeline.
  std::vector<v1::TimelineEntry> WholeTimeline(const Caller& caller, const v1::Client& client,
                                               int page_size = 0) {
    std::vector<v1::TimelineEntry> all;
    std::string token;
    do {
      v1::GetClientTimelineResponse page;
      grpc::Status status = Timeline(caller, client, &page, page_size, token);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      all.insert(all.end(), page.entries().begin(), page.entries().end());
      token = page.next_page_token();
    } while (!token.empty());
    return all;
  }

  grpc::Status Attainment(const Caller& caller, const v1::Client& client, v1::GoalAttainment* out,
                          const std::string& assignment = "") {
    v1::GetGoalAttainmentRequest request;
    request.set_client(client.name());
    request.set_assignment(assignment);
    return notes_->GetGoalAttainment(TestServer::ContextFor(caller).get(), request, out);
  }

  std::unique_ptr<v1::Notes::Stub> notes_ = v1::Notes::NewStub(server_.channel());
  std::unique_ptr<v1::Meetings::Stub> meetings_ = v1::Meetings::NewStub(server_.channel());
  std::unique_ptr<v1::Visits::Stub> visits_ = v1::Visits::NewStub(server_.channel());
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_NOTES_FIXTURE_H_
