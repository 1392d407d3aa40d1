#include "care_plan_export.h"

#include "directory/validation.h"
#include "requests.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::integration {

absl::Status CarePlanExport::Export(const Call& call, const v1::ExportCarePlanRequest& request,
                                    v1::ExportCarePlanResponse& out) const {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.client(), "clients", "client"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kExportCarePlan, client));
  if (!request.identifier_system().empty() &&
      !directory::IsRecordSystemName(request.identifier_system())) {
    FieldViolations v;
    v.Add("identifier_system", "must be a record system's name as in external refs, e.g. apotti");
    return v.ToStatus();
  }
  absl::StatusOr<storage::CarePlanSource> source = repository_.ReadCarePlan(call.scope, client.id);
  RETURN_IF_ERROR(access_.Finish(call, client, source.status()));
  ASSIGN_OR_RETURN(FhirSubject subject,
                   SubjectOf(source->client, request.identifier_system(), systems_));
  out.set_content_type("application/fhir+json");
  out.set_bundle(CarePlanBundle(*source, subject, NewUuid(), absl::Now()));
  return absl::OkStatus();
}

}  // namespace rinnalla::integration
