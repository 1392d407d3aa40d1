#include "assignment_rows.h"

#include "absl/strings/str_cat.h"
#include "assignment_lifecycle.h"
#include "codec.h"
#include "lockable_select.h"
#include "outbox.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

const std::string kAssignmentColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text),"
    " CAST(referral_id AS text), state, ",
    MicrosOf("start_time"), ", ", MicrosOf("end_time"), ", end_reason, end_note, revision, ",
    MicrosOf("create_time"), ", ", MicrosOf("update_time"), ", ", MicrosOf("first_meeting_time"));

const LockableSelect kSelectAssignment(
    absl::StrCat("SELECT ", kAssignmentColumns,
                 " FROM assignments WHERE org_id = :org AND id = CAST(:id AS uuid)"));

constexpr char kReleasePlace[] =
    "UPDATE guides SET active_client_count = active_client_count - 1"
    " WHERE org_id = :org AND id = CAST(:guide AS uuid)";

constexpr char kEnd[] =
    "UPDATE assignments SET state = 'ENDED', end_reason = :reason, end_note = :note,"
    " end_time = clock_timestamp(), revision = revision + 1, update_time = clock_timestamp()"
    " WHERE org_id = :org AND id = CAST(:id AS uuid)";

}  // namespace

const std::string& AssignmentColumns() { return kAssignmentColumns; }

AssignmentRecord ReadAssignment(const soci::row& row) {
  AssignmentRecord a;
  a.org_id = row.get<std::string>(0);
  a.id = row.get<std::string>(1);
  a.client_id = row.get<std::string>(2);
  a.guide_id = row.get<std::string>(3);
  a.referral_id = row.get<std::string>(4);
  a.state = row.get<std::string>(5);
  a.start_time = FromMicros(row.get<long long>(6));
  if (row.get_indicator(7) != soci::i_null) a.end_time = FromMicros(row.get<long long>(7));
  a.end_reason = OptionalString(row, 8);
  a.end_note = row.get<std::string>(9);
  a.revision = row.get<long long>(10);
  a.create_time = FromMicros(row.get<long long>(11));
  a.update_time = FromMicros(row.get<long long>(12));
  if (row.get_indicator(13) != soci::i_null) {
    a.first_meeting_time = FromMicros(row.get<long long>(13));
  }
  return a;
}

absl::StatusOr<AssignmentRecord> SelectAssignment(soci::session& sql, const std::string& org_id,
                                                  const std::string& id, bool for_update) {
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectAssignment(for_update), soci::use(org_id, "org"), soci::use(id, "id"));
  for (const soci::row& row : rows) return ReadAssignment(row);
  return absl::NotFoundError("assignment not found");
}

void EndAssignmentRow(soci::session& sql, const AssignmentRecord& a, const std::string& end_reason,
                      const std::string& end_note) {
  sql << kReleasePlace, soci::use(a.org_id, "org"), soci::use(a.guide_id, "guide");
  sql << kEnd, soci::use(end_reason, "reason"), soci::use(end_note, "note"),
      soci::use(a.org_id, "org"), soci::use(a.id, "id");
  AppendEvents(sql, a.org_id,
               {{"assignment.updated", ResourceName(a.org_id, "assignments", a.id),
                 {"state", "end_time", "end_reason", "end_note"}},
                {"guide.updated", ResourceName(a.org_id, "guides", a.guide_id),
                 {"active_client_count"}}});
}

absl::StatusOr<AssignmentRecord> SelectOpenAssignmentOf(soci::session& sql,
                                                        const std::string& org_id,
                                                        const std::string& client_id,
                                                        const std::string& id) {
  absl::StatusOr<AssignmentRecord> a = SelectAssignment(sql, org_id, id, true);
  if (!a.ok() && a.status().code() == absl::StatusCode::kNotFound) {
    return WithReason(absl::FailedPreconditionError("the assignment is not one of this client's"),
                      "ASSIGNMENT_OF_ANOTHER_CLIENT");
  }
  if (!a.ok()) return a.status();
  if (absl::Status open = CheckOpenAssignmentOf(*a, client_id); !open.ok()) return open;
  return a;
}

}  // namespace rinnalla::storage
