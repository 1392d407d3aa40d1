#include "transaction.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
// refused, never applied (the function is migration V0010's).
constexpr char kRefuseCommitAfter[] = "SELECT refuse_commit_after($1)";

PipelinedStatement DeadlineCheck(absl::Duration left) {
  return {kRefuseCommitAfter, {absl::StrCat(absl::ToInt64Milliseconds(left))}, true};
}

// What a failed pipeline answers: ACCESS_LOG_UNAVAILABLE when the access-log rows it carried
// (the statement at `access_at`) were refused, not for a deadline or a conflict the attempts
// handle; otherwise it throws as SOCI does.
absl::Status PipelineRefused(const PipelineFailure& failure, std::optional<size_t> access_at) {
  const std::string& state = failure.sqlstate;
  if (failure.index == access_at && state != kQueryCanceled && !IsRetryable(state)) {
    return AccessLogUnavailable();
  }
  throw soci::postgresql_soci_error("the transaction did not commit", state.c_str());
}

// Appends COMMIT and what must travel with it: the access-log rows (written first: when they
// cannot be, nothing commits) and, under a deadline (`left`), its check. Where the rows stand.
std::optional<size_t> AppendCommit(std::vector<PipelinedStatement>& statements,
                                   std::optional<PipelinedStatement> access,
                                   std::optional<absl::Duration> left) {
  std::optional<size_t> access_at;
  if (access) {
    access_at = statements.size();
    statements.push_back(*std::move(access));
  }
  if (left) statements.push_back(DeadlineCheck(*left));
  statements.push_back({"COMMIT", {}});
  return access_at;
}

// COMMIT, in one round trip (a pipeline) with the access-log rows the work appended and the
// deadline's check (AppendCommit). SOCI's commit() sends a bare COMMIT: used when nothing
// travels with it. Throws as SOCI does.
absl::Status Commit(soci::session& sql, std::optional<absl::Duration> left) {
  std::optional<PipelinedStatement> access = TakePendingAccess(sql);
  if (!access && !left) {
    sql.commit();
    return absl::OkStatus();
  }
  std::vector<PipelinedStatement> statements;
  const std::optional<size_t> access_at = AppendCommit(statements, std::move(access), left);
  PipelineAnswers answers = RunPipeline(sql, statements);
  if (!answers.failure) return absl::OkStatus();
  return PipelineRefused(*answers.failure, access_at);
}

// What an attempt begins its transaction with: the isolation, the time left before the deadline
// (none: no deadline), and the call's trace.
struct Opening {
  Isolation isolation;
  std::optional<absl::Duration> left;
  const TraceIds& trace;
};

// BEGIN and what the transaction needs set: its isolation, `statement_timeout` from the
// deadline, and the trace as `application_name`. The trace ids are hex (see CallScope), the
// timeout a number.
std::vector<std::string> OpeningStatements(const Opening& opening) {
  std::vector<std::string> statements{BeginFor(opening.isolation)};
  if (opening.left) {
    const int64_t timeout_ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(*opening.left));
    statements.push_back(absl::StrCat("SET LOCAL statement_timeout = ", timeout_ms));
  }
  // The call's trace names the transaction in pg_stat_activity and PostgreSQL's own log (%a), so
  // one call can be followed into the database.
  if (!opening.trace.trace_id.empty()) {
    statements.push_back(absl::StrCat("SET LOCAL application_name = 'rinnalla/",
                                      opening.trace.trace_id, "/", opening.trace.span_id, "'"));
  }
  return statements;
}

// Begins the transaction. SOCI's begin() sends a bare BEGIN, and the settings would then cost a
// round trip more on every call, since every RPC has a deadline: a statement without parameters
// goes as a simple query, which may hold several, so BEGIN and the SET LOCALs are one round trip
// (pinned by the storage test Transaction.BeginsInOneRoundTrip). Only work of no call, with
// nothing to set, begins through SOCI; the server's own statement_timeout then applies. COMMIT
// and ROLLBACK go through SOCI when nothing travels with the COMMIT (see Commit above).
void Begin(soci::session& sql, const Opening& opening) {
  DiscardPendingAccess(sql);
  if (!opening.left && opening.trace.trace_id.empty() &&
      opening.isolation == Isolation::kReadCommitted) {
    sql.begin();
    return;
  }
  sql << absl::StrJoin(OpeningStatements(opening), "; ");
}

// One attempt of a transaction, from BEGIN to COMMIT; sets `begun` once the database has
// answered the BEGIN. Throws as SOCI does.
using Attempt =
    absl::FunctionRef<absl::Status(soci::session& sql, const Opening& opening, bool& begun)>;

// `work` between BEGIN and COMMIT.
absl::Status AttemptWork(soci::session& sql, const Opening& opening, bool& begun,
                         absl::FunctionRef<absl::Status(soci::session&)> work) {
  Begin(sql, opening);
  begun = true;
  RETURN_IF_ERROR(work(sql));
  return Commit(sql, opening.left);
}

