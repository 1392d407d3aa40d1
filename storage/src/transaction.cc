#include "transaction.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "pool.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/trace.h"
#include "sql_error.h"

namespace rinnalla::storage {
namespace {

constexpr int kAttempts = 5;

// Thread-local deadline installed by ScopedDeadline.
thread_local std::optional<absl::Time> current_deadline;
// Thread-local trace installed by ScopedTrace.
thread_local const TraceIds* current_trace = nullptr;

// Rolls back, swallowing errors: after a lost connection there is nothing to roll back.
void RollBack(soci::session& sql) {
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

}  // namespace

ScopedDeadline::ScopedDeadline(std::optional<absl::Time> deadline) : previous_(current_deadline) {
  current_deadline = deadline;
}
ScopedDeadline::~ScopedDeadline() { current_deadline = previous_; }
std::optional<absl::Time> ScopedDeadline::Current() { return current_deadline; }

ScopedTrace::ScopedTrace(const TraceIds& trace) : previous_(current_trace) { current_trace = &trace; }
ScopedTrace::~ScopedTrace() { current_trace = previous_; }
const TraceIds* ScopedTrace::Current() { return current_trace; }

absl::Status RunTransaction(Database& db, Isolation isolation,
                            absl::FunctionRef<absl::Status(soci::session&)> work) {
  absl::StatusOr<Database::Pool::Lease> lease = db.pool().Acquire();
  if (!lease.ok()) return lease.status();
  soci::session& sql = lease->session();
  for (int attempt = 1;; ++attempt) {
    std::string timeout = "0";
    if (std::optional<absl::Time> deadline = current_deadline) {
      absl::Duration left = *deadline - absl::Now();
      if (left <= absl::ZeroDuration()) {
        return absl::DeadlineExceededError("the call's deadline passed before the database was asked");
      }
      timeout = absl::StrCat(std::max<int64_t>(1, absl::ToInt64Milliseconds(left)));
    }
    try {
      // One round trip: a statement without parameters goes as a simple query, which may hold
      // several (sql.commit() and rollback() below send COMMIT and ROLLBACK themselves).
      // The call's trace names the transaction in pg_stat_activity and PostgreSQL's own log
      // (%a), so one call can be followed into the database. The ids are hex (see ScopedTrace).
      std::string begin = absl::StrCat(BeginFor(isolation), "; SET LOCAL statement_timeout = ",
                                       timeout);
      if (current_trace != nullptr) {
        absl::StrAppend(&begin, "; SET LOCAL application_name = 'rinnalla/",
                        current_trace->trace_id, "/", current_trace->span_id, "'");
      }
      sql << begin;
      absl::Status status = work(sql);
      if (!status.ok()) {
        RollBack(sql);
        return status;
      }
      sql.commit();
      return absl::OkStatus();
    } catch (const std::exception& e) {
      RollBack(sql);
      if (!RetryableState(e).empty() && attempt < kAttempts) {
        metrics::TransactionRetries().Increment();
        continue;
      }
      return StatusFromException(e, IsConnected(sql));
    }
  }
}

}  // namespace rinnalla::storage
