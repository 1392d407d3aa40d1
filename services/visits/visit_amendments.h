#ifndef RINNALLA_SERVICES_VISITS_VISIT_AMENDMENTS_H_
#define RINNALLA_SERVICES_VISITS_VISIT_AMENDMENTS_H_

#include "client_access.h"
#include "rinnalla/storage/visits_repository.h"
#include "rinnalla/v1/visits.pb.h"

namespace rinnalla::visits {

// Corrections: the visit's guide amends it (a new revision; every earlier one is kept); staff add
// correction notes beside it but never rewrite the guide's words.
class VisitAmendments {
 public:
  VisitAmendments(storage::VisitsRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Amend(const Call& call, const v1::AmendVisitRequest& request, v1::Visit& out) const;
  absl::Status AddCorrectionNote(const Call& call, const v1::AddVisitCorrectionNoteRequest& request,
                                 v1::VisitCorrectionNote& out) const;

 private:
  storage::VisitsRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISIT_AMENDMENTS_H_
