#ifndef RINNALLA_STORAGE_SRC_IDEMPOTENCY_H_
#define RINNALLA_STORAGE_SRC_IDEMPOTENCY_H_

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Claims a request id inside the caller's transaction. Returns nullopt when the id is new (the
// caller goes on and must StoreResponse before committing), or the first call's response when
// the same request was already made. ALREADY_EXISTS (REQUEST_ID_REUSED) when the id was used for
// another request. A concurrent twin waits on the key's row lock until the first commits.
struct Replay {
  std::string response;
  std::string resource_id;
};
absl::StatusOr<std::optional<Replay>> ClaimRequestId(soci::session& sql, const std::string& org_id,
                                                     const IdempotencyKey& key);
// ClaimRequestId for each of `keys` (distinct request ids), in one round trip when all are new:
// a result for each, in order. The claims are taken in the order of their request ids, so two
// batches sharing ids wait for each other instead of deadlocking.
std::vector<absl::StatusOr<std::optional<Replay>>> ClaimRequestIds(
    soci::session& sql, const std::string& org_id, const std::vector<const IdempotencyKey*>& keys);
// What the ids claimed before hold, by position: ClaimRequestIds' statement for the ids that
// were not new, kept prepared; binds :keys (a JSON array of {n, rid}), :count (its length) and
// :org.
extern const std::string kSelectClaims;

// ALREADY_EXISTS (REQUEST_ID_REUSED): the request id names another request.
absl::Status RequestIdReused();
void StoreResponse(soci::session& sql, const std::string& org_id, const IdempotencyKey& key,
                   const std::string& response, const std::string& resource_id);
// StoreResponse for many claims in one statement.
struct StoredResponse {
  const IdempotencyKey* key;
  std::string response;
  std::string resource_id;
};
void StoreResponses(soci::session& sql, const std::string& org_id,
                    const std::vector<StoredResponse>& responses);
// Gives up a claim whose request failed after claiming, in a transaction that commits other work
// (a batch): a retry of the request is then new again.
void ReleaseRequestId(soci::session& sql, const std::string& org_id, const IdempotencyKey& key);

// Runs an idempotent create in the current transaction: replays, or calls `create` and stores
// the encoded response (and id) of the record it returns.
template <typename Record, typename Create, typename Encode>
absl::StatusOr<CreateOutcome<Record>> CreateOnce(soci::session& sql, const std::string& org_id,
                                                 const std::optional<IdempotencyKey>& key,
                                                 Create&& create, const Encode& encode) {
  if (key) {
    absl::StatusOr<std::optional<Replay>> replay = ClaimRequestId(sql, org_id, *key);
    if (!replay.ok()) return replay.status();
    if (*replay) {
      return CreateOutcome<Record>{std::nullopt, (*replay)->response, (*replay)->resource_id};
    }
  }
  absl::StatusOr<Record> created = create();
  if (!created.ok()) return created.status();
  if (key) StoreResponse(sql, org_id, *key, encode(*created), created->id);
  return CreateOutcome<Record>{*std::move(created), "", ""};
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_IDEMPOTENCY_H_
