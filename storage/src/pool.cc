#include "pool.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rinnalla/metrics/metrics.h"
#include "sql_error.h"

namespace rinnalla::storage {

bool IsConnected(soci::session& session) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  return backend != nullptr && backend->conn_ != nullptr && PQstatus(backend->conn_) == CONNECTION_OK;
}

absl::StatusOr<std::unique_ptr<Database::Pool>> Database::Pool::Open(const DatabaseOptions& options) {
  if (options.pool_size < 1) return absl::InvalidArgumentError("pool size must be at least 1");
  std::unique_ptr<Pool> pool(new Pool(options));
  for (int i = 0; i < options.pool_size; ++i) {
    try {
      pool->sessions_.push_back(
          std::make_unique<soci::session>(soci::postgresql, options.connection_string));
    } catch (const std::exception& e) {
      return ConnectionError(e);
    }
    pool->free_.push_back(i);
  }
  metrics::Pool().connections.Set(options.pool_size);
  return pool;
}

absl::StatusOr<Database::Pool::Lease> Database::Pool::Acquire() {
  const metrics::DatabasePool& counted = metrics::Pool();
  const absl::Time asked = absl::Now();
  size_t slot;
  {
    std::unique_lock lock(mutex_);
    if (free_.empty()) {
      counted.waiting.Increment();
      bool freed = available_.wait_for(
          lock,
          absl::ToChronoSeconds(options_.lease_timeout) +
              absl::ToChronoMilliseconds(options_.lease_timeout % absl::Seconds(1)),
          [&] { return !free_.empty(); });
      counted.waiting.Decrement();
      if (!freed) {
        counted.wait_seconds.Observe(metrics::Seconds(absl::Now() - asked));
        return absl::UnavailableError("all database connections are busy; try again");
      }
    }
    slot = free_.back();
    free_.pop_back();
  }
  counted.wait_seconds.Observe(metrics::Seconds(absl::Now() - asked));
  counted.in_use.Increment();
  Lease lease(this, slot);
  soci::session& session = *sessions_[slot];
  if (!IsConnected(session)) {
    try {
      session.reconnect();
    } catch (const std::exception& e) {
      return ConnectionError(e);
    }
  }
  return lease;
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

}  // namespace rinnalla::storage
