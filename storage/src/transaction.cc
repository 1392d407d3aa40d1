#include "transaction.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "connection_watchdog.h"
#include "pipeline.h"
#include "pool.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/trace.h"
#include "sql_error.h"

namespace rinnalla::storage {
namespace {

constexpr int kAttempts = 5;
constexpr char kQueryCanceled[] = "57014";  // statement_timeout, or the deadline's check

// Rolls back, swallowing errors: after a lost connection there is nothing to roll back.
void RollBack(soci::session& sql) {
  DiscardPendingAccess(sql);
  try {
    sql.rollback();
  } catch (const std::exception&) {
  }
}

std::string RetryableState(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = pg->sqlstate();
    if (IsRetryable(state)) return state;
  }
  return "";
}

const char* BeginFor(Isolation isolation) {
  switch (isolation) {
    case Isolation::kSerializable: return "BEGIN ISOLATION LEVEL SERIALIZABLE";
    case Isolation::kRepeatableRead: return "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case Isolation::kReadCommitted: break;
  }
  return "BEGIN";
}

// How long after the deadline the watchdog cuts a connection the server has not answered on (at
// most; a quarter of the time left for short calls): the server's statement_timeout normally ends
// the statement first.
constexpr absl::Duration kGrace = absl::Milliseconds(200);

// Under a deadline, what travels just before the COMMIT: it refuses the COMMIT unless the
// database still sees time left when it receives it (measured from the transaction's start on the
// database's own clock, so clocks need not agree), so a COMMIT that a stuck server reads late is
// refused, never applied.
std::string DeadlineCheck(absl::Duration left) {
  return absl::StrCat(
      "DO $$BEGIN IF clock_timestamp() > transaction_timestamp() + interval '",
      absl::ToInt64Milliseconds(left),
      " milliseconds' THEN RAISE EXCEPTION USING ERRCODE = 'query_canceled'; END IF; END$$");
}

// COMMIT, in one round trip with what must travel with it: the access-log rows the work appended
// (written first: when they cannot be, nothing commits) and, under a deadline, its check. SOCI's
// commit() sends a bare COMMIT: used when nothing travels with it. Throws as SOCI does.
absl::Status Commit(soci::session& sql, std::optional<absl::Duration> left) {
  std::optional<PipelinedStatement> access = TakePendingAccess(sql);
  if (!access && !left) {
    sql.commit();
    return absl::OkStatus();
  }
  if (!access) {
    // One simple query, as BEGIN is.
    sql << DeadlineCheck(*left) + "; COMMIT";
    return absl::OkStatus();
  }
  std::vector<PipelinedStatement> statements{*std::move(access)};
  if (left) statements.push_back({DeadlineCheck(*left), std::nullopt});
  statements.push_back({"COMMIT", std::nullopt});
  std::optional<PipelineFailure> failure = RunPipeline(sql, statements);
  if (!failure) return absl::OkStatus();
  // The rows refused (not a deadline or a conflict the attempts handle): the log is unwritable.
  const std::string& state = failure->sqlstate;
  if (failure->index == 0 && state != kQueryCanceled && !IsRetryable(state)) {
    return AccessLogUnavailable();
  }
  throw soci::postgresql_soci_error("the transaction did not commit", failure->sqlstate.c_str());
}

// Begins the transaction. SOCI's begin() sends a bare BEGIN, and what the transaction needs set
// (its isolation, `statement_timeout` from the deadline, the trace as `application_name`) would
// then cost a round trip more on every call, since every RPC has a deadline: a statement without
// parameters goes as a simple query, which may hold several, so BEGIN and the SET LOCALs are one
// round trip (pinned by the storage test Transaction.BeginsInOneRoundTrip). Only work of no
// call, with nothing to set, begins through SOCI; the server's own statement_timeout then
// applies. The trace ids are hex (see CallScope), the timeout a number. COMMIT and ROLLBACK go
// through SOCI when nothing travels with the COMMIT (see Commit above).
void Begin(soci::session& sql, Isolation isolation, const std::optional<std::string>& timeout,
           const TraceIds& trace) {
  DiscardPendingAccess(sql);
  if (!timeout && trace.trace_id.empty() && isolation == Isolation::kReadCommitted) {
    sql.begin();
    return;
  }
  std::string begin = BeginFor(isolation);
  if (timeout) absl::StrAppend(&begin, "; SET LOCAL statement_timeout = ", *timeout);
  // The call's trace names the transaction in pg_stat_activity and PostgreSQL's own log (%a), so
  // one call can be followed into the database.
  if (!trace.trace_id.empty()) {
    absl::StrAppend(&begin, "; SET LOCAL application_name = 'rinnalla/", trace.trace_id, "/",
                    trace.span_id, "'");
  }
  sql << begin;
}

// How the attempts on one connection ended; `dead_at_begin` when the connection was found dead at
// BEGIN, before any of the work was sent.
struct Attempts {
  absl::Status status;
  bool dead_at_begin = false;
};

Attempts RunAttempts(soci::session& sql, Isolation isolation, const CallScope& scope,
                     absl::FunctionRef<absl::Status(soci::session&)> work) {
  const std::optional<absl::Time>& deadline = scope.deadline;
  for (int attempt = 1;; ++attempt) {
    std::optional<std::string> timeout;
    absl::Duration left = absl::InfiniteDuration();
    if (deadline) {
      left = *deadline - absl::Now();
      if (left <= absl::ZeroDuration()) return {CallDeadlinePassed()};
      timeout = absl::StrCat(std::max<int64_t>(1, absl::ToInt64Milliseconds(left)));
    }
    bool begun = false;
    try {
      Begin(sql, isolation, timeout, scope.trace);
      begun = true;
      absl::Status status = work(sql);
      if (!status.ok()) {
        RollBack(sql);
        return {status};
      }
      status = Commit(sql, deadline ? std::optional(left) : std::nullopt);
      if (!status.ok()) {
        RollBack(sql);
        return {status};
      }
      return {absl::OkStatus()};
    } catch (const std::exception& e) {
      RollBack(sql);
      if (!begun && !IsConnected(sql)) return {StatusFromException(e, false), true};
      if (!RetryableState(e).empty() && attempt < kAttempts) {
        metrics::TransactionRetries().Increment();
        continue;
      }
      if (deadline && *deadline <= absl::Now()) return {CallDeadlinePassed()};
      return {StatusFromException(e, IsConnected(sql))};
    }
  }
}

// The attempts on the lease's connection, which is cut if the server has not answered by the
// deadline (a stuck server enforces no statement_timeout), and then never handed out again.
Attempts RunWatched(Database::Pool::Lease& lease, Isolation isolation, const CallScope& scope,
                    absl::FunctionRef<absl::Status(soci::session&)> work) {
  soci::session& sql = lease.session();
  const std::optional<absl::Time>& deadline = scope.deadline;
  std::optional<ConnectionWatchdog::Watch> watch;
  if (deadline) {
    const absl::Duration grace = std::min(kGrace, (*deadline - absl::Now()) / 4);
    watch.emplace(lease.watchdog(), PQsocket(ConnectionOf(sql)), *deadline + grace);
  }
  Attempts attempts = RunAttempts(sql, isolation, scope, work);
  if (watch && watch->End()) {
    lease.Discard();
    if (!attempts.status.ok()) return {CallDeadlinePassed()};
  }
  return attempts;
}

}  // namespace

absl::Status RunTransaction(Database& db, const CallScope& scope, Isolation isolation,
                            absl::FunctionRef<absl::Status(soci::session&)> work) {
  return RunTransactionIn(db.pool(), scope, isolation, work);
}

absl::Status RunTransactionIn(Database::Pool& pool, const CallScope& scope, Isolation isolation,
                              absl::FunctionRef<absl::Status(soci::session&)> work) {
  const std::optional<absl::Time>& deadline = scope.deadline;
  if (deadline && *deadline <= absl::Now()) return CallDeadlinePassed();
  absl::StatusOr<Database::Pool::Lease> lease = pool.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  Attempts attempts = RunWatched(*lease, isolation, scope, work);
  if (attempts.dead_at_begin) {
    // An idle connection looks alive until used: after a database restart each would fail its
    // next call. Nothing of the work was sent, so it runs once more on a new connection.
    RETURN_IF_ERROR(lease->Reopen(deadline));
    attempts = RunWatched(*lease, isolation, scope, work);
  }
  return attempts.status;
}

}  // namespace rinnalla::storage
