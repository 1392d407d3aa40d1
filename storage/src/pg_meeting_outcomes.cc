// A meeting's recorded outcome: recording it (with what was agreed: goals, ratings, closings,
// consent, the guidance's end), amending it as a new revision, and reading its revisions.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "consent_rows.h"
#include "goal_rows.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "meeting_rows.h"
#include "meeting_rules.h"
#include "outbox.h"
#include "pg_meetings_repository.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

constexpr char kCloseGoal[] =
    "UPDATE goals SET state = :state, closed_time = clock_timestamp(), revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kMeetingHeld[] =
    "UPDATE meetings SET state = 'HELD', outcome_revision = 1, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

const std::string kFirstMeetingTime =
    absl::StrCat("UPDATE assignments SET first_meeting_time = ", TimeFromMicros(":held"),
                 " WHERE org_id = :org AND id = CAST(:id AS uuid)");

constexpr char kOutcomeAmended[] =
    "UPDATE meetings SET outcome_revision = :revision, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

void CloseGoal(soci::session& sql, const GoalRecord& goal, const std::string& final_state) {
  sql << kCloseGoal, soci::use(final_state, "state"), soci::use(goal.org_id, "org"),
      soci::use(goal.id, "id");
  AppendEvent(sql, goal.org_id, "goal.updated", GoalName(goal.org_id, goal.client_id, goal.id),
              {"state"});
}

// RecordOutcome's checks and writes, in its transaction: the meeting and its assignment are
// locked and read, the rules decide (meeting_rules.h), and the plan is written.
absl::StatusOr<MeetingRecord> WriteOutcome(soci::session& sql, const CallScope& scope,
                                           const std::string& client_id,
                                           const OutcomeRecording& r) {
  const std::string& org = scope.org_id;
  ASSIGN_OR_RETURN(MeetingRecord m, SelectMeeting(sql, org, client_id, r.meeting_id, {}, true));
  RETURN_IF_ERROR(CheckRecordable(m, r));
  ASSIGN_OR_RETURN(AssignmentRecord assignment,
                   SelectOpenAssignmentOf(sql, org, client_id, m.assignment_id));
  ASSIGN_OR_RETURN(RecordingPlan plan, PlanRecording(m, assignment, r, scope.actor));
  // Ratings first: a goal may be rated at the meeting that closes it. Each goal is locked.
  for (const GoalRatingRecord& rating : r.ratings) {
    RETURN_IF_ERROR(
        SelectAgreedGoal(sql, org, client_id, m.assignment_id, rating.goal_id).status());
  }
  std::vector<GoalRecord> closing;
  for (const GoalClosingRecord& c : r.closings) {
    ASSIGN_OR_RETURN(GoalRecord goal,
                     SelectAgreedGoal(sql, org, client_id, m.assignment_id, c.goal_id));
    closing.push_back(std::move(goal));
  }
  InsertOutcome(sql, org, m.id, plan.outcome, scope.role);
  for (const GoalRecord& goal : plan.agreed_goals) InsertGoal(sql, goal, scope.actor);
  for (const GoalRatingRecord& rating : r.ratings) {
    InsertGoalRating(sql, org, client_id, rating, "MEETING", m.id, scope.actor);
  }
  for (size_t i = 0; i < closing.size(); ++i) {
    CloseGoal(sql, closing[i], r.closings[i].final_state);
  }
  if (plan.consent) InsertConsent(sql, *plan.consent, scope.role);
  sql << kMeetingHeld, soci::use(org, "org"), soci::use(m.id, "id");
  if (plan.first_meeting_time) {
    const long long held = ToMicros(*plan.first_meeting_time);
    sql << kFirstMeetingTime, soci::use(held, "held"), soci::use(org, "org"),
        soci::use(assignment.id, "id");
  }
  AppendEvent(sql, org, "meeting.updated", MeetingName(org, client_id, m.id), {"state", "outcome"});
  if (plan.end_reason) EndAssignmentRow(sql, assignment, *plan.end_reason, "");
  return SelectMeeting(sql, org, client_id, m.id, {}, false);
}

}  // namespace

absl::StatusOr<CreateOutcome<MeetingRecord>> PgMeetingsRepository::RecordOutcome(
    const CallScope& scope, const std::string& client_id, const OutcomeRecording& r,
    const std::optional<IdempotencyKey>& key, const ResponseEncoder<MeetingRecord>& encode) {
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<MeetingRecord>> {
        RETURN_IF_ERROR(LogClient(sql, scope, client_id));
        return CreateOnce<MeetingRecord>(
            sql, scope.org_id, key, [&] { return WriteOutcome(sql, scope, client_id, r); }, encode);
      });
}

absl::StatusOr<MeetingRecord> PgMeetingsRepository::AmendOutcome(
    const CallScope& scope, const std::string& client_id, const std::string& id,
    std::optional<int64_t> expected_revision, const MeetingOutcomeRecord& outcome) {
  const std::string& org = scope.org_id;
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<MeetingRecord> {
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    ASSIGN_OR_RETURN(MeetingRecord m, SelectMeeting(sql, org, client_id, id, {}, true));
    RETURN_IF_ERROR(CheckRevision(m.revision, expected_revision));
    ASSIGN_OR_RETURN(AssignmentRecord assignment,
                     SelectAssignment(sql, org, m.assignment_id, false));
    ASSIGN_OR_RETURN(MeetingOutcomeRecord amended,
                     PlanAmendment(m, assignment, outcome, scope.actor));
    InsertOutcome(sql, org, id, amended, scope.role);
    sql << kOutcomeAmended, soci::use(amended.revision, "revision"), soci::use(org, "org"),
        soci::use(id, "id");
    AppendEvent(sql, org, "meeting.updated", MeetingName(org, client_id, id), {"outcome"});
    return SelectMeeting(sql, org, client_id, id, {}, false);
  });
}

absl::StatusOr<std::vector<MeetingOutcomeRecord>> PgMeetingsRepository::ListOutcomeRevisions(
    const CallScope& scope, const std::string& client_id, const std::string& id) {
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<std::vector<MeetingOutcomeRecord>> {
        RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
        RETURN_IF_ERROR(LogClient(sql, scope, client_id));
        RETURN_IF_ERROR(
            Unhidden(scope, SelectMeeting(sql, scope.org_id, client_id, id, scope, false))
                .status());
        return SelectOutcomes(sql, scope.org_id, id);
      });
}

}  // namespace rinnalla::storage
