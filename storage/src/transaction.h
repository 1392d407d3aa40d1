#ifndef RINNALLA_STORAGE_SRC_TRANSACTION_H_
#define RINNALLA_STORAGE_SRC_TRANSACTION_H_

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <optional>
#include <type_traits>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "pipeline.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"

namespace rinnalla::storage {

// kRepeatableRead: every statement sees one snapshot (a read that must be consistent with itself).
enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

// Runs `work` in one transaction on a leased connection: BEGIN, `statement_timeout` from the
// call's deadline (`scope.deadline`; without one, the server's own), `work`, COMMIT. A non-OK
// status from `work` rolls back. Serialization failures and deadlocks are retried a few times, then
// ABORTED. SOCI exceptions never escape. Under a deadline: no connection is waited for, and no
// statement sent, once it has passed; a database that does not answer by then loses the connection
// (DEADLINE_EXCEEDED); and the COMMIT is refused by the database itself when it arrives after the
// deadline, so a write the caller was told had failed never commits later.
absl::Status RunTransaction(Database& db, const CallScope& scope, Isolation isolation,
                            absl::FunctionRef<absl::Status(soci::session&)> work);
// The same on a given pool of the database (the health check's own connection).
absl::Status RunTransactionIn(Database::Pool& pool, const CallScope& scope, Isolation isolation,
                              absl::FunctionRef<absl::Status(soci::session&)> work);

// A read of one client's data whose statement is known before any answer, with its OK access-log
// row by `scope`: BEGIN, its settings, `read`, the row (written only when `client` exists), the
// deadline's check and COMMIT go in one round trip, where RunTransaction takes three. Otherwise
// as RunTransaction (read committed). The rows `read` answered.
absl::StatusOr<PipelineRows> ReadWithAccess(Database& db, const CallScope& scope,
                                            const PipelinedStatement& read,
                                            const ClientRef& client);

// The same for work that returns a value.
template <typename Work>
auto Transact(Database& db, const CallScope& scope, Work&& work,
              Isolation isolation = Isolation::kReadCommitted)
    -> std::invoke_result_t<Work, soci::session&> {
  using Result = std::invoke_result_t<Work, soci::session&>;
  if constexpr (std::is_same_v<Result, absl::Status>) {
    return RunTransaction(db, scope, isolation, work);
  } else {
    std::optional<typename Result::value_type> value;
    absl::Status status =
        RunTransaction(db, scope, isolation, [&](soci::session& sql) -> absl::Status {
          Result result = work(sql);
          if (!result.ok()) return result.status();
          value = *std::move(result);
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return *std::move(value);
  }
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_TRANSACTION_H_
