#ifndef RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_
#define RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_

#include <soci/soci.h>

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

// An OK access to a client of the accessor's own organization.
absl::Status AppendClientAccess(soci::session& sql, const Accessor& accessor,
                                const std::string& client_id);

// The same, OK, for each of many clients of `org_id` in one statement (a pilot's figures touch
// every client they count).
absl::Status AppendAccessForEach(soci::session& sql, const Accessor& accessor,
                                 const std::string& org_id,
                                 const std::vector<std::string>& client_ids);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_ACCESS_LOG_WRITER_H_
