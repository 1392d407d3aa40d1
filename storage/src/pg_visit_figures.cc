// The pilot's figures: visits and hours, visits and hours by place, and accompanied visits by
// place for a period, in total, per guide and per client, aggregated by PostgreSQL (GROUPING
// SETS) rather than in C++.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "pg_visits_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

// The period's visits, as `v`; binds :org, :from, :until, :guide and :client ('' for all).
const std::string kPeriodVisits = absl::StrCat(
    "WITH v AS (SELECT id, guide_id, client_id, duration_minutes, mode, places, revision"
    " FROM visits WHERE org_id = :org AND start_time >= ",
    TimeFromMicros(":from"), " AND start_time < ", TimeFromMicros(":until"),
    " AND (:guide = '' OR guide_id = CAST(NULLIF(:guide, '') AS uuid))"
    " AND (:client = '' OR client_id = CAST(NULLIF(:client, '') AS uuid))) ");

// GROUPING(guide_id, client_id) of each grouping set: the totals, per guide, per client.
constexpr int kTotalsLevel = 3, kGuideLevel = 1, kClientLevel = 2;

// Each row's grouping set and its guide and client (NULL in total), for the columns `guide` and
// `client`: in total only, the one grouping set is the totals.
std::string GroupingOf(bool totals_only, const std::string& guide, const std::string& client) {
  if (totals_only) {
    return absl::StrCat(kTotalsLevel, ", CAST(NULL AS text), CAST(NULL AS text)");
  }
  return absl::StrCat("CAST(GROUPING(", guide, ", ", client, ") AS int), CAST(", guide,
                      " AS text), CAST(", client, " AS text)");
}

// Visits and minutes in total, per guide and per client; in total only (`totals_only`), the
// other groupings are not computed at all.
std::string TotalsSql(bool totals_only) {
  return absl::StrCat(kPeriodVisits, "SELECT ", GroupingOf(totals_only, "guide_id", "client_id"),
                      ", CAST(count(*) AS int), CAST(sum(duration_minutes) AS bigint),"
                      " CAST(count(*) FILTER (WHERE mode = 'ACCOMPANIED') AS int)"
                      " FROM v GROUP BY GROUPING SETS (",
                      totals_only ? "()" : "(), (guide_id), (client_id)", ")");
}

// Visits and minutes by place, every mode; and accompanied visits by place with the
// appointments kept there (the latest revision's outcome). In total, per guide and per client,
// or in total only.
std::string ByPlaceSql(bool totals_only) {
  return absl::StrCat(
      kPeriodVisits, "SELECT ", GroupingOf(totals_only, "v.guide_id", "v.client_id"),
      ", p.place, CAST(count(*) AS int),"
      " CAST(sum(v.duration_minutes) AS bigint),"
      " CAST(count(*) FILTER (WHERE v.mode = 'ACCOMPANIED') AS int),"
      " CAST(count(*) FILTER (WHERE v.mode = 'ACCOMPANIED' AND o.appointment = 'KEPT') AS int)"
      " FROM v CROSS JOIN LATERAL unnest(v.places) AS p(place)"
      " LEFT JOIN visit_place_outcomes o ON o.org_id = :org AND o.visit_id = v.id"
      "  AND o.revision = v.revision AND o.place = p.place"
      " GROUP BY GROUPING SETS (",
      totals_only ? "(p.place)" : "(p.place), (v.guide_id, p.place), (v.client_id, p.place)", ")");
}

// Each statement by `totals_only`: [false], [true].
const std::string kTotals[] = {TotalsSql(false), TotalsSql(true)};
const std::string kByPlace[] = {ByPlaceSql(false), ByPlaceSql(true)};

struct PeriodParameters {
  std::string org, guide, client;
  long long from, until;
};

soci::rowset<soci::row> PeriodRows(soci::session& sql, const std::string& statement,
                                   const PeriodParameters& p) {
  return (sql.prepare << statement, soci::use(p.org, "org"), soci::use(p.from, "from"),
          soci::use(p.until, "until"), soci::use(p.guide, "guide"), soci::use(p.client, "client"));
}

VisitTotalsRecord& TotalsOf(VisitSummaryRecord& summary, int level, const soci::row& row) {
  if (level == kGuideLevel) return summary.by_guide[row.get<std::string>(1)];
  if (level == kClientLevel) return summary.by_client[row.get<std::string>(2)];
  return summary.totals;
}

}  // namespace

absl::StatusOr<VisitSummaryRecord> PgVisitsRepository::SummarizeVisits(const CallScope& scope,
                                                                       const VisitSummaryQuery& q) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<VisitSummaryRecord> {
    const PeriodParameters p{scope.org_id, q.guide_id.value_or(""), q.client_id.value_or(""),
                             ToMicros(q.from), ToMicros(q.until)};
    VisitSummaryRecord summary;
    {
      soci::rowset<soci::row> rows = PeriodRows(sql, kTotals[q.totals_only], p);
      for (const soci::row& row : rows) {
        const int level = row.get<int>(0);
        if (level != kTotalsLevel && level != kGuideLevel && level != kClientLevel) continue;
        // The empty grouping set yields a row even for no visits: its sum is NULL.
        if (row.get<int>(3) == 0) continue;
        VisitTotalsRecord& totals = TotalsOf(summary, level, row);
        totals.visits = row.get<int>(3);
        totals.minutes = row.get<long long>(4);
        totals.accompanied_visits = row.get<int>(5);
      }
    }
    {
      soci::rowset<soci::row> rows = PeriodRows(sql, kByPlace[q.totals_only], p);
      for (const soci::row& row : rows) {
        VisitTotalsRecord& totals = TotalsOf(summary, row.get<int>(0), row);
        const std::string place_name = row.get<std::string>(3);
        PlaceHoursRecord& place = totals.by_place[place_name];
        place.visits = row.get<int>(4);
        place.minutes = row.get<long long>(5);
        if (row.get<int>(6) == 0) continue;
        PlaceVisitsRecord& accompanied = totals.accompanied_by_place[place_name];
        accompanied.accompanied_visits = row.get<int>(6);
        accompanied.appointments_kept = row.get<int>(7);
      }
    }
    // Per-client figures are those clients' data; a query naming a client reads that client.
    std::vector<std::string> clients;
    for (const auto& [id, totals] : summary.by_client) clients.push_back(id);
    if (q.client_id && !summary.by_client.contains(*q.client_id)) clients.push_back(*q.client_id);
    RETURN_IF_ERROR(AppendAccessForEach(sql, scope, scope.org_id, clients));
    return summary;
  });
}

}  // namespace rinnalla::storage
