#include "matching_rows.h"

#include "absl/strings/str_cat.h"
#include "codec.h"
#include "lockable_select.h"

namespace rinnalla::storage {

std::string ReferralColumns() {
  return absl::StrCat(
      "org_id, CAST(id AS text), CAST(client_id AS text), ", JsonOf("needs"), ", ",
      JsonOf("languages"),
      ", municipality, preferences, note, state, cancel_reason, created_by, revision, ",
      MicrosOf("create_time"), ", ", MicrosOf("update_time"));
}

namespace {

const LockableSelect kSelectReferral(
    absl::StrCat("SELECT ", ReferralColumns(),
                 " FROM referrals WHERE org_id = :org AND id = CAST(:id AS uuid)"));

constexpr char kClientExists[] =
    "SELECT count(*) FROM clients WHERE org_id = :org AND id = CAST(:id AS uuid)";
constexpr char kGuideExists[] =
    "SELECT count(*) FROM guides WHERE org_id = :org AND id = CAST(:id AS uuid)";

bool Exists(soci::session& sql, const char* statement, const std::string& org_id,
            const std::string& id) {
  long long n = 0;
  sql << statement, soci::use(org_id, "org"), soci::use(id, "id"), soci::into(n);
  return n > 0;
}

}  // namespace

ReferralRecord ReadReferral(const soci::row& row) {
  ReferralRecord r;
  r.org_id = row.get<std::string>(0);
  r.id = row.get<std::string>(1);
  r.client_id = row.get<std::string>(2);
  r.needs = FromJsonArray(row.get<std::string>(3));
  r.languages = FromJsonArray(row.get<std::string>(4));
  r.municipality = row.get<std::string>(5);
  r.preferences = row.get<std::string>(6);
  r.note = row.get<std::string>(7);
  r.state = row.get<std::string>(8);
  r.cancel_reason = row.get<std::string>(9);
  r.created_by = row.get<std::string>(10);
  r.revision = row.get<long long>(11);
  r.create_time = FromMicros(row.get<long long>(12));
  r.update_time = FromMicros(row.get<long long>(13));
  return r;
}

absl::StatusOr<ReferralRecord> SelectReferral(soci::session& sql, const std::string& org_id,
                                              const std::string& id, bool for_update) {
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectReferral(for_update), soci::use(org_id, "org"), soci::use(id, "id"));
  for (const soci::row& row : rows) return ReadReferral(row);
  return absl::NotFoundError("referral not found");
}

bool ClientExists(soci::session& sql, const std::string& org_id, const std::string& id) {
  return Exists(sql, kClientExists, org_id, id);
}

bool GuideExists(soci::session& sql, const std::string& org_id, const std::string& id) {
  return Exists(sql, kGuideExists, org_id, id);
}

}  // namespace rinnalla::storage
