#include "meeting_rows.h"

#include "absl/strings/str_cat.h"
#include "codec.h"
#include "json_rows.h"
#include "lockable_select.h"

namespace rinnalla::storage {
namespace {

const std::string kMeetingColumns = absl::StrCat(
    "m.org_id, CAST(m.id AS text), CAST(m.client_id AS text), CAST(m.assignment_id AS text),"
    " m.kind, ",
    MicrosOf("m.scheduled_time"),
    ", m.place, m.state, m.cancel_reason, m.outcome_revision,"
    " m.revision, ",
    MicrosOf("m.create_time"), ", ", MicrosOf("m.update_time"));

// By id, within the guide's scope (if any).
const LockableSelect kSelectMeeting(
    absl::StrCat("SELECT ", kMeetingColumns,
                 " FROM meetings m WHERE m.org_id = :org AND m.id = CAST(:id AS uuid)"
                 " AND m.client_id = CAST(:client AS uuid) AND ",
                 GuideScopeCondition("m")),
    " FOR UPDATE OF m");

// :only 0 reads every revision.
const std::string kSelectOutcomes = absl::StrCat(
    "SELECT revision, ", MicrosOf("held_time"), ", summary, amend_reason, recorded_by, ",
    MicrosOf("create_time"),
    " FROM meeting_outcomes WHERE org_id = :org AND meeting_id = CAST(:meeting AS uuid)"
    " AND (:only = 0 OR revision = :only) ORDER BY revision");

constexpr char kSelectParticipants[] =
    "SELECT role, identity, display_name, CAST(present AS int) FROM meeting_participants"
    " WHERE org_id = :org AND meeting_id = CAST(:meeting AS uuid) AND revision = :revision"
    " ORDER BY position";

constexpr char kSelectSupportNeeds[] =
    "SELECT area, description FROM meeting_support_needs WHERE org_id = :org"
    " AND meeting_id = CAST(:meeting AS uuid) AND revision = :revision ORDER BY position";

const std::string kInsertOutcome = absl::StrCat(
    "INSERT INTO meeting_outcomes (org_id, meeting_id, revision, held_time, summary,"
    " amend_reason, recorded_by, recorded_role) VALUES (:org, CAST(:meeting AS uuid), :revision, ",
    TimeFromMicros(":held"), ", :summary, :reason, :by, :role)");

// A revision's participants and support needs, each kind from one JSON array of rows.
constexpr char kInsertParticipants[] =
    "INSERT INTO meeting_participants (org_id, meeting_id, revision, position, role, identity,"
    " display_name, present)"
    " SELECT :org, CAST(:meeting AS uuid), :revision, p.position, p.role, p.identity,"
    " p.display_name, p.present FROM json_to_recordset(CAST(:rows AS json))"
    " AS p(position int, role text, identity text, display_name text, present boolean)";

constexpr char kInsertSupportNeeds[] =
    "INSERT INTO meeting_support_needs (org_id, meeting_id, revision, position, area,"
    " description)"
    " SELECT :org, CAST(:meeting AS uuid), :revision, s.position, s.area, s.description"
    " FROM json_to_recordset(CAST(:rows AS json)) AS s(position int, area text, description text)";

}  // namespace

const std::string& MeetingColumns() { return kMeetingColumns; }

std::string GuideScopeCondition(const std::string& alias) {
  return "(:scope_guide = '' OR EXISTS (SELECT 1 FROM assignments sa WHERE sa.org_id = " + alias +
         ".org_id AND sa.id = " + alias +
         ".assignment_id AND CAST(sa.guide_id AS text) = :scope_guide))";
}

MeetingRecord ReadMeeting(const soci::row& row) {
  MeetingRecord m;
  m.org_id = row.get<std::string>(0);
  m.id = row.get<std::string>(1);
  m.client_id = row.get<std::string>(2);
  m.assignment_id = row.get<std::string>(3);
  m.kind = row.get<std::string>(4);
  m.scheduled_time = FromMicros(row.get<long long>(5));
  m.place = row.get<std::string>(6);
  m.state = row.get<std::string>(7);
  m.cancel_reason = row.get<std::string>(8);
  m.outcome_revision = row.get<int>(9);
  m.revision = row.get<long long>(10);
  m.create_time = FromMicros(row.get<long long>(11));
  m.update_time = FromMicros(row.get<long long>(12));
  return m;
}

void AttachOutcomes(soci::session& sql, std::vector<MeetingRecord>& meetings) {
  for (MeetingRecord& m : meetings) {
    if (m.outcome_revision == 0) continue;
    std::vector<MeetingOutcomeRecord> outcomes =
        SelectOutcomes(sql, m.org_id, m.id, m.outcome_revision);
    if (!outcomes.empty()) m.outcome = std::move(outcomes.front());
  }
}

absl::StatusOr<MeetingRecord> SelectMeeting(soci::session& sql, const std::string& org_id,
                                            const std::string& client_id, const std::string& id,
                                            const CallScope& scope, bool for_update) {
  std::vector<MeetingRecord> found;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << kSelectMeeting(for_update), soci::use(org_id, "org"), soci::use(id, "id"),
         soci::use(client_id, "client"), soci::use(scope.guide_id, "scope_guide"));
    for (const soci::row& row : rows) found.push_back(ReadMeeting(row));
  }
  if (found.empty()) return absl::NotFoundError("meeting not found");
  AttachOutcomes(sql, found);
  return std::move(found.front());
}

