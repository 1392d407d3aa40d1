#include "meeting_rows.h"

#include "absl/strings/str_cat.h"
#include "codec.h"

namespace rinnalla::storage {
namespace {

const std::string kMeetingColumns = absl::StrCat(
    "m.org_id, CAST(m.id AS text), CAST(m.client_id AS text), CAST(m.assignment_id AS text),"
    " m.kind, ",
    MicrosOf("m.scheduled_time"),
    ", m.place, m.state, m.cancel_reason, m.outcome_revision,"
    " m.revision, ",
    MicrosOf("m.create_time"), ", ", MicrosOf("m.update_time"));

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
  std::string guide = scope.guide_id;
  std::vector<MeetingRecord> found;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kMeetingColumns
                     << " FROM meetings m WHERE m.org_id = :org AND m.id = CAST(:id AS uuid)"
                        " AND m.client_id = CAST(:client AS uuid) AND "
                     << GuideScopeCondition("m") << (for_update ? " FOR UPDATE OF m" : ""),
         soci::use(org_id), soci::use(id), soci::use(client_id), soci::use(guide),
         soci::use(guide));
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
        (sql.prepare << "SELECT revision, " << MicrosOf("held_time")
                     << ", summary, amend_reason, recorded_by, " << MicrosOf("create_time")
                     << " FROM meeting_outcomes WHERE org_id = :org"
                        " AND meeting_id = CAST(:m AS uuid) AND (:only = 0 OR revision = :only2)"
                        " ORDER BY revision",
         soci::use(org_id), soci::use(meeting_id), soci::use(only_revision),
         soci::use(only_revision));
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
        (sql.prepare << "SELECT role, identity, display_name, CAST(present AS int)"
                        " FROM meeting_participants WHERE org_id = :org"
                        " AND meeting_id = CAST(:m AS uuid) AND revision = :r ORDER BY position",
         soci::use(org_id), soci::use(meeting_id), soci::use(o.revision));
    for (const soci::row& row : people) {
      o.participants.push_back({row.get<std::string>(0), row.get<std::string>(1),
                                row.get<std::string>(2), row.get<int>(3) != 0});
    }
    soci::rowset<soci::row> needs =
        (sql.prepare << "SELECT area, description FROM meeting_support_needs WHERE org_id = :org"
                        " AND meeting_id = CAST(:m AS uuid) AND revision = :r ORDER BY position",
         soci::use(org_id), soci::use(meeting_id), soci::use(o.revision));
    for (const soci::row& row : needs) {
      o.support_needs.push_back({OptionalString(row, 0), row.get<std::string>(1)});
    }
  }
  return outcomes;
}

void InsertOutcome(soci::session& sql, const std::string& org_id, const std::string& meeting_id,
                   const MeetingOutcomeRecord& o, const std::string& recorded_role) {
  long long held = ToMicros(o.held_time);
  sql << "INSERT INTO meeting_outcomes (org_id, meeting_id, revision, held_time, summary,"
         " amend_reason, recorded_by, recorded_role) VALUES (:org, CAST(:m AS uuid), :r, "
      << TimeFromMicros(":held") << ", :summary, :reason, :by, :role)",
      soci::use(org_id), soci::use(meeting_id), soci::use(o.revision), soci::use(held),
      soci::use(o.summary), soci::use(o.amend_reason), soci::use(o.recorded_by),
      soci::use(recorded_role);
  for (size_t i = 0; i < o.participants.size(); ++i) {
    const ParticipantRecord& p = o.participants[i];
    int position = static_cast<int>(i), present = p.present ? 1 : 0;
    sql << "INSERT INTO meeting_participants (org_id, meeting_id, revision, position, role,"
           " identity, display_name, present) VALUES (:org, CAST(:m AS uuid), :r, :pos, :role,"
           " :identity, :name, :present <> 0)",
        soci::use(org_id), soci::use(meeting_id), soci::use(o.revision), soci::use(position),
        soci::use(p.role), soci::use(p.identity), soci::use(p.display_name), soci::use(present);
  }
  for (size_t i = 0; i < o.support_needs.size(); ++i) {
    const SupportNeedRecord& n = o.support_needs[i];
    int position = static_cast<int>(i);
    std::string area = n.area.value_or("");
    soci::indicator area_ind = n.area ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO meeting_support_needs (org_id, meeting_id, revision, position, area,"
           " description) VALUES (:org, CAST(:m AS uuid), :r, :pos, :area, :description)",
        soci::use(org_id), soci::use(meeting_id), soci::use(o.revision), soci::use(position),
        soci::use(area, area_ind), soci::use(n.description);
  }
}

}  // namespace rinnalla::storage
