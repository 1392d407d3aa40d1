#ifndef RINNALLA_STORAGE_SRC_CLIENT_ROWS_H_
#define RINNALLA_STORAGE_SRC_CLIENT_ROWS_H_

// The stored rows of clients (`clients`, `client_external_refs`), read and written inside the
// caller's transaction. Shared by the Directory and the record systems' import, which writes
// hundreds of clients per statement.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "pipeline.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// The select list of a client over `clients c`, for ReadClient.
extern const std::string kClientColumns;
ClientRecord ReadClient(const soci::row& row);

// The same select as a statement of a pipeline, and its answer read (NOT_FOUND when the
// organization has no such client).
PipelinedStatement SelectClientStatement(const std::string& org_id, const std::string& id);
absl::StatusOr<ClientRecord> ClientOf(const PipelineRows& rows);

// NOT_FOUND when the organization has no such client.
absl::StatusOr<ClientRecord> SelectClient(soci::session& sql, const std::string& org_id,
                                          const std::string& id, bool for_update);
// The clients of `ids` that exist (in no particular order), row-locked when `for_update`.
std::vector<ClientRecord> SelectClients(soci::session& sql, const std::string& org_id,
                                        const std::vector<std::string>& ids, bool for_update);

// Inserts the clients' rows, with the revision each carries; not their external refs. All of
// `clients` belong to `org_id`.
void InsertClients(soci::session& sql, const std::string& org_id,
                   const std::vector<const ClientRecord*>& clients);
// Writes the clients' columns and the revision each carries.
void UpdateClients(soci::session& sql, const std::string& org_id,
                   const std::vector<const ClientRecord*>& clients);

// One stored external ref: which client it names, at which position of its list.
struct ExternalRefRow {
  ExternalRefRecord ref;
  std::string client_id;
  int position = 0;
};
// The rows of those of `refs` that name a client of the organization.
std::vector<ExternalRefRow> SelectExternalRefs(soci::session& sql, const std::string& org_id,
                                               const std::vector<ExternalRefRecord>& refs);
// Inserts refs; one already held makes the statement fail (unique violation: ALREADY_EXISTS).
void InsertExternalRefs(soci::session& sql, const std::string& org_id,
                        const std::vector<ExternalRefRow>& rows);
void DeleteExternalRefs(soci::session& sql, const std::string& org_id,
                        const std::vector<ExternalRefRecord>& refs);
// Replaces the client's refs with `client.external_refs`. A ref held by another client is
// ALREADY_EXISTS (EXTERNAL_REF_IN_USE) naming its index; a concurrent claim waits for the other
// transaction to end.
absl::Status ReplaceExternalRefs(soci::session& sql, const ClientRecord& client);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CLIENT_ROWS_H_
