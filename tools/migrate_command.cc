#include <iostream>

#include "absl/strings/str_join.h"
#include "commands.h"
#include "rinnalla/storage/migrations.h"

namespace rinnalla::tools {

int RunMigrate(const CommandOptions& options) {
  absl::StatusOr<std::unique_ptr<storage::Database>> db =
      storage::Database::Connect({.connection_string = options.database, .pool_size = 1});
  if (!db.ok()) {
    std::cerr << "rinnalla migrate: " << db.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<int>> applied =
      storage::ApplyMigrations(**db, storage::BundledMigrations());
  if (!applied.ok()) {
    std::cerr << "rinnalla migrate: " << applied.status().message() << "\n";
    return 1;
  }
  if (applied->empty()) {
    std::cout << "schema is current (version " << storage::BundledMigrations().back().version
              << ")\n";
  } else {
    std::cout << "applied migrations " << absl::StrJoin(*applied, ", ") << "\n";
  }
  return 0;
}

}  // namespace rinnalla::tools
