// What guide suggestions read: the organization's pool of ACTIVE guides as of a snapshot, and a
// referral's context (its client's exclusions and earlier guides, the guides changed since the
// pool's snapshot) in one snapshot.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "matching_rows.h"
#include "pg_matching_repository.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

// What suggestions read of a guide (PoolGuide), of `guides g`; arrays as JSON.
const std::string kPoolGuideColumns =
    absl::StrCat("CAST(g.id AS text), g.display_name, g.experience_mask, ", JsonOf("g.languages"),
                 ", ", JsonOf("g.municipalities"), ", g.active_client_count, g.max_active_clients");

constexpr char kSnapshot[] = "SELECT CAST(pg_current_snapshot() AS text)";

const std::string kPool = absl::StrCat(
    "SELECT ", kPoolGuideColumns, " FROM guides g WHERE g.org_id = :org AND g.state = 'ACTIVE'");

// The client's excluded guides and earlier guides (ended, not as a rematch) as JSON arrays, and
// the snapshot they were read in.
constexpr char kClientsGuides[] =
    "SELECT (SELECT CAST(json_agg(CAST(guide_id AS text)) AS text) FROM match_exclusions"
    "   WHERE org_id = :org AND client_id = CAST(:client AS uuid)),"
    " (SELECT CAST(json_agg(CAST(guide_id AS text)) AS text) FROM assignments"
    "   WHERE org_id = :org AND client_id = CAST(:client AS uuid) AND state = 'ENDED'"
    "   AND end_reason <> 'REMATCH'), CAST(pg_current_snapshot() AS text)";

// The guides named by guide.* events this transaction sees that the snapshot :pool did not,
// with the guide's row when it is ACTIVE.
const std::string kChangedGuides =
    absl::StrCat("SELECT c.guide, ", kPoolGuideColumns,
                 " FROM (SELECT DISTINCT split_part(resource, '/', 4) AS guide FROM events"
                 "   WHERE org_id = :org AND xid >= pg_snapshot_xmin(CAST(:pool AS pg_snapshot))"
                 "   AND NOT pg_visible_in_snapshot(xid, CAST(:pool AS pg_snapshot))"
                 "   AND kind LIKE 'guide.%') AS c"
                 " LEFT JOIN guides g ON g.org_id = :org AND g.state = 'ACTIVE' AND g.id ="
                 "   CASE WHEN c.guide ~ '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'"
                 "   THEN CAST(c.guide AS uuid) END");

// The guides changed since a pool's snapshot, as seen by this transaction's snapshot: an event
// of kind guide.* is visible now that the pool's snapshot did not see (this holds even for
// transactions that commit out of order), with the guide's row if it is ACTIVE now. Only guide
// events matter: every change of a guide or of its caseload writes one, while exclusions and
// earlier guides are read live, and the organization's other writes alter no suggestion.
void ReadChangedGuides(soci::session& sql, const std::string& org, const std::string& pool_snapshot,
                       SuggestionContext& context) {
  soci::rowset<soci::row> rows =
      (sql.prepare << kChangedGuides, soci::use(org, "org"), soci::use(pool_snapshot, "pool"));
  context.pool_out_of_date = false;
  for (const soci::row& row : rows) {
    context.pool_out_of_date = true;
    context.changed_guide_ids.push_back(row.get<std::string>(0));
    if (row.get_indicator(1) == soci::i_null) continue;
    context.changed_active_guides.push_back(
        {row.get<std::string>(1), row.get<std::string>(2), static_cast<uint32_t>(row.get<int>(3)),
         FromJsonArray(row.get<std::string>(4)), FromJsonArray(row.get<std::string>(5)),
         row.get<int>(6), row.get<int>(7)});
  }
}

}  // namespace

absl::StatusOr<GuidePool> PgMatchingRepository::LoadGuidePool(const CallScope& scope,
                                                              const std::string& org_id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GuidePool> {
    GuidePool pool;
    sql << kSnapshot, soci::into(pool.snapshot);
    constexpr size_t kBatch = 2000;
    std::vector<std::string> ids(kBatch), names(kBatch), languages(kBatch), places(kBatch);
    std::vector<int> masks(kBatch), counts(kBatch), caps(kBatch);
    soci::statement st = (sql.prepare << kPool, soci::use(org_id, "org"), soci::into(ids),
                          soci::into(names), soci::into(masks), soci::into(languages),
                          soci::into(places), soci::into(counts), soci::into(caps));
    st.execute();
    // Bulk fetch: a batch of rows per round trip rather than one at a time.
    while (st.fetch()) {
      for (size_t i = 0; i < ids.size(); ++i) {
        pool.guides.push_back({std::move(ids[i]), std::move(names[i]),
                               static_cast<uint32_t>(masks[i]), FromJsonArray(languages[i]),
                               FromJsonArray(places[i]), counts[i], caps[i]});
      }
      for (auto* v : {&ids, &names, &languages, &places}) v->resize(kBatch);
      for (auto* v : {&masks, &counts, &caps}) v->resize(kBatch);
    }
    return pool;
  });
}

absl::StatusOr<SuggestionContext> PgMatchingRepository::LoadSuggestionContext(
    const CallScope& scope, const std::string& referral_id, const std::string& pool_snapshot) {
  const std::string& org = scope.org_id;
  return Transact(
      db_, scope,
      [&](soci::session& sql) -> absl::StatusOr<SuggestionContext> {
        SuggestionContext context;
        ASSIGN_OR_RETURN(context.referral, SelectReferral(sql, org, referral_id, false));
        RETURN_IF_ERROR(LogClient(sql, scope, context.referral.client_id));
        if (context.referral.state != "OPEN") {
          return Refusal("REFERRAL_NOT_OPEN", "guides are suggested for OPEN referrals only");
        }
        std::string excluded, earlier;
        soci::indicator excluded_ind = soci::i_null, earlier_ind = soci::i_null;
        sql << kClientsGuides, soci::use(org, "org"),
            soci::use(context.referral.client_id, "client"), soci::into(excluded, excluded_ind),
            soci::into(earlier, earlier_ind), soci::into(context.snapshot);
        if (excluded_ind == soci::i_ok) context.excluded_guide_ids = FromJsonArray(excluded);
        if (earlier_ind == soci::i_ok) context.earlier_guide_ids = FromJsonArray(earlier);
        if (!pool_snapshot.empty()) ReadChangedGuides(sql, org, pool_snapshot, context);
        return context;
      },
      // One snapshot for the context, the changed guides and the snapshot's own text.
      Isolation::kRepeatableRead);
}

}  // namespace rinnalla::storage
