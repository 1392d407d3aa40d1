#ifndef RINNALLA_STORAGE_MIGRATIONS_H_
#define RINNALLA_STORAGE_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/database.h"

namespace rinnalla::storage {

// One forward-only schema change, from storage/migrations/V####__name.sql.
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// The migrations built into this binary, in version order.
const std::vector<Migration>& BundledMigrations();

// SHA-256 of a migration's SQL, hex; recorded when applied so an edited file is noticed.
std::string MigrationChecksum(const Migration& migration);

struct SchemaState {
  int applied_version = 0;        // highest applied version, 0 for an empty database
  int latest_version = 0;         // highest version this binary knows
  std::vector<int> pending;       // known but not yet applied, in order
};

// Applies every pending migration in order, each in its own transaction, all under a PostgreSQL
// advisory lock, so servers and `rinnalla migrate` started together are safe. Returns the
// versions applied now (empty when the schema was already current).
// FAILED_PRECONDITION when an applied migration's checksum differs from the file's (the file was
// edited after it landed) or the database has a version this binary does not know.
absl::StatusOr<std::vector<int>> ApplyMigrations(Database& db,
                                                 const std::vector<Migration>& migrations);

// Reads the schema's state without changing it; the same checksum and version checks.
absl::StatusOr<SchemaState> CheckSchema(Database& db, const std::vector<Migration>& migrations);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_MIGRATIONS_H_
