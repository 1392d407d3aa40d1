#ifndef RINNALLA_STORAGE_SRC_CONSENT_ROWS_H_
#define RINNALLA_STORAGE_SRC_CONSENT_ROWS_H_

// Recording the client's information-sharing consent inside a caller's transaction: set on its
// own, or given at a meeting.

#include <soci/soci.h>

#include <string>

#include "rinnalla/storage/meeting_records.h"

namespace rinnalla::storage {

// Inserts `consent` (its id made by the database) and writes its event; returns the id.
std::string InsertConsent(soci::session& sql, const ConsentRecord& consent,
                          const std::string& recorded_role);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CONSENT_ROWS_H_
