#ifndef RINNALLA_SERVICES_MATCHING_VALIDATION_H_
#define RINNALLA_SERVICES_MATCHING_VALIDATION_H_

// Pure checks of Matching input; each broken rule names its field.

#include "errors.h"
#include "rinnalla/v1/matching.pb.h"

namespace rinnalla::matching {

inline constexpr int kDefaultSuggestions = 10;
inline constexpr int kMaxSuggestions = 100;

// A new referral of organization `org_id`: a client (by name or external ref), needs, languages,
// municipality, and the optional texts.
void CheckReferral(const v1::Referral& referral, const std::string& org_id, FieldViolations& v);
void CheckEndAssignment(const v1::EndAssignmentRequest& request, FieldViolations& v);

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_VALIDATION_H_
