// Whether the guidance helped, end to end: a client's goal attainment with each rater's view side
// by side, and a pilot's figures over a period.

#include "absl/time/clock.h"
#include "notes_fixture.h"
#include "proto_time.h"

namespace rinnalla::testing {
namespace {

const v1::RaterTScore& RaterT(const v1::GoalAttainment& a, v1::Rater rater) {
  for (const auto& t : a.by_rater()) {
    if (t.rater() == rater) return t;
  }
  static const v1::RaterTScore none;
  ADD_FAILURE() << "no T-score for " << v1::Rater_Name(rater);
  return none;
}

TEST_F(NotesTest, GoalAttainmentShowsEachRatersViewSideBySide) {
  Guidance g = StartGuidance("A-gas");
  const std::string housing = AgreeGoal(g, "Saan oman asunnon", 2);
  const std::string group = AgreeGoal(g, "Käyn vertaisryhmässä", 1);
  const std::string unrated = AgreeGoal(g, "Liikun enemmän", 1);
  AgreeGoal(g, "Luovuttu tavoite", 1, "DROPPED");

  v1::ProgressNote guide_note = Note("Asuntoasia eteni.");
  Rate(guide_note, housing, 1);              // the guide's view
  Rate(guide_note, housing, 2, v1::CLIENT);  // the client's own, recorded by the guide
  Rate(guide_note, group, 0, v1::CLIENT);
  MustAddNote(AsGuide(g.guide), g.client, guide_note);
  v1::ProgressNote shared = Note("Ryhmä jäi väliin.");
  Rate(shared, group, -1);
  MustAddNote(kSocialWorker, g.client, shared);
  v1::ProgressNote staff_only = Note("Arvio henkilöstölle.", v1::ProgressNote::STAFF_ONLY);
  Rate(staff_only, housing, 2);
  MustAddNote(kSocialWorker, g.client, staff_only);
  const std::string review = ScheduleMeeting(g, v1::Meeting::REVIEW, absl::Now());
  v1::GoalRating at_meeting;
  at_meeting.set_goal(group);
  at_meeting.set_score(1);
  at_meeting.set_rated_by(v1::CLIENT);
  HoldMeeting(g, review, {at_meeting});

  v1::GoalAttainment staff;
  ASSERT_TRUE(Attainment(kSocialWorker, g.client, &staff).ok());
  EXPECT_EQ(staff.client(), g.client.name());
  EXPECT_EQ(staff.assignment(), g.assignment.name());
  ASSERT_EQ(staff.goals_size(), 3) << "the dropped goal is not scored";
  const v1::GoalProgress& h = staff.goals(0);
  EXPECT_EQ(h.goal(), housing);
  EXPECT_EQ(h.weight(), 2);
  EXPECT_EQ(h.history_size(), 3);
  EXPECT_EQ(h.latest_score(), 2);
  ASSERT_EQ(h.latest_by_rater_size(), 3);
  EXPECT_EQ(h.latest_by_rater(0).rater(), v1::CLIENT) << "the client's own view first";
  EXPECT_EQ(h.latest_by_rater(0).score(), 2);
  EXPECT_EQ(h.latest_by_rater(1).rater(), v1::GUIDE);
  EXPECT_EQ(h.latest_by_rater(1).score(), 1);
  EXPECT_EQ(h.latest_by_rater(2).score(), 2);
  const v1::GoalProgress& r = staff.goals(1);
  EXPECT_EQ(r.latest_score(), 1) << "the meeting's rating is the latest";
  EXPECT_EQ(r.history(2).source(), review);
  EXPECT_FALSE(staff.goals(2).has_latest_score());
  EXPECT_EQ(staff.goals(2).goal(), unrated);

  // Overall: housing +2 (w 2), group +1 (w 1): 50 + 10·5 / √(0.7·5 + 0.3·9) = 70.0805.
  EXPECT_EQ(staff.goals_scored(), 2);
  EXPECT_NEAR(staff.t_score(), 70.08048, 1e-4);
  EXPECT_NEAR(RaterT(staff, v1::CLIENT).t_score(), 70.08048, 1e-4);
  EXPECT_EQ(RaterT(staff, v1::CLIENT).goals_scored(), 2);
  // The guide: housing +1 alone: 50 + 10·2 / √(0.7·4 + 0.3·4) = 60.
  EXPECT_NEAR(RaterT(staff, v1::GUIDE).t_score(), 60.0, 1e-9);
  // Staff: housing +2, group -1: 50 + 10·3 / √6.2.
  EXPECT_NEAR(RaterT(staff, v1::SOCIAL_WORKER).t_score(), 62.0483, 1e-4);

  // The guide does not see the staff-only note's rating.
  v1::GoalAttainment guide;
  ASSERT_TRUE(Attainment(AsGuide(g.guide), g.client, &guide).ok());
  EXPECT_EQ(guide.goals(0).history_size(), 2);
  EXPECT_EQ(guide.goals(0).latest_score(), 2) << "the client's view, from the same note";
  EXPECT_NEAR(RaterT(guide, v1::SOCIAL_WORKER).t_score(), 40.0, 1e-9);
  EXPECT_EQ(RaterT(guide, v1::SOCIAL_WORKER).goals_scored(), 1);
  // Every reading is logged (that staff do not read the guide's rating comments without the
  // client's consent: consent_e2e_test.cc).
  EXPECT_EQ(Count("access_log WHERE method = '/rinnalla.v1.Notes/GetGoalAttainment'"), 2);

  v1::GoalAttainment other;
  grpc::Status status =
      Attainment(kSocialWorker, g.client, &other, StartGuidance("A-gas-2", "B").assignment.name());
  EXPECT_EQ(status.error_code(), grpc::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "ASSIGNMENT_OF_ANOTHER_CLIENT");
  EXPECT_TRUE(
      ViolatedFields(Attainment(kSocialWorker, g.client, &other, "x")).contains("assignment"));
}

TEST_F(NotesTest, AClientWithoutGuidanceHasNoAttainmentYet) {
  v1::Client client = MustCreateClient("A-none");
  v1::GoalAttainment a;
  ASSERT_TRUE(Attainment(kSocialWorker, client, &a).ok());
  EXPECT_EQ(a.assignment(), "");
  EXPECT_EQ(a.goals_size(), 0);
  EXPECT_FALSE(a.has_t_score());
}

class OutcomesTest : public NotesTest {
 protected:
  grpc::Status Summarize(const Caller& caller, absl::Time start, const std::string& filter,
                         v1::OutcomeSummary* out) {
    v1::SummarizeOutcomesRequest request;
    request.set_parent(kParent);
    SetTimestamp(start, request.mutable_period()->mutable_start_time());
    request.set_filter(filter);
    return notes_->SummarizeOutcomes(TestServer::ContextFor(caller).get(), request, out);
  }
};

TEST_F(OutcomesTest, APilotsFiguresOverAPeriod) {
  const absl::Time start = absl::Now() - absl::Hours(1);
  Guidance reached = StartGuidance("A-reached", "Opas Yksi");
  const std::string achieved = AgreeGoal(reached, "Saan asunnon");
  const std::string missed = AgreeGoal(reached, "Saan työpaikan");
  v1::ProgressNote closing = Note("Loppuarvio.");
  Rate(closing, achieved, 2, v1::CLIENT);
  Rate(closing, missed, -1);
  MustAddNote(AsGuide(reached.guide), reached.client, closing);
  LogVisit(reached, "käynti", absl::ZeroDuration(), 45);
  LogVisit(reached, "käynti", absl::ZeroDuration(), 90);
  MoveGoal(achieved, "ACHIEVED");
  MoveGoal(missed, "NOT_ACHIEVED");
  EndGuidance(reached, v1::Assignment::GOALS_REACHED);

  Guidance declined = StartGuidance("A-declined", "Opas Kaksi");
  MoveGoal(AgreeGoal(declined, "Luovuttu"), "DROPPED");
  EndGuidance(declined, v1::Assignment::CLIENT_DECLINED);

  Guidance ongoing = StartGuidance("A-ongoing", "Opas Kolme");
  LogVisit(ongoing, "käynti", absl::ZeroDuration(), 30);
  const long long logged_before = Count("access_log");

  v1::OutcomeSummary s;
  ASSERT_TRUE(Summarize(kCoordinator, start, "", &s).ok());
  EXPECT_EQ(s.assignments_started(), 3);
  EXPECT_EQ(s.assignments_ended(), 2);
  ASSERT_EQ(s.ended_by_reason_size(), 2);
  EXPECT_EQ(s.ended_by_reason(0).end_reason(), v1::Assignment::CLIENT_DECLINED);
  EXPECT_EQ(s.ended_by_reason(0).count(), 1);
  EXPECT_EQ(s.ended_by_reason(1).end_reason(), v1::Assignment::GOALS_REACHED);
  EXPECT_TRUE(s.has_median_guidance_days());
  EXPECT_LT(s.median_guidance_days(), 1.0 / 24);
  EXPECT_EQ(s.clients_guided(), 3);
  EXPECT_EQ(s.visits(), 3);
  EXPECT_DOUBLE_EQ(s.visit_hours(), (45 + 90 + 30) / 60.0);
  EXPECT_EQ(s.goals_closed(), 3);
  EXPECT_EQ(s.goals_achieved(), 1);
  EXPECT_EQ(s.goals_not_achieved(), 1);
  EXPECT_EQ(s.goals_dropped(), 1);
  EXPECT_DOUBLE_EQ(s.achieved_share(), 0.5) << "dropped goals were not evaluated";
  // One closing with scores: +2 and -1 with equal weights: 50 + 10 / √2.6.
  EXPECT_EQ(s.closings_scored(), 1);
  EXPECT_NEAR(s.mean_closing_t_score(), 56.2017, 1e-4);
  EXPECT_EQ(s.closings_scored_by_client(), 1);
  EXPECT_NEAR(s.mean_closing_t_score_client(), 70.0, 1e-9);
  // By rater, side by side: the client's +2 alone is 70, the guide's -1 alone is 40, and no
  // social worker scored.
  ASSERT_EQ(s.closing_t_score_by_rater_size(), 3);
  const v1::RaterClosingTScore& by_client = s.closing_t_score_by_rater(0);
  const v1::RaterClosingTScore& by_guide = s.closing_t_score_by_rater(1);
  const v1::RaterClosingTScore& by_worker = s.closing_t_score_by_rater(2);
  EXPECT_EQ(by_client.rater(), v1::CLIENT);
  EXPECT_EQ(by_client.closings_scored(), 1);
  EXPECT_NEAR(by_client.mean_closing_t_score(), 70.0, 1e-9);
  EXPECT_EQ(by_guide.rater(), v1::GUIDE);
  EXPECT_EQ(by_guide.closings_scored(), 1);
  EXPECT_NEAR(by_guide.mean_closing_t_score(), 40.0, 1e-9);
  EXPECT_EQ(by_worker.rater(), v1::SOCIAL_WORKER);
  EXPECT_EQ(by_worker.closings_scored(), 0);
  EXPECT_FALSE(by_worker.has_mean_closing_t_score());
  // Every client whose data was counted is in the access log.
  EXPECT_EQ(Count("access_log") - logged_before, 3);
  EXPECT_EQ(Count("access_log WHERE method = '/rinnalla.v1.Notes/SummarizeOutcomes' AND"
                  " role = 'coordinator'"),
            3);

  v1::OutcomeSummary one;
  ASSERT_TRUE(
      Summarize(kCoordinator, start, "guide = \"" + ongoing.guide.name() + "\"", &one).ok());
  EXPECT_EQ(one.assignments_started(), 1);
  EXPECT_EQ(one.assignments_ended(), 0);
  EXPECT_FALSE(one.has_median_guidance_days());
  EXPECT_EQ(one.visits(), 1);
  EXPECT_DOUBLE_EQ(one.visit_hours(), 0.5);
  EXPECT_FALSE(one.has_achieved_share());
  v1::OutcomeSummary elsewhere;
  ASSERT_TRUE(Summarize(kCoordinator, start, "municipality = 091", &elsewhere).ok());
  EXPECT_EQ(elsewhere.assignments_started(), 0);
  EXPECT_EQ(elsewhere.clients_guided(), 0);
  v1::OutcomeSummary later;
  EXPECT_EQ(Summarize(kCoordinator, absl::Now() + absl::Hours(1), "", &later).error_code(),
            grpc::INVALID_ARGUMENT)
      << "a period that ends (now) before it starts";
}

TEST_F(OutcomesTest, BadPeriodsAndFiltersAreRefused) {
  v1::SummarizeOutcomesRequest request;
  request.set_parent(kParent);
  v1::OutcomeSummary out;
  grpc::Status status =
      notes_->SummarizeOutcomes(TestServer::ContextFor(kCoordinator).get(), request, &out);
  EXPECT_TRUE(ViolatedFields(status).contains("period.start_time"));
  SetTimestamp(absl::Now(), request.mutable_period()->mutable_start_time());
  SetTimestamp(absl::Now() - absl::Hours(24), request.mutable_period()->mutable_end_time());
  status = notes_->SummarizeOutcomes(TestServer::ContextFor(kCoordinator).get(), request, &out);
  EXPECT_TRUE(ViolatedFields(status).contains("period.end_time"));
  request.clear_period();
  SetTimestamp(absl::Now(), request.mutable_period()->mutable_start_time());
  for (const std::string& filter :
       {std::string("guide = \"organizations/helsinki/guides/" + NewUuid() + "\""),
        std::string("municipality = Lahti"), std::string("state = ACTIVE")}) {
    request.set_filter(filter);
    status = notes_->SummarizeOutcomes(TestServer::ContextFor(kCoordinator).get(), request, &out);
    EXPECT_TRUE(ViolatedFields(status).contains("filter")) << filter;
  }
  request.set_parent("organizations/");
  status = notes_->SummarizeOutcomes(TestServer::ContextFor(kCoordinator).get(), request, &out);
  EXPECT_TRUE(ViolatedFields(status).contains("parent"));
}

}  // namespace
}  // namespace rinnalla::testing
