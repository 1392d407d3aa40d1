#ifndef RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_
#define RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_

#include <soci/soci.h>

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "rinnalla/storage/access_log.h"

namespace rinnalla::storage {

// Appends one access-log row, filed under the client's organization, inside the caller's
// transaction. UNAVAILABLE (and the transaction must roll back) when the row cannot be written:
// no data leaves without its log row.
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
