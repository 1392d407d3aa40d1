// Statements given a batch as one JSON parameter read what the batch names, not the
// organization's rows, even when the database's statistics do not know the organization yet: a
// county onboarding a new organization into a database last analyzed with others, or any
// organization growing faster than autoanalyze runs.

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "idempotency.h"
#include "plan_rows.h"
#include "resource_names.h"
#include "seed_rows.h"
#include "test_database.h"
#include "visit_sql.h"

namespace rinnalla::storage {
namespace {

// `count` visits of `assignment` (of organization `org`) written in SQL.
std::string InsertVisits(const std::string& org, const std::string& assignment, int count) {
  return absl::StrCat(
      "INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id, start_time,"
      " duration_minutes, mode, places, summary)"
      " SELECT a.org_id, gen_random_uuid(), a.client_id, a.id, a.guide_id,"
      "  now() - i * interval '1 hour', 30, 'IN_PERSON', ARRAY['KELA'], 'Kahvilla.'"
      " FROM assignments a, generate_series(1, ",
      count, ") AS i WHERE a.org_id = '", org, "' AND a.id = '", assignment, "'");
}

TEST(BatchPlan, LogVisitsCheckReadsOnlyTheBatchsVisitsWhateverTheStatisticsSay) {
  testing::TestDatabase db;
  // Organization "old" has visits and is all that ANALYZE sees; then "ph" logs 3,000.
  const std::string old_guide = NewUuid(), old_client = NewUuid(), old_assignment = NewUuid(),
                    old_referral = NewUuid();
  db.Exec(absl::StrCat(
      "INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state,"
      " active_client_count) VALUES ('old', '",
      old_guide,
      "', 'Ohjaaja', '{fi}', 5, 'ACTIVE', 1);"
      "INSERT INTO clients (org_id, id, display_name, state) VALUES ('old', '",
      old_client,
      "', 'Asiakas', 'ACTIVE');"
      "INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state,"
      " created_by) VALUES ('old', '",
      old_referral, "', '", old_client,
      "', '{DEBT}', '{fi}', '398', 'MATCHED', 'x');"
      "INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state, start_time)"
      " VALUES ('old', '",
      old_assignment, "', '", old_client, "', '", old_guide, "', '", old_referral,
      "', 'ACTIVE', now() - interval '400 days')"));
  db.Exec(InsertVisits("old", old_assignment, 500));
  const std::string guide = SeedGuide(db), client = NewUuid();
  const std::string assignment = SeedAssignment(db, client, guide);
  db.Exec("ANALYZE");
  db.Exec(InsertVisits("ph", assignment, 3000));

  std::vector<VisitRecord> batch(8);
  std::vector<const VisitRecord*> rows;
  for (VisitRecord& v : batch) {
    v.id = NewUuid();
    v.client_id = client;
    v.assignment_id = assignment;
    v.guide_id = guide;
    rows.push_back(&v);
  }
  const nlohmann::json root = PlanAsRun(
      db,
      absl::StrReplaceAll(kCheckVisits, {{":visits", absl::StrCat("'", VisitRowsJson(rows), "'")},
                                         {":count", "8"},
                                         {":org", "'ph'"}}));
  ASSERT_EQ(root.at("Actual Rows").get<int>(), 8);
  // At most one visit per visit checked; hashing the organization's visits read 3,000.
  EXPECT_LE(RowsReadFrom(root, "visits"), 8) << root.dump(1);
}

TEST(BatchPlan, ARequestSentAgainReadsOnlyItsOwnClaimWhateverTheStatisticsSay) {
  testing::TestDatabase db;
  // Organization "old" has request ids and is all that ANALYZE sees; then "ph" claims 3,000.
  const std::string claims =
      "INSERT INTO idempotency_keys (org_id, request_id, method, fingerprint, response)"
      " SELECT '%s', gen_random_uuid(), 'LogVisit', md5(i::text), 'response'"
      " FROM generate_series(1, %d) AS i";
  db.Exec(absl::StrReplaceAll(claims, {{"%s", "old"}, {"%d", "500"}}));
  db.Exec("ANALYZE");
  db.Exec(absl::StrReplaceAll(claims, {{"%s", "ph"}, {"%d", "3000"}}));
  // Eight of them sent again.
  const std::string keys = db.QueryText(
      "SELECT json_agg(json_build_object('n', n, 'rid', request_id)) FROM (SELECT request_id,"
      " row_number() OVER () - 1 AS n FROM idempotency_keys WHERE org_id = 'ph' LIMIT 8) s");
  const nlohmann::json root = PlanAsRun(
      db, absl::StrReplaceAll(
              kSelectClaims,
              {{":keys", absl::StrCat("'", keys, "'")}, {":count", "8"}, {":org", "'ph'"}}));
  ASSERT_EQ(root.at("Actual Rows").get<int>(), 8);
  EXPECT_LE(RowsReadFrom(root, "idempotency_keys"), 8) << root.dump(1);
}

}  // namespace
}  // namespace rinnalla::storage