// The whole transaction as one pipeline: BEGIN, the settings, `read`, `access` (its access-log
// row), the deadline's check and COMMIT; `rows` gets what `read` answered.
absl::Status AttemptRead(soci::session& sql, const Opening& opening, bool& begun,
                         const PipelinedStatement& read, const PipelinedStatement& access,
                         PipelineRows& rows) {
  std::vector<PipelinedStatement> statements;
  for (std::string& statement : OpeningStatements(opening)) {
    statements.push_back({std::move(statement), {}});
  }
  const size_t read_at = statements.size();
  statements.push_back(read);
  const std::optional<size_t> access_at = AppendCommit(statements, access, opening.left);
  PipelineAnswers answers;
  try {
    answers = RunPipeline(sql, statements);
  } catch (const PipelineLost& lost) {
    begun = lost.answered > 0;
    throw;
  }
  begun = true;
  if (answers.failure) return PipelineRefused(*answers.failure, access_at);
  rows = answers.rows[read_at];
  return absl::OkStatus();
}

// How the attempts on one connection ended; `dead_at_begin` when the connection was found dead at
// BEGIN, before any of the work was sent.
struct Attempts {
  absl::Status status;
  bool dead_at_begin = false;
};

Attempts RunAttempts(soci::session& sql, Isolation isolation, const CallScope& scope,
                     Attempt attempt) {
  const std::optional<absl::Time>& deadline = scope.deadline;
  for (int tries = 1;; ++tries) {
    Opening opening{isolation, std::nullopt, scope.trace};
    if (deadline) {
      opening.left = *deadline - absl::Now();
      if (*opening.left <= absl::ZeroDuration()) return {CallDeadlinePassed()};
    }
    bool begun = false;
    try {
      absl::Status status = attempt(sql, opening, begun);
      if (!status.ok()) RollBack(sql);
      return {status};
    } catch (const std::exception& e) {
      RollBack(sql);
      if (!begun && !IsConnected(sql)) return {StatusFromException(e, false), true};
      if (!RetryableState(e).empty() && tries < kAttempts) {
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
                    Attempt attempt) {
  soci::session& sql = lease.session();
  const std::optional<absl::Time>& deadline = scope.deadline;
  std::optional<ConnectionWatchdog::Watch> watch;
  if (deadline) {
    const absl::Duration grace = std::min(kGrace, (*deadline - absl::Now()) / 4);
    watch.emplace(lease.watchdog(), PQsocket(ConnectionOf(sql)), *deadline + grace);
  }
  Attempts attempts = RunAttempts(sql, isolation, scope, attempt);
  if (watch && watch->End()) {
    lease.Discard();
    if (!attempts.status.ok()) return {CallDeadlinePassed()};
  }
  return attempts;
}

absl::Status RunAttemptsIn(Database::Pool& pool, const CallScope& scope, Isolation isolation,
                           Attempt attempt) {
  const std::optional<absl::Time>& deadline = scope.deadline;
  if (deadline && *deadline <= absl::Now()) return CallDeadlinePassed();
  absl::StatusOr<Database::Pool::Lease> lease = pool.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  Attempts attempts = RunWatched(*lease, isolation, scope, attempt);
  if (attempts.dead_at_begin) {
    // An idle connection looks alive until used: after a database restart each would fail its
    // next call. Nothing of the work was sent, so it runs once more on a new connection.
    RETURN_IF_ERROR(lease->Reopen(deadline));
    attempts = RunWatched(*lease, isolation, scope, attempt);
  }
  return attempts.status;
}

}  // namespace

absl::Status RunTransaction(Database& db, const CallScope& scope, Isolation isolation,
                            absl::FunctionRef<absl::Status(soci::session&)> work) {
  return RunTransactionIn(db.pool(), scope, isolation, work);
}

absl::Status RunTransactionIn(Database::Pool& pool, const CallScope& scope, Isolation isolation,
                              absl::FunctionRef<absl::Status(soci::session&)> work) {
  return RunAttemptsIn(pool, scope, isolation,
                       [&](soci::session& sql, const Opening& opening, bool& begun) {
                         return AttemptWork(sql, opening, begun, work);
                       });
}

absl::StatusOr<PipelineRows> ReadWithAccess(Database& db, const CallScope& scope,
                                            const PipelinedStatement& read,
                                            const ClientRef& client) {
  const PipelinedStatement access = AccessToExistingClient(scope, client);
  PipelineRows rows;
  RETURN_IF_ERROR(RunAttemptsIn(db.pool(), scope, Isolation::kReadCommitted,
                                [&](soci::session& sql, const Opening& opening, bool& begun) {
                                  return AttemptRead(sql, opening, begun, read, access, rows);
                                }));
  return rows;
}

}  // namespace rinnalla::storage
