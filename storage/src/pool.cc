#include "pool.h"

#include <soci/postgresql/soci-postgresql.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "connection_string.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/status.h"
#include "sql_error.h"

namespace rinnalla::storage {

// SOCI 4.0 has no accessor for the native connection: its documented way to the native API
// ("Native API Access" in its PostgreSQL backend reference) is session::get_backend() cast to
// postgresql_session_backend, whose public member conn_ is the PGconn.
PGconn* ConnectionOf(soci::session& session) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

bool IsConnected(soci::session& session) {
  PGconn* conn = ConnectionOf(session);
  return conn != nullptr && PQstatus(conn) == CONNECTION_OK;
}

Database::Pool::Pool(DatabaseOptions options, ConnectionWatchdog& watchdog)
    : options_(std::move(options)), watchdog_(watchdog) {
  options_.connection_string = WithDeadPeerDetection(options_.connection_string);
}

absl::StatusOr<std::unique_ptr<Database::Pool>> Database::Pool::Open(
    const DatabaseOptions& options, ConnectionWatchdog& watchdog) {
  if (options.pool_size < 1) return absl::InvalidArgumentError("pool size must be at least 1");
  std::unique_ptr<Pool> pool(new Pool(options, watchdog));
  for (int i = 0; i < options.pool_size; ++i) {
    try {
      pool->sessions_.push_back(
          std::make_unique<soci::session>(soci::postgresql, pool->options_.connection_string));
      LogNotices(ConnectionOf(*pool->sessions_.back()));
    } catch (const std::exception& e) {
      return ConnectError(e);
    }
    pool->states_.push_back(std::make_unique<ConnectionState>());
    AttachConnectionState(*pool->sessions_.back(), pool->states_.back().get());
    pool->free_.push_back(i);
  }
  return pool;
}

Database::Pool::~Pool() {
  for (size_t i = 0; i < states_.size(); ++i) {
    AttachConnectionState(*sessions_[i], nullptr);
    states_[i]->statements.Clear();
  }
}

absl::StatusOr<Database::Pool::Lease> Database::Pool::Acquire(std::optional<absl::Time> deadline) {
  const metrics::DatabasePool& counted = metrics::Pool();
  const absl::Time asked = absl::Now();
  const absl::Time lease_end = asked + options_.lease_timeout;
  const absl::Time give_up = deadline ? std::min(*deadline, lease_end) : lease_end;
  size_t slot;
  {
    std::unique_lock lock(mutex_);
    if (free_.empty()) {
      counted.waiting.Increment();
      bool freed = available_.wait_for(lock, absl::ToChronoNanoseconds(give_up - absl::Now()),
                                       [&] { return !free_.empty(); });
      counted.waiting.Decrement();
      if (!freed) {
        counted.wait_seconds.Observe(metrics::Seconds(absl::Now() - asked));
        if (deadline && *deadline <= lease_end) return CallDeadlinePassed();
        return DatabaseUnavailable("the database is busy; try again");
      }
    }
    slot = free_.back();
    free_.pop_back();
  }
  counted.wait_seconds.Observe(metrics::Seconds(absl::Now() - asked));
  counted.in_use.Increment();
  Lease lease(this, slot);
  if (!IsConnected(*sessions_[slot])) {
    if (deadline && *deadline <= absl::Now()) return CallDeadlinePassed();
    RETURN_IF_ERROR(Reconnect(slot, give_up));
  }
  return lease;
}

absl::Status Database::Pool::Reconnect(size_t slot, absl::Time give_up) {
  // A stuck server would hold a blocking connect for connect_timeout; ask it within our time.
  RETURN_IF_ERROR(ReachableBy(options_.connection_string, give_up));
  // Statements prepared on the lost connection are gone with it.
  states_[slot]->statements.Clear();
  soci::session& session = *sessions_[slot];
  try {
    session.reconnect();
    LogNotices(ConnectionOf(session));
  } catch (const std::exception& e) {
    return ConnectionError(e);
  }
  return absl::OkStatus();
}

void Database::Pool::Release(size_t slot) {
  metrics::Pool().in_use.Decrement();
  {
    std::lock_guard lock(mutex_);
    free_.push_back(slot);
  }
  available_.notify_one();
}

Database::Pool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Release(slot_);
}

soci::session& Database::Pool::Lease::session() { return *pool_->sessions_[slot_]; }

KeptStatements& Database::Pool::Lease::statements() { return pool_->states_[slot_]->statements; }

absl::Status Database::Pool::Lease::Reopen(std::optional<absl::Time> deadline) {
  if (deadline && *deadline <= absl::Now()) return CallDeadlinePassed();
  return pool_->Reconnect(slot_, deadline.value_or(absl::Now() + pool_->options_.lease_timeout));
}

void Database::Pool::Lease::Discard() {
  statements().Clear();
  try {
    session().close();
  } catch (const std::exception&) {
  }
}

}  // namespace rinnalla::storage
