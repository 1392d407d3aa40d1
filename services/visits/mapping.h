#ifndef RINNALLA_SERVICES_VISITS_MAPPING_H_
#define RINNALLA_SERVICES_VISITS_MAPPING_H_

#include "principal.h"
#include "rinnalla/storage/visit_records.h"
#include "rinnalla/v1/visits.pb.h"

namespace rinnalla::visits {

// The content fields of a validated visit, as stored (start time to the microsecond).
storage::VisitContent ContentOf(const v1::Visit& visit);
// Sets the content fields of `out` (goals as names of `client_id`'s goals).
void SetContent(const storage::VisitContent& content, const std::string& org_id,
                const std::string& client_id, v1::Visit* out);

v1::Visit ToProto(const storage::VisitRecord& visit);
// A revision of the visit named by `org_id`, `client_id` and `visit_id`.
v1::VisitRevision ToProto(const storage::VisitRevisionRecord& revision, const std::string& org_id,
                          const std::string& client_id, const std::string& visit_id);
v1::VisitCorrectionNote ToProto(const storage::VisitCorrectionNoteRecord& note);
v1::VisitTotals ToProto(const storage::VisitTotalsRecord& totals);

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_MAPPING_H_
