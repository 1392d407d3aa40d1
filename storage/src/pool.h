#ifndef RINNALLA_STORAGE_SRC_POOL_H_
#define RINNALLA_STORAGE_SRC_POOL_H_

// Internal to storage: SOCI appears only below storage/src.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include <soci/soci.h>

#include "rinnalla/storage/database.h"

namespace rinnalla::storage {

class Database::Pool {
 public:
  // A leased connection; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(Pool* pool, size_t slot) : pool_(pool), slot_(slot) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& session();

   private:
    Pool* pool_;
    size_t slot_;
  };

  static absl::StatusOr<std::unique_ptr<Pool>> Open(const DatabaseOptions& options);

  // Waits up to the lease timeout for a free connection (UNAVAILABLE after), and reconnects it
  // first if its link to the server is broken (UNAVAILABLE when that fails).
  absl::StatusOr<Lease> Acquire();
  int size() const { return static_cast<int>(sessions_.size()); }

 private:
  explicit Pool(DatabaseOptions options) : options_(std::move(options)) {}
  void Release(size_t slot);

  DatabaseOptions options_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<size_t> free_;
};

// Whether the libpq connection under `session` is still usable.
bool IsConnected(soci::session& session);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_POOL_H_
