// PostgreSQL implementation of EventFeed (see event_feed.h for the order it keeps).

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "codec.h"
#include "rinnalla/storage/event_feed.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

// Events pruned per statement, so pruning never holds many row locks for long.
constexpr int kPruneChunk = 10000;

constexpr char kSelectHorizon[] =
    "SELECT CAST(xid AS text), seq FROM event_horizons WHERE org_id = :org";

// The text of xid has a name of its own: ORDER BY xid would otherwise sort that text ("99999"
// after "100000"), not the transaction ids.
const std::string kSelectEvents =
    absl::StrCat("SELECT CAST(e.xid AS text) AS xid_text, e.seq, e.kind, e.resource, ",
                 JsonOf("e.changed_fields"), ", ", MicrosOf("e.time"),
                 " FROM events e WHERE e.org_id = :org"
                 " AND e.xid < pg_snapshot_xmin(pg_current_snapshot())"
                 " AND e.xid >= CAST(:xid AS xid8)"
                 " AND (e.xid > CAST(:xid AS xid8) OR e.seq > :seq)"
                 " ORDER BY e.xid, e.seq LIMIT :limit");

constexpr char kSelectHeldBack[] =
    "SELECT (EXISTS (SELECT 1 FROM events WHERE org_id = :org"
    " AND xid >= pg_snapshot_xmin(pg_current_snapshot())))::int";

// Each organization's horizon moves to the furthest position deleted, in the same transaction,
// so no reader can miss a deletion.
constexpr char kPrune[] =
    "WITH gone AS ("
    "   DELETE FROM events WHERE seq IN (SELECT seq FROM events"
    "     WHERE time < now() - :seconds * interval '1 second' LIMIT :chunk)"
    "   RETURNING org_id, xid, seq),"
    " horizons AS ("
    "   INSERT INTO event_horizons (org_id, xid, seq)"
    "   SELECT DISTINCT ON (org_id) org_id, xid, seq FROM gone"
    "   ORDER BY org_id, xid DESC, seq DESC"
    "   ON CONFLICT (org_id) DO UPDATE SET xid = excluded.xid, seq = excluded.seq"
    "   WHERE (excluded.xid, excluded.seq) > (event_horizons.xid, event_horizons.seq))"
    " SELECT count(*) FROM gone";

absl::StatusOr<uint64_t> ParseXid(const std::string& text) {
  uint64_t xid = 0;
  if (!absl::SimpleAtoi(text, &xid)) return absl::InternalError("unreadable transaction id");
  return xid;
}

// The organization's horizon: the furthest position pruned, if any.
absl::StatusOr<std::optional<FeedPosition>> ReadHorizon(soci::session& sql,
                                                        const std::string& org_id) {
  std::string xid;
  long long seq = 0;
  soci::indicator ind = soci::i_null;
  sql << kSelectHorizon, soci::use(org_id, "org"), soci::into(xid, ind), soci::into(seq);
  if (!sql.got_data() || ind != soci::i_ok) return std::optional<FeedPosition>();
  ASSIGN_OR_RETURN(uint64_t x, ParseXid(xid));
  return std::optional<FeedPosition>(FeedPosition{x, seq});
}

absl::Status CursorExpired() {
  return WithReason(absl::FailedPreconditionError(
                        "events after this cursor were pruned (older than the feed keeps them); "
                        "start again without a cursor and reconcile"),
                    "CURSOR_EXPIRED");
}

class PgEventFeed final : public EventFeed {
 public:
  explicit PgEventFeed(Database& db) : db_(db) {}

  absl::StatusOr<FeedPage> Read(const CallScope& scope, const std::string& org_id,
                                const std::optional<FeedPosition>& after, int limit) override {
    // One snapshot for every statement: the events, the horizon and what is held back agree.
    // Events pruned after the snapshot are still read here, so none is lost; a prune before it
    // shows in the horizon.
    return Transact(
        db_, scope,
        [&](soci::session& sql) -> absl::StatusOr<FeedPage> {
          FeedPosition from;
          if (after) {
            from = *after;
          } else {
            // From the oldest kept: what lies before the horizon is going or gone.
            ASSIGN_OR_RETURN(std::optional<FeedPosition> horizon, ReadHorizon(sql, org_id));
            from = horizon.value_or(FeedPosition{});
          }
          FeedPage page;
          std::string xid = absl::StrCat(from.xid);
          long long seq = from.seq;
          soci::rowset<soci::row> rows =
              (sql.prepare << kSelectEvents, soci::use(org_id, "org"), soci::use(xid, "xid"),
               soci::use(seq, "seq"), soci::use(limit, "limit"));
          for (const soci::row& row : rows) {
            FeedEvent e;
            ASSIGN_OR_RETURN(e.position.xid, ParseXid(row.get<std::string>(0)));
            e.position.seq = row.get<long long>(1);
            e.kind = row.get<std::string>(2);
            e.resource = row.get<std::string>(3);
            e.changed_fields = FromJsonArray(row.get<std::string>(4));
            e.time = FromMicros(row.get<long long>(5));
            page.events.push_back(std::move(e));
          }
          page.full = static_cast<int>(page.events.size()) == limit;
          ASSIGN_OR_RETURN(std::optional<FeedPosition> horizon, ReadHorizon(sql, org_id));
          if (horizon && *horizon > from) return CursorExpired();
          int held_back = 0;
          sql << kSelectHeldBack, soci::use(org_id, "org"), soci::into(held_back);
          page.held_back = held_back != 0;
          return page;
        },
        Isolation::kRepeatableRead);
  }

  absl::StatusOr<int64_t> Prune(const CallScope& scope, absl::Duration retention) override {
    long long seconds = absl::ToInt64Seconds(retention);
    int64_t total = 0;
    for (;;) {
      ASSIGN_OR_RETURN(long long deleted,
                       Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<long long> {
                         long long n = 0;
                         int chunk = kPruneChunk;
                         sql << kPrune, soci::use(seconds, "seconds"), soci::use(chunk, "chunk"),
                             soci::into(n);
                         return n;
                       }));
      total += deleted;
      if (deleted < kPruneChunk) return total;
    }
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<EventFeed> MakePgEventFeed(Database& db) {
  return std::make_unique<PgEventFeed>(db);
}

}  // namespace rinnalla::storage
