#ifndef RINNALLA_SERVICES_INTEGRATION_FHIR_CARE_PLAN_H_
#define RINNALLA_SERVICES_INTEGRATION_FHIR_CARE_PLAN_H_

// A client's guidance as an HL7 FHIR R4 Bundle (JSON): a CarePlan per assignment with its care
// team, a Goal per goal and an Encounter per visit. The client appears only as a reference by a
// record system's identifier, never by name. The mapping is documented in docs/fhir.md. Pure.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "rinnalla/storage/integration_repository.h"

namespace rinnalla::integration {

// The Identifier.system URI of each record system's client ids, by the system's name in
// external refs. A system not listed gets kDefaultIdentifierSystemBase + its name.
inline constexpr absl::string_view kDefaultIdentifierSystemBase =
    "https://rinnalla.fi/fhir/NamingSystem/external-ref/";
using IdentifierSystems = std::map<std::string, std::string>;

// Reads `apotti=urn:oid:1.2.3,lifecare=https://example.fi/ids` (empty: none); INVALID_ARGUMENT
// for a malformed entry, a system named twice or a value that is not an absolute URI.
absl::StatusOr<IdentifierSystems> ParseIdentifierSystems(absl::string_view text);

// The client as FHIR names them: one of their external refs.
struct FhirSubject {
  std::string system;  // a URI
  std::string value;
};

// The client's ref in record system `system` (empty: their first ref). FAILED_PRECONDITION
// NO_EXTERNAL_REF when there is none.
absl::StatusOr<FhirSubject> SubjectOf(const storage::ClientRecord& client, absl::string_view system,
                                      const IdentifierSystems& systems);

std::string CarePlanBundle(const storage::CarePlanSource& source, const FhirSubject& subject,
                           const std::string& bundle_id, absl::Time now);

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_FHIR_CARE_PLAN_H_
