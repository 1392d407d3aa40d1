#ifndef RINNALLA_SERVICES_VISITS_VISIT_FIGURES_H_
#define RINNALLA_SERVICES_VISITS_VISIT_FIGURES_H_

#include "client_access.h"
#include "rinnalla/storage/visits_repository.h"
#include "rinnalla/v1/visits.pb.h"

namespace rinnalla::visits {

// The figures a coordinator reports for the pilot: visits, hours and accompanied visits by place
// for a period, in total, per guide and per client. Staff only.
class VisitFigures {
 public:
  VisitFigures(storage::VisitsRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Summarize(const Call& call, const v1::SummarizeVisitsRequest& request,
                         v1::SummarizeVisitsResponse& out) const;

 private:
  storage::VisitsRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISIT_FIGURES_H_
