#ifndef RINNALLA_SERVICES_INTEGRATION_CARE_PLAN_EXPORT_H_
#define RINNALLA_SERVICES_INTEGRATION_CARE_PLAN_EXPORT_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "fhir_care_plan.h"
#include "rinnalla/storage/integration_repository.h"
#include "rinnalla/v1/integration.pb.h"
#include "rpc.h"

namespace rinnalla::integration {

// ExportCarePlan: one client's guidance as an HL7 FHIR R4 Bundle, read in one transaction with
// its access-log row.
class CarePlanExport {
 public:
  CarePlanExport(storage::IntegrationRepository& repository, const ClientAccess& access,
                 IdentifierSystems identifier_systems)
      : repository_(repository), access_(access), systems_(std::move(identifier_systems)) {}

  // INVALID_ARGUMENT for a bad name or identifier_system; PERMISSION_DENIED (logged DENIED);
  // NOT_FOUND; FAILED_PRECONDITION NO_EXTERNAL_REF when the client has no ref to be named by.
  absl::Status Export(const Call& call, const v1::ExportCarePlanRequest& request,
                      v1::ExportCarePlanResponse& out) const;

 private:
  storage::IntegrationRepository& repository_;
  const ClientAccess& access_;
  const IdentifierSystems systems_;
};

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_CARE_PLAN_EXPORT_H_
