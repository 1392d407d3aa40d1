// Information-sharing consent in every staff read path: a guide's note with a rating comment, a
// visit's summary and an accompanied visit's outcome note are withheld from staff without the
// client's consent, shown after it, and withheld again once it is withdrawn; the guide always
// sees their own words. The texts are checked in the raw bytes of every response.

#include <algorithm>
#include <functional>

#include "absl/time/clock.h"
#include "notes_fixture.h"
#include "proto_time.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace rinnalla::testing {
namespace {

// ASCII markers, so they read the same in any encoding of the response.
constexpr char kNoteText[] = "NoteText-Q7x";
constexpr char kComment[] = "RatingComment-Q7x";
constexpr char kSummary[] = "VisitSummary-Q7x";
constexpr char kOutcomeNote[] = "OutcomeNote-Q7x";

class ConsentTest : public NotesTest {
 protected:
  void SetUp() override {
    g_ = StartGuidance("A-consent");
    const std::string goal = AgreeGoal(g_, "Oma asunto");
    const Caller guide = AsGuide(g_.guide);
    v1::ProgressNote note = Note(kNoteText);
    Rate(note, goal, 1, v1::GUIDE, kComment);
    note_ = MustAddNote(guide, g_.client, note);

    v1::LogVisitRequest log;
    log.set_parent(g_.client.name());
    v1::Visit* visit = log.mutable_visit();
    visit->set_assignment(g_.assignment.name());
    SetTimestamp(absl::Now() - absl::Minutes(1), visit->mutable_start_time());
    visit->set_duration_minutes(60);
    visit->set_mode(v1::Visit::ACCOMPANIED);
    visit->add_places(v1::KELA);
    visit->set_summary(kSummary);
    v1::PlaceOutcome* outcome = visit->add_place_outcomes();
    outcome->set_place(v1::KELA);
    outcome->set_appointment(v1::PlaceOutcome::KEPT);
    outcome->set_acting(v1::PlaceOutcome::CLIENT_WITH_GUIDE);
    outcome->set_note(kOutcomeNote);
    grpc::Status logged = visits_->LogVisit(TestServer::ContextFor(guide).get(), log, &visit_);
    ASSERT_TRUE(logged.ok()) << logged.error_message();
  }

  // A staff read path: its name, the markers it shows with consent, and the read (the raw
  // response, or empty on failure).
  struct ReadPath {
    std::string name;
    std::vector<std::string> shown_with_consent;
    std::function<std::string()> read;
  };

  template <typename Response>
  static std::string Raw(const grpc::Status& status, const Response& response,
                         const std::string& name) {
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return status.ok() ? response.SerializeAsString() : "";
  }

  std::vector<ReadPath> Paths() {
    auto context = [] { return TestServer::ContextFor(kSocialWorker); };
    std::vector<ReadPath> paths;
    paths.push_back({"GetGoalAttainment", {kComment}, [&] {
                       v1::GoalAttainment out;
                       return Raw(Attainment(kSocialWorker, g_.client, &out), out, "attainment");
                     }});
    paths.push_back({"GetProgressNote", {kNoteText, kComment}, [&, context] {
                       v1::GetProgressNoteRequest r;
                       r.set_name(note_.name());
                       v1::ProgressNote out;
                       return Raw(notes_->GetProgressNote(context().get(), r, &out), out, "note");
                     }});
    paths.push_back({"ListProgressNotes", {kNoteText, kComment}, [&] {
                       v1::ListProgressNotesResponse out;
                       return Raw(ListNotes(kSocialWorker, g_.client, "", &out), out, "notes");
                     }});
    paths.push_back({"GetVisit", {kSummary, kOutcomeNote}, [&, context] {
                       v1::GetVisitRequest r;
                       r.set_name(visit_.name());
                       v1::Visit out;
                       return Raw(visits_->GetVisit(context().get(), r, &out), out, "visit");
                     }});
    for (const std::string& parent : {g_.client.name(), kParent}) {
      paths.push_back({"ListVisits of " + parent, {kSummary, kOutcomeNote}, [&, context, parent] {
                         v1::ListVisitsRequest r;
                         r.set_parent(parent);
                         v1::ListVisitsResponse out;
                         return Raw(visits_->ListVisits(context().get(), r, &out), out, parent);
                       }});
    }
    paths.push_back({"GetClientTimeline", {kNoteText, kSummary}, [&] {
                       v1::GetClientTimelineResponse out;
                       return Raw(Timeline(kSocialWorker, g_.client, &out), out, "timeline");
                     }});
    paths.push_back({"SummarizeVisits", {}, [&, context] {
                       v1::SummarizeVisitsRequest r;
                       r.set_parent(kParent);
                       SetTimestamp(absl::Now() - absl::Hours(24), r.mutable_start_time());
                       SetTimestamp(absl::Now() + absl::Hours(1), r.mutable_end_time());
                       v1::SummarizeVisitsResponse out;
                       return Raw(visits_->SummarizeVisits(context().get(), r, &out), out, "sum");
                     }});
    // The record system's export never carries the guide's words.
    paths.push_back({"ExportCarePlan", {}, [&] {
                       v1::ExportCarePlanRequest r;
                       r.set_client(g_.client.name());
                       v1::ExportCarePlanResponse out;
                       grpc::Status status = integration_->ExportCarePlan(
                           TestServer::ContextFor(kIntegration).get(), r, &out);
                       return Raw(status, out, "export");
                     }});
    return paths;
  }

  // Every path shows exactly the markers it should: `consented` says whether it may.
  void ExpectEveryPath(bool consented, const std::string& stage) {
    for (const ReadPath& path : Paths()) {
      const std::string raw = path.read();
      ASSERT_FALSE(raw.empty()) << path.name << " " << stage;
      for (const char* marker : {kNoteText, kComment, kSummary, kOutcomeNote}) {
        const bool may_show =
            consented && std::find(path.shown_with_consent.begin(), path.shown_with_consent.end(),
                                   marker) != path.shown_with_consent.end();
        EXPECT_EQ(raw.find(marker) != std::string::npos, may_show)
            << path.name << " " << stage << ": " << marker;
      }
    }
  }

  Guidance g_;
  v1::ProgressNote note_;
  v1::Visit visit_;
  std::unique_ptr<v1::Integration::Stub> integration_ = v1::Integration::NewStub(server_.channel());
};

TEST_F(ConsentTest, StaffReadTheGuidesWordsOnlyWhileTheClientConsents) {
  ExpectEveryPath(false, "before any decision");
  SetConsent(g_, true);
  ExpectEveryPath(true, "after consent");
  SetConsent(g_, false);
  ExpectEveryPath(false, "after it was withdrawn");
}

TEST_F(ConsentTest, TheGuideAlwaysSeesTheirOwnWords) {
  const Caller guide = AsGuide(g_.guide);
  v1::GetVisitRequest get;
  get.set_name(visit_.name());
  v1::Visit visit;
  ASSERT_TRUE(visits_->GetVisit(TestServer::ContextFor(guide).get(), get, &visit).ok());
  EXPECT_EQ(visit.summary(), kSummary);
  EXPECT_EQ(visit.place_outcomes(0).note(), kOutcomeNote);
  v1::ListProgressNotesResponse notes;
  ASSERT_TRUE(ListNotes(guide, g_.client, "", &notes).ok());
  ASSERT_EQ(notes.notes_size(), 1);
  EXPECT_EQ(notes.notes(0).text(), kNoteText);
  EXPECT_EQ(notes.notes(0).goal_ratings(0).comment(), kComment);
}

}  // namespace
}  // namespace rinnalla::testing
