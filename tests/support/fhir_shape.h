#ifndef RINNALLA_TESTS_SUPPORT_FHIR_SHAPE_H_
#define RINNALLA_TESTS_SUPPORT_FHIR_SHAPE_H_

// Checks a bundle against the HL7 FHIR R4 JSON rules that a receiving record system depends on:
// resource types and required elements, value sets of the codes used, reference formats (bundle
// entries by urn:uuid, contained resources by #id, the client by identifier only), primitive
// formats (id, instant, dateTime, date, uri), extensions, and no empty or null elements.

#include <string>
#include <vector>

namespace rinnalla::testing {

// Every rule the JSON text breaks, each as "path: what is wrong"; empty when it conforms.
std::vector<std::string> FhirBundleProblems(const std::string& json);

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_FHIR_SHAPE_H_
