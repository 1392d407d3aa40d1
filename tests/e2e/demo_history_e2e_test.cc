// `rinnalla demo-data --visits N`: a year of guidances the pilot's figures can count, written so
// that the server reads it as its own: SummarizeOutcomes and SummarizeVisits over the year, a
// client's timeline and goal attainment.

#include "notes_fixture.h"
#include "process.h"

namespace rinnalla::testing {
namespace {

class DemoHistoryTest : public NotesTest {
 protected:
  void Load(int guides, int clients, int visits) {
    ProcessResult demo = RunProcess(
        {RINNALLA_CLI_BINARY, "demo-data", "--database=" + server_.database().connection_string(),
         "--org=paijat-hame", "--guides=" + std::to_string(guides),
         "--clients=" + std::to_string(clients), "--visits=" + std::to_string(visits)},
        absl::Minutes(5));
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    std::cout << "# " << demo.out;
  }
  long long Count(const std::string& query) { return server_.database().QueryNumber(query); }
};

TEST_F(DemoHistoryTest, AYearOfGuidancesAddsUpInThePilotsFigures) {
  Load(20, 200, 5000);
  const absl::Time year_ago = absl::Now() - absl::Hours(24 * 366);

  v1::SummarizeOutcomesRequest outcomes;
  outcomes.set_parent(kParent);
  SetTimestamp(year_ago, outcomes.mutable_period()->mutable_start_time());
  v1::OutcomeSummary o;
  grpc::Status status =
      notes_->SummarizeOutcomes(TestServer::ContextFor(kCoordinator).get(), outcomes, &o);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(o.assignments_started(), Count("SELECT count(*) FROM assignments"));
  EXPECT_EQ(o.assignments_ended(), Count("SELECT count(*) FROM assignments WHERE state = 'ENDED'"));
  EXPECT_GT(o.assignments_ended(), 0);
  EXPECT_LT(o.assignments_ended(), o.assignments_started()) << "some guidances are still open";
  int by_reason = 0;
  for (const v1::EndReasonCount& r : o.ended_by_reason()) by_reason += r.count();
  EXPECT_EQ(by_reason, o.assignments_ended());
  EXPECT_GE(o.ended_by_reason_size(), 3);
  EXPECT_TRUE(o.has_median_guidance_days());
  EXPECT_EQ(o.visits(), 5000);
  EXPECT_GT(o.goals_achieved(), 0);
  EXPECT_GT(o.goals_not_achieved(), 0);
  EXPECT_TRUE(o.has_achieved_share());
  EXPECT_TRUE(o.has_mean_closing_t_score());
  EXPECT_TRUE(o.has_mean_closing_t_score_client());
  EXPECT_GT(o.mean_closing_t_score(), 30);
  EXPECT_LT(o.mean_closing_t_score(), 70);

  v1::SummarizeVisitsRequest visits;
  visits.set_parent(kParent);
  SetTimestamp(year_ago, visits.mutable_start_time());
  SetTimestamp(absl::Now(), visits.mutable_end_time());
  v1::SummarizeVisitsResponse v;
  status = visits_->SummarizeVisits(TestServer::ContextFor(kCoordinator).get(), visits, &v);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(v.totals().visits(), 5000);
  EXPECT_GT(v.totals().accompanied_visits(), 0);
  int kept = 0;
  for (const v1::PlaceVisits& p : v.totals().accompanied_by_place()) kept += p.appointments_kept();
  EXPECT_GT(kept, 0);
  EXPECT_LE(v.guides_size(), 20);

  // A dashboard's totals alone: the same totals, no one's own figures, none read.
  const long long logged = Count("SELECT count(*) FROM access_log");
  visits.set_totals_only(true);
  v1::SummarizeVisitsResponse totals;
  status = visits_->SummarizeVisits(TestServer::ContextFor(kCoordinator).get(), visits, &totals);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(totals.totals().SerializeAsString(), v.totals().SerializeAsString());
  EXPECT_EQ(totals.guides_size(), 0);
  EXPECT_EQ(totals.clients_size(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM access_log"), logged);

  // The database's own rules held: no guide over the cap, one open guidance per client, every
  // visit within its guidance.
  EXPECT_EQ(Count("SELECT count(*) FROM guides WHERE active_client_count > max_active_clients"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM guides g WHERE active_client_count <> (SELECT count(*)"
                  " FROM assignments a WHERE a.guide_id = g.id AND a.state <> 'ENDED')"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM visits v JOIN assignments a ON a.id = v.assignment_id"
                  " WHERE v.start_time < a.start_time OR v.start_time > coalesce(a.end_time,"
                  " now())"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM assignment_changes WHERE change = 'ENDED'"),
            o.assignments_ended());
}

TEST_F(DemoHistoryTest, AClientsPastReadsAsTheServersOwn) {
  Load(5, 40, 400);
  const std::string client_id = server_.database().QueryText(
      "SELECT CAST(client_id AS text) FROM assignments WHERE end_reason = 'GOALS_REACHED'"
      " ORDER BY start_time LIMIT 1");
  ASSERT_FALSE(client_id.empty());
  const std::string client = kParent + "/clients/" + client_id;

  v1::GetClientTimelineRequest timeline;
  timeline.set_client(client);
  timeline.set_page_size(500);
  v1::GetClientTimelineResponse entries;
  grpc::Status status =
      notes_->GetClientTimeline(TestServer::ContextFor(kSocialWorker).get(), timeline, &entries);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Every visit and note of the guidance is on it, with its meetings and assignment changes.
  EXPECT_GT(
      entries.entries_size(),
      Count("SELECT (SELECT count(*) FROM visits WHERE client_id = '" + client_id +
            "') + (SELECT count(*) FROM progress_notes WHERE client_id = '" + client_id + "')"));

  v1::GetGoalAttainmentRequest attainment;
  attainment.set_client(client);
  v1::GoalAttainment a;
  status = notes_->GetGoalAttainment(TestServer::ContextFor(kSocialWorker).get(), attainment, &a);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(a.goals_size(), 2);
  EXPECT_TRUE(a.has_t_score());

  // The tool's writing is in the client's access log.
  EXPECT_GE(Count("SELECT count(*) FROM access_log WHERE client_id = '" + client_id +
                  "' AND actor = 'tools/demo-data'"),
            2);
}

}  // namespace
}  // namespace rinnalla::testing
