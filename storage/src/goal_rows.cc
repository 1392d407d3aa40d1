#include "goal_rows.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec.h"
#include "goal_lifecycle.h"
#include "lockable_select.h"
#include "outbox.h"
#include "refusals.h"

namespace rinnalla::storage {
namespace {

const std::string kGoalColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), CAST(assignment_id AS text), title, area,"
    " ",
    JsonOf("gas_levels"),
    ", to_char(target_date, 'YYYY-MM-DD'), weight, state,"
    " CAST(agreed_meeting_id AS text), ",
    JsonOf("agreed_by"), ", ", MicrosOf("agreed_time"), ", revision, ", MicrosOf("create_time"),
    ", ", MicrosOf("update_time"));

const LockableSelect kSelectGoal(absl::StrCat(
    "SELECT ", kGoalColumns,
    " FROM goals WHERE org_id = :org AND id = CAST(:id AS uuid) AND client_id = CAST(:client AS"
    " uuid)"));

const std::string kInsertGoal = absl::StrCat(
    "INSERT INTO goals (org_id, id, client_id, assignment_id, title, area, gas_levels,"
    " target_date, weight, state, agreed_meeting_id, agreed_by, agreed_time, created_by)"
    " VALUES (:org, CAST(:id AS uuid), CAST(:client AS uuid), CAST(:assignment AS uuid),"
    " :title, :area, ",
    TextArrayOf(":levels"), ", CAST(:day AS date), :weight, :state, CAST(:meeting AS uuid), ",
    TextArrayOf(":agreed_by"), ", ", TimeFromMicros(":agreed"), ", :by)");

const std::string kInsertGoalRating = absl::StrCat(
    "INSERT INTO goal_ratings (org_id, client_id, goal_id, score, rated_by, comment, source_kind,"
    " source_id, recorded_by, time) VALUES (:org, CAST(:client AS uuid), CAST(:goal AS uuid),"
    " :score, :rated_by, :comment, :kind, CAST(:source AS uuid), :by, coalesce(",
    TimeFromMicros(":time"), ", clock_timestamp()))");

std::optional<absl::CivilDay> ParseDay(const std::optional<std::string>& text) {
  absl::CivilDay day;
  if (!text || !absl::ParseCivilTime(*text, &day)) return std::nullopt;
  return day;
}

}  // namespace

const std::string& GoalColumns() { return kGoalColumns; }

GoalRecord ReadGoal(const soci::row& row) {
  GoalRecord g;
  g.org_id = row.get<std::string>(0);
  g.id = row.get<std::string>(1);
  g.client_id = row.get<std::string>(2);
  g.assignment_id = row.get<std::string>(3);
  g.title = row.get<std::string>(4);
  g.area = OptionalString(row, 5);
  g.gas_levels = FromJsonArray(row.get<std::string>(6));
  g.target_date = ParseDay(OptionalString(row, 7));
  g.weight = row.get<int>(8);
  g.state = row.get<std::string>(9);
  g.agreed_meeting_id = OptionalString(row, 10);
  g.agreed_by = FromJsonArray(row.get<std::string>(11));
  if (row.get_indicator(12) != soci::i_null) g.agree_time = FromMicros(row.get<long long>(12));
  g.revision = row.get<long long>(13);
  g.create_time = FromMicros(row.get<long long>(14));
  g.update_time = FromMicros(row.get<long long>(15));
  return g;
}

absl::StatusOr<GoalRecord> SelectGoal(soci::session& sql, const std::string& org_id,
                                      const std::string& client_id, const std::string& id,
                                      bool for_update) {
  soci::rowset<soci::row> rows = (sql.prepare << kSelectGoal(for_update), soci::use(org_id, "org"),
                                  soci::use(id, "id"), soci::use(client_id, "client"));
  for (const soci::row& row : rows) return ReadGoal(row);
  return absl::NotFoundError("goal not found");
}

absl::StatusOr<GoalRecord> SelectAgreedGoal(soci::session& sql, const std::string& org_id,
                                            const std::string& client_id,
                                            const std::string& assignment_id,
                                            const std::string& id) {
  absl::StatusOr<GoalRecord> goal = SelectGoal(sql, org_id, client_id, id, true);
  if (!goal.ok()) return goal.status();
  if (absl::Status rateable = CheckGoalOfGuidance(*goal, assignment_id); !rateable.ok()) {
    return rateable;
  }
  return goal;
}

void InsertGoal(soci::session& sql, const GoalRecord& g, const std::string& created_by) {
  const std::string levels = ToJsonArray(g.gas_levels), agreed_by = ToJsonArray(g.agreed_by);
  std::string area = g.area.value_or(""), meeting = g.agreed_meeting_id.value_or("");
  std::string day = g.target_date ? absl::FormatCivilTime(*g.target_date) : "";
  long long agreed = g.agree_time ? ToMicros(*g.agree_time) : 0;
  soci::indicator area_ind = g.area ? soci::i_ok : soci::i_null;
  soci::indicator meeting_ind = g.agreed_meeting_id ? soci::i_ok : soci::i_null;
  soci::indicator day_ind = g.target_date ? soci::i_ok : soci::i_null;
  soci::indicator agreed_ind = g.agree_time ? soci::i_ok : soci::i_null;
  sql << kInsertGoal, soci::use(g.org_id, "org"), soci::use(g.id, "id"),
      soci::use(g.client_id, "client"), soci::use(g.assignment_id, "assignment"),
      soci::use(g.title, "title"), soci::use(area, area_ind, "area"), soci::use(levels, "levels"),
      soci::use(day, day_ind, "day"), soci::use(g.weight, "weight"), soci::use(g.state, "state"),
      soci::use(meeting, meeting_ind, "meeting"), soci::use(agreed_by, "agreed_by"),
      soci::use(agreed, agreed_ind, "agreed"), soci::use(created_by, "by");
  AppendEvent(sql, g.org_id, "goal.created", ClientChildName(g.org_id, g.client_id, "goals", g.id),
              {});
}

void InsertGoalRating(soci::session& sql, const std::string& org_id, const std::string& client_id,
                      const GoalRatingRecord& r, const std::string& source_kind,
                      const std::string& source_id, const std::string& recorded_by,
                      std::optional<absl::Time> time) {
  long long micros = time ? ToMicros(*time) : 0;
  soci::indicator time_ind = time ? soci::i_ok : soci::i_null;
  sql << kInsertGoalRating, soci::use(org_id, "org"), soci::use(client_id, "client"),
      soci::use(r.goal_id, "goal"), soci::use(r.score, "score"), soci::use(r.rated_by, "rated_by"),
      soci::use(r.comment, "comment"), soci::use(source_kind, "kind"),
      soci::use(source_id, "source"), soci::use(recorded_by, "by"),
      soci::use(micros, time_ind, "time");
}

}  // namespace rinnalla::storage
