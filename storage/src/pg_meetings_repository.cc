// PostgreSQL implementation of MeetingsRepository: meetings and their outcomes, goals, consent.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "goal_lifecycle.h"
#include "goal_rows.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "meeting_rows.h"
#include "meeting_rules.h"
#include "outbox.h"
#include "paging.h"
#include "refusals.h"
#include "rinnalla/storage/meetings_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

std::string MeetingName(const std::string& org, const std::string& client, const std::string& id) {
  return ClientChildName(org, client, "meetings", id);
}
std::string GoalName(const std::string& org, const std::string& client, const std::string& id) {
  return ClientChildName(org, client, "goals", id);
}

const std::string kConsentColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), CAST(assignment_id AS text),"
    " CAST(granted AS int), CAST(meeting_id AS text), recorded_by, ",
    MicrosOf("recorded_time"));

ConsentRecord ReadConsent(const soci::row& row) {
  ConsentRecord c;
  c.org_id = row.get<std::string>(0);
  c.id = row.get<std::string>(1);
  c.client_id = row.get<std::string>(2);
  c.assignment_id = row.get<std::string>(3);
  c.granted = row.get<int>(4) != 0;
  c.meeting_id = OptionalString(row, 5);
  c.recorded_by = row.get<std::string>(6);
  c.record_time = FromMicros(row.get<long long>(7));
  return c;
}

absl::StatusOr<ConsentRecord> SelectConsent(soci::session& sql, const std::string& org_id,
                                            const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kConsentColumns
                   << " FROM information_sharing_consents WHERE org_id = :org"
                      " AND id = CAST(:id AS uuid)",
       soci::use(org_id), soci::use(id));
  for (const soci::row& row : rows) return ReadConsent(row);
  return absl::NotFoundError("consent not found");
}

