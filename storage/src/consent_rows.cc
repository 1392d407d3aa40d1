#include "consent_rows.h"

#include "outbox.h"
#include "rinnalla/storage/resource_names.h"

namespace rinnalla::storage {
namespace {

constexpr char kInsertConsent[] =
    "INSERT INTO information_sharing_consents (org_id, client_id, assignment_id, granted,"
    " meeting_id, recorded_by, recorded_role) VALUES (:org, CAST(:client AS uuid),"
    " CAST(:assignment AS uuid), :granted <> 0, CAST(:meeting AS uuid), :by, :role)"
    " RETURNING CAST(id AS text)";

}  // namespace

std::string InsertConsent(soci::session& sql, const ConsentRecord& c,
                          const std::string& recorded_role) {
  std::string id;
  const int granted = c.granted ? 1 : 0;
  const std::string meeting = c.meeting_id.value_or("");
  soci::indicator meeting_ind = c.meeting_id ? soci::i_ok : soci::i_null;
  sql << kInsertConsent, soci::use(c.org_id, "org"), soci::use(c.client_id, "client"),
      soci::use(c.assignment_id, "assignment"), soci::use(granted, "granted"),
      soci::use(meeting, meeting_ind, "meeting"), soci::use(c.recorded_by, "by"),
      soci::use(recorded_role, "role"), soci::into(id);
  AppendEvent(sql, c.org_id, "consent.recorded",
              ClientChildName(c.org_id, c.client_id, "informationSharingConsents", id),
              {"granted"});
  return id;
}

}  // namespace rinnalla::storage
