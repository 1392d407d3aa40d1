#include "outcome_queries.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "codec.h"

namespace rinnalla::storage {
namespace {

// Every statement binds the same named parameters: :org, :start and :end the period's (micros),
// :guide ('' for all), :municipality the client's ('' for all).
const std::string kStart = TimeFromMicros(":start");
const std::string kEnd = TimeFromMicros(":end");

std::string In(const std::string& time) {
  return absl::StrCat("(", time, " >= ", kStart, " AND ", time, " < ", kEnd, ")");
}

// The organization's assignments under the filter, as `a`.
const std::string kAssignments =
    "WITH a AS (SELECT a.* FROM assignments a JOIN clients c ON c.org_id = a.org_id"
    " AND c.id = a.client_id WHERE a.org_id = :org"
    " AND (:guide = '' OR a.guide_id = CAST(NULLIF(:guide, '') AS uuid))"
    " AND (:municipality = '' OR c.municipality = :municipality)) ";

const std::string kCounts = absl::StrCat(
    kAssignments, "SELECT count(*) FILTER (WHERE ", In("a.start_time"), "),",
    " count(*) FILTER (WHERE ", In("a.end_time"), "),",
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.end_time - a.start_time)"
    " / 86400) FILTER (WHERE ",
    In("a.end_time"), "),",
    // Open at some time in the period: started before its end, not ended before its start.
    " count(DISTINCT a.client_id) FILTER (WHERE a.start_time < ", kEnd,
    " AND (a.end_time IS NULL OR a.end_time >= ", kStart, ")) FROM a");

const std::string kEndReasons =
    absl::StrCat(kAssignments, "SELECT a.end_reason, count(*) FROM a WHERE ", In("a.end_time"),
                 " GROUP BY a.end_reason ORDER BY a.end_reason");

const std::string kVisits = absl::StrCat(
    "SELECT count(*), coalesce(sum(v.duration_minutes), 0) FROM visits v JOIN clients c"
    " ON c.org_id = v.org_id AND c.id = v.client_id WHERE v.org_id = :org AND ",
    In("v.start_time"),
    " AND (:guide = '' OR v.guide_id = CAST(NULLIF(:guide, '') AS uuid))"
    " AND (:municipality = '' OR c.municipality = :municipality)");

const std::string kGoalsClosed = absl::StrCat(
    kAssignments, "SELECT g.state, count(*) FROM goals g JOIN a ON a.id = g.assignment_id",
    " WHERE g.org_id = :org AND ", In("g.closed_time"),
    " AND g.state IN ('ACHIEVED', 'NOT_ACHIEVED', 'DROPPED') GROUP BY g.state");

// Each goal of an assignment that closed in the period, with its latest score (whoever gave it;
// at equal times the client's view) and each rater's own latest, as a JSON object by rater.
const std::string kClosingScores = absl::StrCat(
    kAssignments,
    "SELECT CAST(a.id AS text), g.weight,"
    " (SELECT r.score FROM current_goal_ratings r WHERE r.org_id = g.org_id AND r.goal_id = g.id"
    "  ORDER BY r.time DESC, r.rated_by = 'CLIENT' DESC, r.id DESC LIMIT 1),"
    " (SELECT CAST(json_object_agg(l.rated_by, l.score) AS text) FROM ("
    "   SELECT DISTINCT ON (r.rated_by) r.rated_by, r.score FROM current_goal_ratings r"
    "   WHERE r.org_id = g.org_id AND r.goal_id = g.id"
    "   ORDER BY r.rated_by, r.time DESC, r.id DESC) l)"
    " FROM a JOIN goals g ON g.org_id = a.org_id AND g.assignment_id = a.id"
    " AND g.state IN ('AGREED', 'ACHIEVED', 'NOT_ACHIEVED')"
    " WHERE a.state = 'ENDED' AND ",
    In("a.end_time"), " ORDER BY a.id, g.id");

const std::string kClients =
    absl::StrCat(kAssignments, "SELECT CAST(json_agg(x) AS text) FROM (",
                 "SELECT a.client_id FROM a WHERE a.start_time < ", kEnd,
                 " AND (a.end_time IS NULL OR a.end_time >= ", kStart, ")",
                 " UNION SELECT v.client_id FROM visits v JOIN clients c ON c.org_id = v.org_id"
                 " AND c.id = v.client_id WHERE v.org_id = :org AND ",
                 In("v.start_time"),
                 " AND (:guide = '' OR v.guide_id = CAST(NULLIF(:guide, '') AS uuid))"
                 " AND (:municipality = '' OR c.municipality = :municipality)",
                 " UNION SELECT g.client_id FROM goals g JOIN a ON a.id = g.assignment_id"
                 " WHERE g.org_id = :org AND ",
                 In("g.closed_time"), ") AS t(x)");

// The standard parameters of every statement above.
struct Parameters {
  Parameters(const std::string& org, const OutcomeQuery& q)
      : org_id(org),
        start(ToMicros(q.start)),
        end(ToMicros(q.end)),
        guide(q.guide_id.value_or("")),
        municipality(q.municipality.value_or("")) {}
  std::string org_id;
  long long start;
  long long end;
  std::string guide;
  std::string municipality;
};

soci::rowset<soci::row> Rows(soci::session& sql, const std::string& query, const Parameters& p) {
  return (sql.prepare << query, soci::use(p.org_id, "org"), soci::use(p.start, "start"),
          soci::use(p.end, "end"), soci::use(p.guide, "guide"),
          soci::use(p.municipality, "municipality"));
}

}  // namespace

