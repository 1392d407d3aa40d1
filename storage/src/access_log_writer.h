#ifndef RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_
#define RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_

#include <soci/soci.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "pipeline.h"
#include "rinnalla/storage/access_log.h"

namespace rinnalla::storage {

// Access-log rows are written with the transaction's COMMIT, in the same round trip (see
// RunTransaction), on a pooled connection; on another, at once. When they cannot be written the
// transaction rolls back and answers UNAVAILABLE ACCESS_LOG_UNAVAILABLE: no data leaves without
// its log row.

// Appends one access-log row, filed under the client's organization, to the caller's
// transaction.
absl::Status AppendAccess(soci::session& sql, const Accessor& accessor, const ClientRef& client,
                          AccessOutcome outcome);

// An OK access to each of many clients of `org_id` in one statement (an import, a pilot's
// figures).
absl::Status AppendAccessForEach(soci::session& sql, const Accessor& accessor,
                                 const std::string& org_id,
                                 const std::vector<std::string>& client_ids);

// OK accesses of many calls and clients in one statement (visits of many calls written
// together): a row for each.
struct AccessRow {
  const Accessor* accessor;
  ClientRef client;
};
absl::Status AppendAccesses(soci::session& sql, const std::vector<AccessRow>& rows);

// Writes the rows appended so far now, in the transaction: for a read that must see its own row.
absl::Status WritePendingAccess(soci::session& sql);

// For the COMMIT: the statement that writes the rows appended so far (none: nullopt), which are
// then no longer pending.
std::optional<PipelinedStatement> TakePendingAccess(soci::session& sql);
// For a read sent in one pipeline with its log row (ReadWithAccess): the statement that writes
// an OK access by `accessor` to `client`, only when the client exists.
PipelinedStatement AccessToExistingClient(const Accessor& accessor, const ClientRef& client);
// Forgets the rows appended so far: the transaction rolled back.
void DiscardPendingAccess(soci::session& sql);
// The answer when the rows cannot be written; logs and counts the failure.
absl::Status AccessLogUnavailable();

// The common case: an OK access by `accessor` to a client of the accessor's organization.
inline absl::Status LogClient(soci::session& sql, const Accessor& accessor,
                              const std::string& client_id) {
  return AppendAccess(sql, accessor, ClientRef{accessor.org_id, client_id}, AccessOutcome::kOk);
}

// One OK row per distinct client of a page of records that carry a `client_id`.
template <typename Record>
absl::Status LogClients(soci::session& sql, const Accessor& accessor,
                        const std::vector<Record>& items) {
  std::set<std::string> clients;
  for (const Record& item : items) clients.insert(item.client_id);
  return AppendAccessForEach(sql, accessor, accessor.org_id, {clients.begin(), clients.end()});
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_