std::string InsertConsent(soci::session& sql, const ConsentRecord& c,
                          const std::string& recorded_role) {
  std::string id;
  int granted = c.granted ? 1 : 0;
  std::string meeting = c.meeting_id.value_or("");
  soci::indicator meeting_ind = c.meeting_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO information_sharing_consents (org_id, client_id, assignment_id, granted,"
         " meeting_id, recorded_by, recorded_role) VALUES (:org, CAST(:client AS uuid),"
         " CAST(:assignment AS uuid), :granted <> 0, CAST(:meeting AS uuid), :by, :role)"
         " RETURNING CAST(id AS text)",
      soci::use(c.org_id), soci::use(c.client_id), soci::use(c.assignment_id), soci::use(granted),
      soci::use(meeting, meeting_ind), soci::use(c.recorded_by), soci::use(recorded_role),
      soci::into(id);
  AppendEvent(sql, c.org_id, "consent.recorded",
              ClientChildName(c.org_id, c.client_id, "informationSharingConsents", id),
              {"granted"});
  return id;
}

void CloseGoal(soci::session& sql, const GoalRecord& goal, const std::string& final_state) {
  sql << "UPDATE goals SET state = :state, closed_time = clock_timestamp(),"
         " revision = revision + 1, update_time = clock_timestamp()"
         " WHERE org_id = :org AND id = CAST(:id AS uuid)",
      soci::use(final_state), soci::use(goal.org_id), soci::use(goal.id);
  AppendEvent(sql, goal.org_id, "goal.updated", GoalName(goal.org_id, goal.client_id, goal.id),
              {"state"});
}

class PgMeetingsRepository final : public MeetingsRepository {
 public:
  explicit PgMeetingsRepository(Database& db) : db_(db) {}

  absl::StatusOr<CreateOutcome<MeetingRecord>> CreateMeeting(
      const CallScope& scope, const MeetingRecord& m, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MeetingRecord>& encode) override {
    const std::string& org = scope.org_id;
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<MeetingRecord>> {
          RETURN_IF_ERROR(LogClient(sql, scope, m.client_id));
          return CreateOnce<MeetingRecord>(
              sql, org, key,
              [&]() -> absl::StatusOr<MeetingRecord> {
                RETURN_IF_ERROR(
                    SelectOpenAssignmentOf(sql, org, m.client_id, m.assignment_id).status());
                long long scheduled = ToMicros(m.scheduled_time);
                sql << "INSERT INTO meetings (org_id, id, client_id, assignment_id, kind,"
                       " scheduled_time, place, state, created_by) VALUES (:org, CAST(:id AS uuid),"
                       " CAST(:client AS uuid), CAST(:assignment AS uuid), :kind, "
                    << TimeFromMicros(":scheduled") << ", :place, 'SCHEDULED', :by)",
                    soci::use(org), soci::use(m.id), soci::use(m.client_id),
                    soci::use(m.assignment_id), soci::use(m.kind), soci::use(scheduled),
                    soci::use(m.place), soci::use(scope.actor);
                AppendEvent(sql, org, "meeting.created", MeetingName(org, m.client_id, m.id), {});
                return SelectMeeting(sql, org, m.client_id, m.id, {}, false);
              },
              encode);
        });
  }

  absl::StatusOr<MeetingRecord> GetMeeting(const CallScope& scope, const std::string& client_id,
                                           const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<MeetingRecord> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      return Unhidden(scope, SelectMeeting(sql, scope.org_id, client_id, id, scope, false));
    });
  }

  absl::StatusOr<Page<MeetingRecord>> ListMeetings(const CallScope& scope, const MeetingFilter& f,
                                                   const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<MeetingRecord>> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, f.client_id));
      RETURN_IF_ERROR(LogClient(sql, scope, f.client_id));
      std::string assignment = f.assignment_id.value_or(""), state = f.state.value_or("");
      std::string kind = f.kind.value_or(""), guide = scope.guide_id;
      int when = !f.upcoming ? 0 : (*f.upcoming ? 1 : 2);
      KeysetBounds bounds(page);
      Page<MeetingRecord> result;
      {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << MeetingColumns()
                         << " FROM meetings m WHERE m.org_id = :org"
                            " AND m.client_id = CAST(:client AS uuid)"
                            " AND (:a1 = '' OR CAST(m.assignment_id AS text) = :a2)"
                            " AND (:s1 = '' OR m.state = :s2) AND (:k1 = '' OR m.kind = :k2)"
                            " AND (:w1 = 0 OR (:w2 = 1) = (m.scheduled_time > now())) AND "
                         << GuideScopeCondition("m") << " AND "
                         << KeysetBounds::Condition("m.scheduled_time", "m.id")
                         << " ORDER BY m.scheduled_time, m.id LIMIT :limit",
             soci::use(scope.org_id), soci::use(f.client_id), soci::use(assignment),
             soci::use(assignment), soci::use(state), soci::use(state), soci::use(kind),
             soci::use(kind), soci::use(when), soci::use(when), soci::use(guide), soci::use(guide),
             soci::use(bounds.has_cursor), soci::use(bounds.micros), soci::use(bounds.id),
             soci::use(bounds.limit));
        result = CollectPage<MeetingRecord>(rows, page, ReadMeeting, [](const MeetingRecord& m) {
          return PageCursor{m.scheduled_time, m.id};
        });
      }
      AttachOutcomes(sql, result.items);
      return result;
    });
  }

  absl::StatusOr<MeetingRecord> RescheduleMeeting(const CallScope& scope,
                                                  const std::string& client_id,
                                                  const std::string& id,
                                                  std::optional<int64_t> expected_revision,
                                                  absl::Time scheduled_time,
                                                  const std::string& place) override {
    return ChangeScheduled(scope, client_id, id, expected_revision, [&](soci::session& sql) {
      long long scheduled = ToMicros(scheduled_time);
      sql << "UPDATE meetings SET scheduled_time = " << TimeFromMicros(":scheduled")
          << ", place = CASE WHEN :place1 = '' THEN place ELSE :place2 END,"
             " revision = revision + 1, update_time = clock_timestamp()"
             " WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(scheduled), soci::use(place), soci::use(place), soci::use(scope.org_id),
          soci::use(id);
      return std::vector<std::string>{"scheduled_time", "place"};
    });
  }

  absl::StatusOr<MeetingRecord> CancelMeeting(const CallScope& scope, const std::string& client_id,
                                              const std::string& id,
                                              std::optional<int64_t> expected_revision,
                                              const std::string& reason) override {
    return ChangeScheduled(scope, client_id, id, expected_revision, [&](soci::session& sql) {
      sql << "UPDATE meetings SET state = 'CANCELLED', cancel_reason = :reason,"
             " revision = revision + 1, update_time = clock_timestamp()"
             " WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(reason), soci::use(scope.org_id), soci::use(id);
      return std::vector<std::string>{"state", "cancel_reason"};
    });
  }

  absl::StatusOr<CreateOutcome<MeetingRecord>> RecordOutcome(
      const CallScope& scope, const std::string& client_id, const OutcomeRecording& r,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MeetingRecord>& encode) override {
    const std::string& org = scope.org_id;
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<MeetingRecord>> {
          RETURN_IF_ERROR(LogClient(sql, scope, client_id));
          return CreateOnce<MeetingRecord>(
              sql, org, key, [&] { return WriteOutcome(sql, scope, client_id, r); }, encode);
        });
  }

  absl::StatusOr<MeetingRecord> AmendOutcome(const CallScope& scope, const std::string& client_id,
                                             const std::string& id,
                                             std::optional<int64_t> expected_revision,
                                             const MeetingOutcomeRecord& outcome) override {
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
      sql << "UPDATE meetings SET outcome_revision = :r, revision = revision + 1,"
             " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(amended.revision), soci::use(org), soci::use(id);
      AppendEvent(sql, org, "meeting.updated", MeetingName(org, client_id, id), {"outcome"});
      return SelectMeeting(sql, org, client_id, id, {}, false);
    });
  }

  absl::StatusOr<std::vector<MeetingOutcomeRecord>> ListOutcomeRevisions(
      const CallScope& scope, const std::string& client_id, const std::string& id) override {
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

  absl::StatusOr<CreateOutcome<ConsentRecord>> SetConsent(
      const CallScope& scope, const ConsentRecord& c, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ConsentRecord>& encode) override {
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ConsentRecord>> {
          RETURN_IF_ERROR(HoldGuideToClient(sql, scope, c.client_id));
          RETURN_IF_ERROR(LogClient(sql, scope, c.client_id));
          return CreateOnce<ConsentRecord>(
              sql, scope.org_id, key,
              [&]() -> absl::StatusOr<ConsentRecord> {
                RETURN_IF_ERROR(
                    SelectOpenAssignmentOf(sql, scope.org_id, c.client_id, c.assignment_id)
                        .status());
                ConsentRecord consent = c;
                consent.recorded_by = scope.actor;
                return SelectConsent(sql, scope.org_id, InsertConsent(sql, consent, scope.role));
              },
              encode);
        });
  }

  absl::StatusOr<Page<ConsentRecord>> ListConsents(const CallScope& scope,
                                                   const std::string& client_id,
                                                   const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<ConsentRecord>> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      std::string guide = scope.guide_id;
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " << kConsentColumns
                       << " FROM information_sharing_consents c WHERE c.org_id = :org"
                          " AND c.client_id = CAST(:client AS uuid) AND "
                       << GuideScopeCondition("c") << " AND "
                       << KeysetBounds::Condition("c.recorded_time", "c.id", true)
                       << " ORDER BY c.recorded_time DESC, c.id DESC LIMIT :limit",
           soci::use(scope.org_id), soci::use(client_id), soci::use(guide), soci::use(guide),
           soci::use(bounds.has_cursor), soci::use(bounds.micros), soci::use(bounds.id),
           soci::use(bounds.limit));
      return CollectPage<ConsentRecord>(rows, page, ReadConsent, [](const ConsentRecord& c) {
        return PageCursor{c.record_time, c.id};
      });
    });
  }

  absl::StatusOr<CreateOutcome<GoalRecord>> CreateGoal(
      const CallScope& scope, const GoalRecord& goal, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<GoalRecord>& encode) override {
    const std::string& org = scope.org_id;
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<GoalRecord>> {
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

  absl::StatusOr<GoalRecord> GetGoal(const CallScope& scope, const std::string& client_id,
                                     const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GoalRecord> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      ASSIGN_OR_RETURN(GoalRecord goal,
                       Unhidden(scope, SelectGoal(sql, scope.org_id, client_id, id, false)));
      RETURN_IF_ERROR(Unhidden(scope, CheckGoalScope(sql, goal, scope)));
      return goal;
    });
  }

  absl::StatusOr<Page<GoalRecord>> ListGoals(const CallScope& scope, const GoalFilter& f,
                                             const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<GoalRecord>> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, f.client_id));
      RETURN_IF_ERROR(LogClient(sql, scope, f.client_id));
      std::string assignment = f.assignment_id.value_or(""), state = f.state.value_or("");
      std::string guide = scope.guide_id;
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " << GoalColumns()
                       << " FROM goals g WHERE g.org_id = :org"
                          " AND g.client_id = CAST(:client AS uuid)"
                          " AND (:a1 = '' OR CAST(g.assignment_id AS text) = :a2)"
                          " AND (:s1 = '' OR g.state = :s2) AND "
                       << GuideScopeCondition("g") << " AND "
                       << KeysetBounds::Condition("g.create_time", "g.id")
                       << " ORDER BY g.create_time, g.id LIMIT :limit",
           soci::use(scope.org_id), soci::use(f.client_id), soci::use(assignment),
           soci::use(assignment), soci::use(state), soci::use(state), soci::use(guide),
           soci::use(guide), soci::use(bounds.has_cursor), soci::use(bounds.micros),
           soci::use(bounds.id), soci::use(bounds.limit));
      return CollectPage<GoalRecord>(rows, page, ReadGoal);
    });
  }

  absl::StatusOr<GoalRecord> UpdateGoal(const CallScope& scope, const std::string& client_id,
                                        const std::string& id,
                                        std::optional<int64_t> expected_revision,
                                        const GoalUpdate& update) override {
    const std::string& org = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GoalRecord> {
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      ASSIGN_OR_RETURN(GoalRecord before, SelectGoal(sql, org, client_id, id, true));
      RETURN_IF_ERROR(CheckRevision(before.revision, expected_revision));
      ASSIGN_OR_RETURN(GoalChange change,
                       DecideGoalUpdate(before, update, StaffParty(scope.role, scope.actor)));
      if (change.changed.empty()) return before;  // nothing changes, and the etag stays
      const GoalRecord& after = change.after;
      std::string levels = JoinArray(after.gas_levels), agreed_by = JoinArray(after.agreed_by);
      std::string area = after.area.value_or("");
      std::string day = after.target_date ? absl::FormatCivilTime(*after.target_date) : "";
      soci::indicator area_ind = after.area ? soci::i_ok : soci::i_null;
      soci::indicator day_ind = after.target_date ? soci::i_ok : soci::i_null;
      int agree_now = change.agreeing ? 1 : 0, close_now = change.closing ? 1 : 0;
      sql << "UPDATE goals SET title = :title, area = :area,"
             " gas_levels = string_to_array(:levels, chr(31)), target_date = CAST(:day AS date),"
             " weight = :weight, state = :state, agreed_by = string_to_array(:agreed_by, chr(31)),"
             " agreed_time = CASE WHEN :agree = 1 THEN clock_timestamp() ELSE agreed_time END,"
             " closed_time = CASE WHEN :close = 1 THEN coalesce(closed_time, clock_timestamp())"
             " END, revision = revision + 1, update_time = clock_timestamp()"
             " WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(after.title), soci::use(area, area_ind), soci::use(levels),
          soci::use(day, day_ind), soci::use(after.weight), soci::use(after.state),
          soci::use(agreed_by), soci::use(agree_now), soci::use(close_now), soci::use(org),
          soci::use(id);
      AppendEvent(sql, org, "goal.updated", GoalName(org, client_id, id), change.changed);
      return SelectGoal(sql, org, client_id, id, false);
    });
  }

 private:
  // The checks of a change to a SCHEDULED meeting, then `change` (which returns the fields it
  // changed), in one transaction.
  template <typename Change>
  absl::StatusOr<MeetingRecord> ChangeScheduled(const CallScope& scope,
                                                const std::string& client_id, const std::string& id,
                                                std::optional<int64_t> expected_revision,
                                                Change&& change) {
    const std::string& org = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<MeetingRecord> {
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      ASSIGN_OR_RETURN(MeetingRecord m, SelectMeeting(sql, org, client_id, id, {}, true));
      RETURN_IF_ERROR(CheckRevision(m.revision, expected_revision));
      RETURN_IF_ERROR(CheckScheduled(m));
      std::vector<std::string> fields = change(sql);
      AppendEvent(sql, org, "meeting.updated", MeetingName(org, client_id, id), fields);
      return SelectMeeting(sql, org, client_id, id, {}, false);
    });
  }

  // RecordOutcome's checks and writes, in its transaction.
  static absl::StatusOr<MeetingRecord> WriteOutcome(soci::session& sql, const CallScope& scope,
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
    for (size_t i = 0; i < closing.size(); ++i)
      CloseGoal(sql, closing[i], r.closings[i].final_state);
    if (plan.consent) InsertConsent(sql, *plan.consent, scope.role);
    sql << "UPDATE meetings SET state = 'HELD', outcome_revision = 1, revision = revision + 1,"
           " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)",
        soci::use(org), soci::use(m.id);
    if (plan.first_meeting_time) {
      long long held = ToMicros(*plan.first_meeting_time);
      sql << "UPDATE assignments SET first_meeting_time = " << TimeFromMicros(":held")
          << " WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(held), soci::use(org), soci::use(assignment.id);
    }
    AppendEvent(sql, org, "meeting.updated", MeetingName(org, client_id, m.id),
                {"state", "outcome"});
    if (plan.end_reason) EndAssignmentRow(sql, assignment, *plan.end_reason, "");
    return SelectMeeting(sql, org, client_id, m.id, {}, false);
  }

  // A guide sees goals of their own assignments only.
  static absl::Status CheckGoalScope(soci::session& sql, const GoalRecord& goal,
                                     const CallScope& scope) {
    if (!scope.is_guide) return absl::OkStatus();
    ASSIGN_OR_RETURN(AssignmentRecord a,
                     SelectAssignment(sql, goal.org_id, goal.assignment_id, false));
    if (a.guide_id != scope.guide_id) return absl::NotFoundError("goal not found");
    return absl::OkStatus();
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<MeetingsRepository> MakePgMeetingsRepository(Database& db) {
  return std::make_unique<PgMeetingsRepository>(db);
}

}  // namespace rinnalla::storage