OutcomeFigures SelectOutcomeFigures(soci::session& sql, const std::string& org_id,
                                    const OutcomeQuery& query) {
  const Parameters p(org_id, query);
  OutcomeFigures f;
  for (const soci::row& row : Rows(sql, kCounts, p)) {
    f.assignments_started = static_cast<int>(row.get<long long>(0));
    f.assignments_ended = static_cast<int>(row.get<long long>(1));
    if (row.get_indicator(2) != soci::i_null) f.median_guidance_days = row.get<double>(2);
    f.clients_guided = static_cast<int>(row.get<long long>(3));
  }
  for (const soci::row& row : Rows(sql, kEndReasons, p)) {
    f.ended_by_reason.emplace_back(row.get<std::string>(0),
                                   static_cast<int>(row.get<long long>(1)));
  }
  for (const soci::row& row : Rows(sql, kVisits, p)) {
    f.visits = static_cast<int>(row.get<long long>(0));
    f.visit_hours = static_cast<double>(row.get<long long>(1)) / 60.0;
  }
  for (const soci::row& row : Rows(sql, kGoalsClosed, p)) {
    const std::string state = row.get<std::string>(0);
    const int n = static_cast<int>(row.get<long long>(1));
    (state == "ACHIEVED"       ? f.goals_achieved
     : state == "NOT_ACHIEVED" ? f.goals_not_achieved
                               : f.goals_dropped) = n;
  }
  for (const soci::row& row : Rows(sql, kClosingScores, p)) {
    ClosingGoalScore score{row.get<std::string>(0), row.get<int>(1), OptionalInt(row, 2), {}};
    if (std::optional<std::string> by_rater = OptionalString(row, 3)) {
      score.latest_by_rater = nlohmann::json::parse(*by_rater).get<std::map<std::string, int>>();
    }
    f.closing_scores.push_back(std::move(score));
  }
  return f;
}

std::vector<std::string> SelectOutcomeClients(soci::session& sql, const std::string& org_id,
                                              const OutcomeQuery& query) {
  const Parameters p(org_id, query);
  std::vector<std::string> clients;
  for (const soci::row& row : Rows(sql, kClients, p)) {
    if (std::optional<std::string> ids = OptionalString(row, 0)) clients = FromJsonArray(*ids);
  }
  return clients;
}

}  // namespace rinnalla::storage
