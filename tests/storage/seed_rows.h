#ifndef RINNALLA_TESTS_STORAGE_SEED_ROWS_H_
#define RINNALLA_TESTS_STORAGE_SEED_ROWS_H_

// The rows storage tests start from, written in SQL in organization "ph": a guide, and a
// guidance (the client, a MATCHED referral and the assignment, started 10 days ago).

#include <string>

#include "absl/strings/str_cat.h"
#include "resource_names.h"
#include "test_database.h"

namespace rinnalla::storage {

// An ACTIVE guide "Aino" speaking fi, of 10 places with `places_taken` taken; its id.
inline std::string SeedGuide(testing::TestDatabase& db, int places_taken = 0) {
  const std::string id = NewUuid();
  db.Exec(absl::StrCat(
      "INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state,"
      " active_client_count) VALUES ('ph', '",
      id, "', 'Aino', '{fi}', 10, 'ACTIVE', ", places_taken, ")"));
  return id;
}

// `guide` guiding `client` (made if new): an assignment in `state`, ended now for `end_reason`
// when ENDED; its id.
inline std::string SeedAssignment(testing::TestDatabase& db, const std::string& client,
                                  const std::string& guide, const std::string& state = "ACTIVE",
                                  const std::string& end_reason = "CLIENT_MOVED") {
  const std::string referral = NewUuid(), assignment = NewUuid();
  const bool ended = state == "ENDED";
  db.Exec(absl::StrCat(
      "INSERT INTO clients (org_id, id, display_name, state) VALUES ('ph', '", client,
      "', 'Asiakas', 'ACTIVE') ON CONFLICT DO NOTHING;"
      "INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state,"
      " created_by) VALUES ('ph', '",
      referral, "', '", client,
      "', '{DEBT}', '{fi}', '398', 'MATCHED', 'x');"
      "INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state,"
      " start_time, end_time, end_reason) VALUES ('ph', '",
      assignment, "', '", client, "', '", guide, "', '", referral, "', '", state,
      "', now() - interval '10 days', ",
      ended ? absl::StrCat("now(), '", end_reason, "'") : "NULL, NULL", ")"));
  return assignment;
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_TESTS_STORAGE_SEED_ROWS_H_
