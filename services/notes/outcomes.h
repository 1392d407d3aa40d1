#ifndef RINNALLA_SERVICES_NOTES_OUTCOMES_H_
#define RINNALLA_SERVICES_NOTES_OUTCOMES_H_

// Whether the guidance helped: goal attainment of one guidance, and a pilot's figures. The
// T-scores are computed here (gas.h) from the ratings storage reads; the counts come from SQL.

#include <string>

#include "rinnalla/storage/notes_records.h"
#include "rinnalla/v1/notes.pb.h"

namespace rinnalla::notes {

// Each goal's latest score, each rater's latest, the history, and the T-scores: overall (each
// goal's latest score, whoever gave it) and per rater, the client's own first.
v1::GoalAttainment AttainmentOf(const std::string& org_id, const std::string& client_id,
                                const storage::GoalAttainmentRecord& record);

v1::OutcomeSummary SummaryOf(const storage::OutcomeFigures& figures,
                             const storage::OutcomeQuery& query);

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_OUTCOMES_H_
