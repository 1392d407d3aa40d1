// Goals of a guidance: proposed, read, listed and updated along their lifecycle
// (goal_lifecycle.h); meetings agree, rate and close them (pg_meeting_outcomes.cc).

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "goal_lifecycle.h"
#include "goal_rows.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "meeting_rows.h"
#include "outbox.h"
#include "page_binds.h"
#include "pg_meetings_repository.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

// Built on first use: the columns are another file's constant. Optional filters: '' matches
// every row. A guide's scope narrows to their own assignments.
const std::string& ListGoalsStatement() {
  static const std::string kListGoals = absl::StrCat(
      "SELECT ", GoalColumns(),
      " FROM goals g WHERE g.org_id = :org AND g.client_id = CAST(:client AS uuid)"
      " AND (:assignment = '' OR CAST(g.assignment_id AS text) = :assignment)"
      " AND (:state = '' OR g.state = :state) AND ",
      GuideScopeCondition("g"), " AND ", KeysetBounds::Condition("g.create_time", "g.id"),
      " ORDER BY g.create_time, g.id LIMIT :limit");
  return kListGoals;
}

// The goal as DecideGoalUpdate left it; arrays as JSON. Agreeing stamps the time; closing keeps
// the first closing time.
const std::string kUpdateGoal = absl::StrCat(
    "UPDATE goals SET title = :title, area = :area, gas_levels = ", TextArrayOf(":levels"),
    ", target_date = CAST(:day AS date), weight = :weight, state = :state, agreed_by = ",
    TextArrayOf(":agreed_by"),
    ", agreed_time = CASE WHEN :agree = 1 THEN clock_timestamp() ELSE agreed_time END,"
    " closed_time = CASE WHEN :close = 1 THEN coalesce(closed_time, clock_timestamp()) END,"
    " revision = revision + 1, update_time = clock_timestamp()"
    " WHERE org_id = :org AND id = CAST(:id AS uuid)");

// A guide sees goals of their own assignments only.
absl::Status CheckGoalScope(soci::session& sql, const GoalRecord& goal, const CallScope& scope) {
  if (!scope.is_guide) return absl::OkStatus();
  ASSIGN_OR_RETURN(AssignmentRecord a,
                   SelectAssignment(sql, goal.org_id, goal.assignment_id, false));
  if (a.guide_id != scope.guide_id) return absl::NotFoundError("goal not found");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CreateOutcome<GoalRecord>> PgMeetingsRepository::CreateGoal(
    const CallScope& scope, const GoalRecord& goal, const std::optional<IdempotencyKey>& key,
    const ResponseEncoder<GoalRecord>& encode) {
  const std::string& org = scope.org_id;
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<GoalRecord>> {
    RETURN_IF_ERROR(HoldGuideToClient(sql, scope, goal.client_id));
    RETURN_IF_ERROR(LogClient(sql, scope, goal.client_id));
    return CreateOnce<GoalRecord>(
        sql, org, key,
        [&]() -> absl::StatusOr<GoalRecord> {
          // A client has one open assignment at most: a guide who guides the client (held
          // above) proposes goals for their own guidance.
          RETURN_IF_ERROR(
              SelectOpenAssignmentOf(sql, org, goal.client_id, goal.assignment_id).status());
          InsertGoal(sql, goal, scope.actor);
          return SelectGoal(sql, org, goal.client_id, goal.id, false);
        },
        encode);
  });
}

absl::StatusOr<GoalRecord> PgMeetingsRepository::GetGoal(const CallScope& scope,
                                                         const std::string& client_id,
                                                         const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GoalRecord> {
    RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    ASSIGN_OR_RETURN(GoalRecord goal,
                     Unhidden(scope, SelectGoal(sql, scope.org_id, client_id, id, false)));
    RETURN_IF_ERROR(Unhidden(scope, CheckGoalScope(sql, goal, scope)));
    return goal;
  });
}

absl::StatusOr<Page<GoalRecord>> PgMeetingsRepository::ListGoals(const CallScope& scope,
                                                                 const GoalFilter& f,
                                                                 const PageRequest& page) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<GoalRecord>> {
    RETURN_IF_ERROR(HoldGuideToClient(sql, scope, f.client_id));
    RETURN_IF_ERROR(LogClient(sql, scope, f.client_id));
    const std::string assignment = f.assignment_id.value_or(""), state = f.state.value_or("");
    KeysetBounds bounds(page);
    soci::rowset<soci::row> rows =
        (WithPage(sql.prepare << ListGoalsStatement(), bounds), soci::use(scope.org_id, "org"),
         soci::use(f.client_id, "client"), soci::use(assignment, "assignment"),
         soci::use(state, "state"), soci::use(scope.guide_id, "scope_guide"));
    return CollectPage<GoalRecord>(rows, page, ReadGoal);
  });
}

absl::StatusOr<GoalRecord> PgMeetingsRepository::UpdateGoal(
    const CallScope& scope, const std::string& client_id, const std::string& id,
    std::optional<int64_t> expected_revision, const GoalUpdate& update) {
  const std::string& org = scope.org_id;
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GoalRecord> {
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    ASSIGN_OR_RETURN(GoalRecord before, SelectGoal(sql, org, client_id, id, true));
    RETURN_IF_ERROR(CheckRevision(before.revision, expected_revision));
    ASSIGN_OR_RETURN(GoalChange change,
                     DecideGoalUpdate(before, update, StaffParty(scope.role, scope.actor)));
    if (change.changed.empty()) return before;  // nothing changes, and the etag stays
    const GoalRecord& after = change.after;
    const std::string levels = ToJsonArray(after.gas_levels);
    const std::string agreed_by = ToJsonArray(after.agreed_by);
    const std::string area = after.area.value_or("");
    const std::string day = after.target_date ? absl::FormatCivilTime(*after.target_date) : "";
    soci::indicator area_ind = after.area ? soci::i_ok : soci::i_null;
    soci::indicator day_ind = after.target_date ? soci::i_ok : soci::i_null;
    const int agree = change.agreeing ? 1 : 0, close = change.closing ? 1 : 0;
    sql << kUpdateGoal, soci::use(after.title, "title"), soci::use(area, area_ind, "area"),
        soci::use(levels, "levels"), soci::use(day, day_ind, "day"),
        soci::use(after.weight, "weight"), soci::use(after.state, "state"),
        soci::use(agreed_by, "agreed_by"), soci::use(agree, "agree"), soci::use(close, "close"),
        soci::use(org, "org"), soci::use(id, "id");
    AppendEvent(sql, org, "goal.updated", GoalName(org, client_id, id), change.changed);
    return SelectGoal(sql, org, client_id, id, false);
  });
}

}  // namespace rinnalla::storage
