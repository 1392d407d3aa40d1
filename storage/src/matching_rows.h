#ifndef RINNALLA_STORAGE_SRC_MATCHING_ROWS_H_
#define RINNALLA_STORAGE_SRC_MATCHING_ROWS_H_

// What Matching's repositories share inside a caller's transaction: reading referrals (referrals
// are cancelled, suggested for and assigned), and whether a client or a guide exists.

#include <soci/soci.h>

#include <string>

#include "absl/status/statusor.h"
#include "rinnalla/storage/matching_records.h"

namespace rinnalla::storage {

// The columns ReadReferral reads, in its order (arrays as JSON). Made anew on each call, so
// statements built at start-up may use it.
std::string ReferralColumns();
ReferralRecord ReadReferral(const soci::row& row);

// NOT_FOUND when the organization has no such referral; `for_update` locks the row.
absl::StatusOr<ReferralRecord> SelectReferral(soci::session& sql, const std::string& org_id,
                                              const std::string& id, bool for_update);

// Whether the organization has such a client, or such a guide (of any state).
bool ClientExists(soci::session& sql, const std::string& org_id, const std::string& id);
bool GuideExists(soci::session& sql, const std::string& org_id, const std::string& id);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_MATCHING_ROWS_H_
