#include "absl/strings/string_view.h"
#include "rinnalla/storage/migrations.h"

#include <libpq-fe.h>
#include <openssl/evp.h>
#include <soci/postgresql/soci-postgresql.h>

#include <map>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "pool.h"

namespace rinnalla::storage {
namespace {

// Arbitrary but fixed: every Rinnalla process that migrates takes this advisory lock.
constexpr const char* kLockKey = "7468501239";

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Runs SQL (possibly several statements) on a raw libpq connection.
absl::StatusOr<Result> Exec(PGconn* conn, const std::string& sql,
                            const std::vector<std::string>& params = {}) {
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  Result result(params.empty() ? PQexec(conn, sql.c_str())
                               : PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()),
                                              nullptr, values.data(), nullptr, nullptr, 0),
                &PQclear);
  ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  if (PQstatus(conn) != CONNECTION_OK) return absl::UnavailableError("the database is not reachable");
  const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
  // Migrations are our own SQL on no client data: the server's message helps the operator.
  return absl::InternalError(absl::StrCat("migration SQL failed (SQLSTATE ", state ? state : "?",
                                          "): ", PQresultErrorMessage(result.get())));
}

struct Applied {
  std::string name;
  std::string checksum;
};

absl::StatusOr<std::map<int, Applied>> ReadApplied(PGconn* conn) {
  absl::StatusOr<Result> exists = Exec(conn, "SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists.ok()) return exists.status();
  std::map<int, Applied> applied;
  if (std::string(PQgetvalue(exists->get(), 0, 0)) != "t") return applied;
  absl::StatusOr<Result> rows = Exec(conn, "SELECT version, name, checksum FROM schema_migrations");
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < PQntuples(rows->get()); ++i) {
    applied[std::stoi(PQgetvalue(rows->get(), i, 0))] = {PQgetvalue(rows->get(), i, 1),
                                                          PQgetvalue(rows->get(), i, 2)};
  }
  return applied;
}

absl::StatusOr<SchemaState> Compare(const std::map<int, Applied>& applied,
                                    const std::vector<Migration>& migrations) {
  SchemaState state;
  std::map<int, const Migration*> known;
  for (const Migration& m : migrations) {
    known[m.version] = &m;
    state.latest_version = std::max(state.latest_version, m.version);
  }
  for (const auto& [version, row] : applied) {
    auto it = known.find(version);
    if (it == known.end()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the database has migration ", version, " (", row.name,
          ") that this binary does not know; run a newer Rinnalla"));
    }
    if (row.checksum != MigrationChecksum(*it->second)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "migration V", version, "__", row.name,
          " was edited after it was applied (checksum differs); add a new migration instead"));
    }
    state.applied_version = std::max(state.applied_version, version);
  }
  for (const auto& [version, migration] : known) {
    if (!applied.contains(version)) state.pending.push_back(version);
  }
  return state;
}

// One migration and its record in one transaction; rolled back whole on any error.
absl::Status ApplyOne(PGconn* conn, const Migration& m) {
  if (auto begun = Exec(conn, "BEGIN"); !begun.ok()) return begun.status();
  absl::StatusOr<Result> changed = Exec(conn, m.sql);
  if (changed.ok()) {
    changed = Exec(conn,
                   "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                   {std::to_string(m.version), m.name, MigrationChecksum(m)});
  }
  if (changed.ok()) changed = Exec(conn, "COMMIT");
  if (!changed.ok()) {
    (void)Exec(conn, "ROLLBACK");
    return changed.status();
  }
  return absl::OkStatus();
}

}  // namespace

std::string MigrationChecksum(const Migration& migration) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(migration.sql.data(), migration.sql.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
}

absl::StatusOr<SchemaState> CheckSchema(Database& db, const std::vector<Migration>& migrations) {
  absl::StatusOr<Database::Pool::Lease> lease = db.pool().Acquire();
  if (!lease.ok()) return lease.status();
  absl::StatusOr<std::map<int, Applied>> applied = ReadApplied(ConnectionOf(lease->session()));
  if (!applied.ok()) return applied.status();
  return Compare(*applied, migrations);
}

absl::StatusOr<std::vector<int>> ApplyMigrations(Database& db,
                                                 const std::vector<Migration>& migrations) {
  absl::StatusOr<Database::Pool::Lease> lease = db.pool().Acquire();
  if (!lease.ok()) return lease.status();
  PGconn* conn = ConnectionOf(lease->session());
  if (auto locked = Exec(conn, absl::StrCat("SELECT pg_advisory_lock(", kLockKey, ")"));
      !locked.ok()) {
    return locked.status();
  }
  auto run = [&]() -> absl::StatusOr<std::vector<int>> {
    // "already exists, skipping" notices are noise for an operator.
    if (auto quiet = Exec(conn, "SET client_min_messages = warning"); !quiet.ok()) {
      return quiet.status();
    }
    if (auto created = Exec(conn,
                            "CREATE TABLE IF NOT EXISTS schema_migrations ("
                            " version integer PRIMARY KEY, name text NOT NULL,"
                            " checksum text NOT NULL,"
                            " applied_time timestamptz NOT NULL DEFAULT now())");
        !created.ok()) {
      return created.status();
    }
    absl::StatusOr<std::map<int, Applied>> applied = ReadApplied(conn);
    if (!applied.ok()) return applied.status();
    absl::StatusOr<SchemaState> state = Compare(*applied, migrations);
    if (!state.ok()) return state.status();
    std::vector<int> done;
    for (int version : state->pending) {
      const Migration& m = *std::find_if(migrations.begin(), migrations.end(),
                                         [&](const Migration& x) { return x.version == version; });
      if (absl::Status applied_one = ApplyOne(conn, m); !applied_one.ok()) return applied_one;
      done.push_back(version);
    }
    return done;
  };
  absl::StatusOr<std::vector<int>> result = run();
  (void)Exec(conn, absl::StrCat("SELECT pg_advisory_unlock(", kLockKey, ")"));
  return result;
}

}  // namespace rinnalla::storage
