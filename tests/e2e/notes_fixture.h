#ifndef RINNALLA_TESTS_E2E_NOTES_FIXTURE_H_
#define RINNALLA_TESTS_E2E_NOTES_FIXTURE_H_

// A server with Notes stubs, guidance set up through the Matching RPCs, and what other services
// own (goals, meetings, ratings at meetings, consent, visits) written directly in SQL: the
// Meetings and Visits RPCs are being built alongside. Swap these helpers for the RPCs when they
// land; the tests above them need not change.

#include <string>

#include "absl/strings/str_cat.h"
#include "matching_fixture.h"
#include "resource_names.h"
#include "rinnalla/v1/notes.grpc.pb.h"

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

  // --- What the Meetings service will own ---

  // A goal of the guidance, AGREED with its five GAS levels (or in another state); its name.
  std::string AgreeGoal(const Guidance& g, const std::string& title, int weight = 1,
                        const std::string& state = "AGREED") {
    const std::string id = NewUuid();
    const bool agreed = state != "PROPOSED";
    server_.database().Exec(absl::StrCat(
        "INSERT INTO goals (org_id, id, client_id, assignment_id, title, gas_levels, weight, state,"
        " agreed_time, closed_time, created_by) VALUES ('",
        g.org(), "', '", id, "', '", g.client_id(), "', '", g.assignment_id(), "', '", title, "', ",
        agreed ? "ARRAY['-2', '-1', '0', '+1', '+2']" : "'{}'", ", ", weight, ", '", state, "', ",
        agreed ? "clock_timestamp()" : "NULL", ", ",
        state == "AGREED" || state == "PROPOSED" ? "NULL" : "clock_timestamp()",
        ", 'users/sosiaalityontekija')"));
    return absl::StrCat(g.client.name(), "/goals/", id);
  }

  void CloseGoal(const std::string& goal, const std::string& state) {
    server_.database().Exec(absl::StrCat("UPDATE goals SET state = '", state,
                                         "', closed_time = clock_timestamp() WHERE id = '",
                                         Guidance::Id(goal), "'"));
  }

  // A meeting scheduled `scheduled_sql` (an SQL time); its name.
  std::string ScheduleMeeting(const Guidance& g, const std::string& kind,
                              const std::string& scheduled_sql = "now() + interval '1 day'") {
    const std::string id = NewUuid();
    server_.database().Exec(absl::StrCat(
        "INSERT INTO meetings (org_id, id, client_id, assignment_id, kind, scheduled_time, state,"
        " created_by) VALUES ('",
        g.org(), "', '", id, "', '", g.client_id(), "', '", g.assignment_id(), "', '", kind, "', ",
        scheduled_sql, ", 'SCHEDULED', 'users/sosiaalityontekija')"));
    return absl::StrCat(g.client.name(), "/meetings/", id);
  }

  // Records the meeting held (revision 1, or an amendment with a higher one).
  void HoldMeeting(const std::string& meeting, int revision = 1) {
    const std::string id = Guidance::Id(meeting);
    server_.database().Exec(absl::StrCat(
        "INSERT INTO meeting_outcomes (org_id, meeting_id, revision, held_time, recorded_by,"
        " recorded_role) VALUES ('paijat-hame', '",
        id, "', ", revision,
        ", clock_timestamp(), 'users/sosiaalityontekija', 'social_worker');"
        "UPDATE meetings SET state = 'HELD', outcome_revision = ",
        revision, ", update_time = clock_timestamp() WHERE id = '", id, "'"));
  }

  void CancelMeeting(const std::string& meeting) {
    server_.database().Exec(
        absl::StrCat("UPDATE meetings SET state = 'CANCELLED', cancel_reason = 'sairaus',"
                     " update_time = clock_timestamp() WHERE id = '",
                     Guidance::Id(meeting), "'"));
  }

  // A rating given at a meeting.
  void RateAtMeeting(const Guidance& g, const std::string& meeting, const std::string& goal,
                     int score, const std::string& rater) {
    server_.database().Exec(absl::StrCat(
        "INSERT INTO goal_ratings (org_id, client_id, goal_id, score, rated_by, source_kind,"
        " source_id, recorded_by) VALUES ('",
        g.org(), "', '", g.client_id(), "', '", Guidance::Id(goal), "', ", score, ", '", rater,
        "', 'MEETING', '", Guidance::Id(meeting), "', 'users/sosiaalityontekija')"));
  }

  // The client's information-sharing decision for the guidance; the latest holds.
  void SetConsent(const Guidance& g, bool granted) {
    server_.database().Exec(absl::StrCat(
        "INSERT INTO information_sharing_consents (org_id, client_id, assignment_id, granted,"
        " recorded_by, recorded_role) VALUES ('",
        g.org(), "', '", g.client_id(), "', '", g.assignment_id(), "', ",
        granted ? "true" : "false", ", 'users/sosiaalityontekija', 'social_worker')"));
  }

  // --- What the Visits service will own ---

  // A visit the guide logged, starting `start_sql` (an SQL time); its name.
  std::string LogVisit(const Guidance& g, const std::string& summary,
                       const std::string& start_sql = "clock_timestamp() - interval '1 hour'",
                       int minutes = 45, int revision = 1) {
    const std::string id = NewUuid();
    server_.database().Exec(absl::StrCat(
        "INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id, start_time,"
        " duration_minutes, mode, places, summary, revision) VALUES ('",
        g.org(), "', '", id, "', '", g.client_id(), "', '", g.assignment_id(), "', '",
        Guidance::Id(g.guide.name()), "', ", start_sql, ", ", minutes,
        ", 'IN_PERSON', ARRAY['KELA', 'HOUSING'], '", summary, "', ", revision, ")"));
    return absl::StrCat(g.client.name(), "/visits/", id);
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
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_NOTES_FIXTURE_H_
