#include "outcomes.h"

#include <array>
#include <map>
#include <optional>
#include <vector>

#include "gas.h"
#include "mapping.h"
#include "proto_time.h"
#include "resource_names.h"

namespace rinnalla::notes {
namespace {

// Side by side, the client's own view first (empowering evaluation).
constexpr std::array<v1::Rater, 3> kRaters = {v1::CLIENT, v1::GUIDE, v1::SOCIAL_WORKER};

void SetTScore(const std::vector<ScoredGoal>& goals, v1::RaterTScore& out) {
  out.set_goals_scored(static_cast<int>(goals.size()));
  if (std::optional<double> t = GasTScore(goals)) out.set_t_score(*t);
}

// The mean of the T-scores that exist, and how many there were.
std::pair<std::optional<double>, int> Mean(const std::vector<std::optional<double>>& scores) {
  double sum = 0;
  int n = 0;
  for (const std::optional<double>& t : scores) {
    if (t) sum += *t, ++n;
  }
  return {n == 0 ? std::nullopt : std::optional<double>(sum / n), n};
}

}  // namespace

v1::GoalAttainment AttainmentOf(const std::string& org_id, const std::string& client_id,
                                const storage::GoalAttainmentRecord& record) {
  v1::GoalAttainment out;
  out.set_client(ResourceNameOf(org_id, "clients", client_id));
  if (!record.assignment_id.empty()) {
    out.set_assignment(ResourceNameOf(org_id, "assignments", record.assignment_id));
  }
  std::vector<ScoredGoal> latest;
  std::map<v1::Rater, std::vector<ScoredGoal>> by_rater;
  for (const storage::GoalWithRatings& goal : record.goals) {
    v1::GoalProgress* g = out.add_goals();
    g->set_goal(ClientChildNameOf(org_id, client_id, "goals", goal.id));
    g->set_title(goal.title);
    v1::Goal::State state;
    if (v1::Goal::State_Parse(goal.state, &state)) g->set_state(state);
    g->set_weight(goal.weight);
    // Ratings come oldest first: the last of each rater is their latest.
    std::map<v1::Rater, const v1::ScoreRecord*> rater_latest;
    for (const storage::RatingInHistory& r : goal.ratings) {
      const v1::ScoreRecord& score = *g->add_history() = ToProto(org_id, client_id, r);
      rater_latest[score.rated_by()] = &score;
    }
    if (g->history().empty()) continue;
    const v1::ScoreRecord& last = *g->history().rbegin();
    g->set_latest_score(last.score());
    *g->mutable_latest_time() = last.time();
    latest.push_back({goal.weight, last.score()});
    for (v1::Rater rater : kRaters) {
      auto it = rater_latest.find(rater);
      if (it == rater_latest.end()) continue;
      v1::RaterScore* rs = g->add_latest_by_rater();
      rs->set_rater(rater);
      rs->set_score(it->second->score());
      *rs->mutable_time() = it->second->time();
      by_rater[rater].push_back({goal.weight, it->second->score()});
    }
  }
  out.set_goals_scored(static_cast<int>(latest.size()));
  if (std::optional<double> t = GasTScore(latest)) out.set_t_score(*t);
  for (v1::Rater rater : kRaters) {
    v1::RaterTScore* t = out.add_by_rater();
    t->set_rater(rater);
    SetTScore(by_rater[rater], *t);
  }
  return out;
}

v1::OutcomeSummary SummaryOf(const storage::OutcomeFigures& f, const storage::OutcomeQuery& q) {
  v1::OutcomeSummary out;
  SetTimestamp(q.start, out.mutable_period()->mutable_start_time());
  SetTimestamp(q.end, out.mutable_period()->mutable_end_time());
  out.set_assignments_started(f.assignments_started);
  out.set_assignments_ended(f.assignments_ended);
  for (const auto& [reason, count] : f.ended_by_reason) {
    v1::EndReasonCount* c = out.add_ended_by_reason();
    v1::Assignment::EndReason r;
    if (v1::Assignment::EndReason_Parse(reason, &r)) c->set_end_reason(r);
    c->set_count(count);
  }
  if (f.median_guidance_days) out.set_median_guidance_days(*f.median_guidance_days);
  out.set_clients_guided(f.clients_guided);
  out.set_visits(f.visits);
  out.set_visit_hours(f.visit_hours);
  out.set_goals_achieved(f.goals_achieved);
  out.set_goals_not_achieved(f.goals_not_achieved);
  out.set_goals_dropped(f.goals_dropped);
  out.set_goals_closed(f.goals_achieved + f.goals_not_achieved + f.goals_dropped);
  if (const int evaluated = f.goals_achieved + f.goals_not_achieved; evaluated > 0) {
    out.set_achieved_share(static_cast<double>(f.goals_achieved) / evaluated);
  }
  // One T-score per assignment that closed: over its goals' latest scores, and over each
  // rater's own.
  struct ClosingScores {
    std::vector<ScoredGoal> any;
    std::map<v1::Rater, std::vector<ScoredGoal>> by_rater;
  };
  std::map<std::string, ClosingScores> closings;
  for (const storage::ClosingGoalScore& s : f.closing_scores) {
    ClosingScores& scores = closings[s.assignment_id];
    if (s.latest) scores.any.push_back({s.weight, *s.latest});
    for (const auto& [name, score] : s.latest_by_rater) {
      v1::Rater rater;
      if (v1::Rater_Parse(name, &rater)) scores.by_rater[rater].push_back({s.weight, score});
    }
  }
  std::vector<std::optional<double>> overall;
  std::map<v1::Rater, std::vector<std::optional<double>>> by_rater;
  for (const auto& [assignment, scores] : closings) {
    overall.push_back(GasTScore(scores.any));
    for (const auto& [rater, goals] : scores.by_rater) by_rater[rater].push_back(GasTScore(goals));
  }
  auto [mean, n] = Mean(overall);
  if (mean) out.set_mean_closing_t_score(*mean);
  out.set_closings_scored(n);
  for (v1::Rater rater : kRaters) {
    auto [rater_mean, rater_n] = Mean(by_rater[rater]);
    v1::RaterClosingTScore* t = out.add_closing_t_score_by_rater();
    t->set_rater(rater);
    if (rater_mean) t->set_mean_closing_t_score(*rater_mean);
    t->set_closings_scored(rater_n);
    if (rater == v1::CLIENT) {
      if (rater_mean) out.set_mean_closing_t_score_client(*rater_mean);
      out.set_closings_scored_by_client(rater_n);
    }
  }
  return out;
}

}  // namespace rinnalla::notes
