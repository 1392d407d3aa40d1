#ifndef RINNALLA_STORAGE_SRC_OUTCOME_QUERIES_H_
#define RINNALLA_STORAGE_SRC_OUTCOME_QUERIES_H_

// A pilot's figures over a period, counted in SQL: assignments started and ended (by reason),
// the median length of guidance, clients guided, visits and their hours, goals closed by final
// state, and the latest scores of the goals of each assignment that closed (for T-scores).

#include <soci/soci.h>

#include <string>
#include <vector>

#include "rinnalla/storage/notes_records.h"

namespace rinnalla::storage {

OutcomeFigures SelectOutcomeFigures(soci::session& sql, const std::string& org_id,
                                    const OutcomeQuery& query);

// The clients whose data the figures counted, for the access log.
std::vector<std::string> SelectOutcomeClients(soci::session& sql, const std::string& org_id,
                                              const OutcomeQuery& query);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_OUTCOME_QUERIES_H_