std::vector<MeetingOutcomeRecord> SelectOutcomes(soci::session& sql, const std::string& org_id,
                                                 const std::string& meeting_id, int only_revision) {
  std::vector<MeetingOutcomeRecord> outcomes;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << kSelectOutcomes, soci::use(org_id, "org"), soci::use(meeting_id, "meeting"),
         soci::use(only_revision, "only"));
    for (const soci::row& row : rows) {
      MeetingOutcomeRecord o;
      o.revision = row.get<int>(0);
      o.held_time = FromMicros(row.get<long long>(1));
      o.summary = row.get<std::string>(2);
      o.amend_reason = row.get<std::string>(3);
      o.recorded_by = row.get<std::string>(4);
      o.record_time = FromMicros(row.get<long long>(5));
      outcomes.push_back(std::move(o));
    }
  }
  for (MeetingOutcomeRecord& o : outcomes) {
    soci::rowset<soci::row> people =
        (sql.prepare << kSelectParticipants, soci::use(org_id, "org"),
         soci::use(meeting_id, "meeting"), soci::use(o.revision, "revision"));
    for (const soci::row& row : people) {
      o.participants.push_back({row.get<std::string>(0), row.get<std::string>(1),
                                row.get<std::string>(2), row.get<int>(3) != 0});
    }
    soci::rowset<soci::row> needs =
        (sql.prepare << kSelectSupportNeeds, soci::use(org_id, "org"),
         soci::use(meeting_id, "meeting"), soci::use(o.revision, "revision"));
    for (const soci::row& row : needs) {
      o.support_needs.push_back({OptionalString(row, 0), row.get<std::string>(1)});
    }
  }
  return outcomes;
}

void InsertOutcome(soci::session& sql, const std::string& org_id, const std::string& meeting_id,
                   const MeetingOutcomeRecord& o, const std::string& recorded_role) {
  const long long held = ToMicros(o.held_time);
  sql << kInsertOutcome, soci::use(org_id, "org"), soci::use(meeting_id, "meeting"),
      soci::use(o.revision, "revision"), soci::use(held, "held"), soci::use(o.summary, "summary"),
      soci::use(o.amend_reason, "reason"), soci::use(o.recorded_by, "by"),
      soci::use(recorded_role, "role");
  JsonRows people, needs;
  for (const ParticipantRecord& p : o.participants) {
    people.Row()
        .Add("position", people.size() - 1)
        .Add("role", p.role)
        .Add("identity", p.identity)
        .Add("display_name", p.display_name)
        .Add("present", p.present);
  }
  for (const SupportNeedRecord& n : o.support_needs) {
    needs.Row()
        .Add("position", needs.size() - 1)
        .Add("area", n.area)
        .Add("description", n.description);
  }
  if (!people.empty()) {
    const std::string rows = people.Text();
    sql << kInsertParticipants, soci::use(org_id, "org"), soci::use(meeting_id, "meeting"),
        soci::use(o.revision, "revision"), soci::use(rows, "rows");
  }
  if (!needs.empty()) {
    const std::string rows = needs.Text();
    sql << kInsertSupportNeeds, soci::use(org_id, "org"), soci::use(meeting_id, "meeting"),
        soci::use(o.revision, "revision"), soci::use(rows, "rows");
  }
}

}  // namespace rinnalla::storage
