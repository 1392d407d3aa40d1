// Joint meetings and their schedule: created, read, listed, rescheduled and cancelled.

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "meeting_rows.h"
#include "meeting_rules.h"
#include "outbox.h"
#include "page_binds.h"
#include "pg_meetings_repository.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

const std::string kInsertMeeting = absl::StrCat(
    "INSERT INTO meetings (org_id, id, client_id, assignment_id, kind, scheduled_time, place,"
    " state, created_by) VALUES (:org, CAST(:id AS uuid), CAST(:client AS uuid),"
    " CAST(:assignment AS uuid), :kind, ",
    TimeFromMicros(":scheduled"), ", :place, 'SCHEDULED', :by)");

// Built on first use: the columns are another file's constant. Optional filters: '' (0 for
// :when) matches every row; :when 1 is upcoming, 2 past. A guide's scope narrows to their own
// assignments.
const std::string& ListMeetingsStatement() {
  static const std::string kListMeetings = absl::StrCat(
      "SELECT ", MeetingColumns(),
      " FROM meetings m WHERE m.org_id = :org AND m.client_id = CAST(:client AS uuid)"
      " AND (:assignment = '' OR CAST(m.assignment_id AS text) = :assignment)"
      " AND (:state = '' OR m.state = :state) AND (:kind = '' OR m.kind = :kind)"
      " AND (:when = 0 OR (:when = 1) = (m.scheduled_time > now())) AND ",
      GuideScopeCondition("m"), " AND ", KeysetBounds::Condition("m.scheduled_time", "m.id"),
      " ORDER BY m.scheduled_time, m.id LIMIT :limit");
  return kListMeetings;
}

// A new place only when one is given.
const std::string kRescheduleMeeting = absl::StrCat(
    "UPDATE meetings SET scheduled_time = ", TimeFromMicros(":scheduled"),
    ", place = CASE WHEN :place = '' THEN place ELSE :place END, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)");

constexpr char kCancelMeeting[] =
    "UPDATE meetings SET state = 'CANCELLED', cancel_reason = :reason, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

// The checks of a change to a SCHEDULED meeting, then `change` (which returns the fields it
// changed), in one transaction.
absl::StatusOr<MeetingRecord> ChangeScheduled(
    Database& db, const CallScope& scope, const std::string& client_id, const std::string& id,
    std::optional<int64_t> expected_revision,
    absl::FunctionRef<std::vector<std::string>(soci::session&)> change) {
  const std::string& org = scope.org_id;
  return Transact(db, scope, [&](soci::session& sql) -> absl::StatusOr<MeetingRecord> {
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    ASSIGN_OR_RETURN(MeetingRecord m, SelectMeeting(sql, org, client_id, id, {}, true));
    RETURN_IF_ERROR(CheckRevision(m.revision, expected_revision));
    RETURN_IF_ERROR(CheckScheduled(m));
    std::vector<std::string> fields = change(sql);
    AppendEvent(sql, org, "meeting.updated", MeetingName(org, client_id, id), fields);
    return SelectMeeting(sql, org, client_id, id, {}, false);
  });
}

}  // namespace

absl::StatusOr<CreateOutcome<MeetingRecord>> PgMeetingsRepository::CreateMeeting(
    const CallScope& scope, const MeetingRecord& m, const std::optional<IdempotencyKey>& key,
    const ResponseEncoder<MeetingRecord>& encode) {
  const std::string& org = scope.org_id;
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<MeetingRecord>> {
        RETURN_IF_ERROR(LogClient(sql, scope, m.client_id));
        return CreateOnce<MeetingRecord>(
            sql, org, key,
            [&]() -> absl::StatusOr<MeetingRecord> {
              RETURN_IF_ERROR(
                  SelectOpenAssignmentOf(sql, org, m.client_id, m.assignment_id).status());
              const long long scheduled = ToMicros(m.scheduled_time);
              sql << kInsertMeeting, soci::use(org, "org"), soci::use(m.id, "id"),
                  soci::use(m.client_id, "client"), soci::use(m.assignment_id, "assignment"),
                  soci::use(m.kind, "kind"), soci::use(scheduled, "scheduled"),
                  soci::use(m.place, "place"), soci::use(scope.actor, "by");
              AppendEvent(sql, org, "meeting.created", MeetingName(org, m.client_id, m.id), {});
              return SelectMeeting(sql, org, m.client_id, m.id, {}, false);
            },
            encode);
      });
}

absl::StatusOr<MeetingRecord> PgMeetingsRepository::GetMeeting(const CallScope& scope,
                                                               const std::string& client_id,
                                                               const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<MeetingRecord> {
    RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    return Unhidden(scope, SelectMeeting(sql, scope.org_id, client_id, id, scope, false));
  });
}

absl::StatusOr<Page<MeetingRecord>> PgMeetingsRepository::ListMeetings(const CallScope& scope,
                                                                       const MeetingFilter& f,
                                                                       const PageRequest& page) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<MeetingRecord>> {
    RETURN_IF_ERROR(HoldGuideToClient(sql, scope, f.client_id));
    RETURN_IF_ERROR(LogClient(sql, scope, f.client_id));
    const std::string assignment = f.assignment_id.value_or(""), state = f.state.value_or("");
    const std::string kind = f.kind.value_or("");
    const int when = !f.upcoming ? 0 : (*f.upcoming ? 1 : 2);
    KeysetBounds bounds(page);
    Page<MeetingRecord> result;
    {
      soci::rowset<soci::row> rows =
          (WithPage(sql.prepare << ListMeetingsStatement(), bounds), soci::use(scope.org_id, "org"),
           soci::use(f.client_id, "client"), soci::use(assignment, "assignment"),
           soci::use(state, "state"), soci::use(kind, "kind"), soci::use(when, "when"),
           soci::use(scope.guide_id, "scope_guide"));
      result = CollectPage<MeetingRecord>(rows, page, ReadMeeting, [](const MeetingRecord& m) {
        return PageCursor{m.scheduled_time, m.id};
      });
    }
    AttachOutcomes(sql, result.items);
    return result;
  });
}

absl::StatusOr<MeetingRecord> PgMeetingsRepository::RescheduleMeeting(
    const CallScope& scope, const std::string& client_id, const std::string& id,
    std::optional<int64_t> expected_revision, absl::Time scheduled_time, const std::string& place) {
  return ChangeScheduled(db_, scope, client_id, id, expected_revision, [&](soci::session& sql) {
    const long long scheduled = ToMicros(scheduled_time);
    sql << kRescheduleMeeting, soci::use(scheduled, "scheduled"), soci::use(place, "place"),
        soci::use(scope.org_id, "org"), soci::use(id, "id");
    return std::vector<std::string>{"scheduled_time", "place"};
  });
}

absl::StatusOr<MeetingRecord> PgMeetingsRepository::CancelMeeting(
    const CallScope& scope, const std::string& client_id, const std::string& id,
    std::optional<int64_t> expected_revision, const std::string& reason) {
  return ChangeScheduled(db_, scope, client_id, id, expected_revision, [&](soci::session& sql) {
    sql << kCancelMeeting, soci::use(reason, "reason"), soci::use(scope.org_id, "org"),
        soci::use(id, "id");
    return std::vector<std::string>{"state", "cancel_reason"};
  });
}

std::unique_ptr<MeetingsRepository> MakePgMeetingsRepository(Database& db) {
  return std::make_unique<PgMeetingsRepository>(db);
}

}  // namespace rinnalla::storage
