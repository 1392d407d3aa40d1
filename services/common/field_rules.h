#ifndef RINNALLA_SERVICES_COMMON_FIELD_RULES_H_
#define RINNALLA_SERVICES_COMMON_FIELD_RULES_H_

// Field rules shared by every service's validation. Each adds a violation naming `field` (an AIP
// field path such as "guide.languages[2]") when the value breaks the rule.

#include <google/protobuf/repeated_field.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "errors.h"

namespace rinnalla {

// Required text: non-empty after trimming, at most `max_chars` characters, no control characters.
void CheckRequiredText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldViolations& v);
// The rule a text breaks, as "must be at most 200 characters" or "must not contain control
// characters", or "" when it keeps both; for a value inside another field (a filter's term).
std::string TextProblem(absl::string_view value, size_t max_chars);
// Optional text: the same rules when not empty.
void CheckOptionalText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldViolations& v);
// Free prose (summaries, notes): like optional text, but line breaks and tabs are allowed.
void CheckOptionalProse(absl::string_view value, size_t max_chars, const std::string& field,
                        FieldViolations& v);
// BCP-47 language tags ("fi", "sv", "en-GB"); at least one when `required`; no repeats.
void CheckLanguages(const google::protobuf::RepeatedPtrField<std::string>& languages,
                    bool required, const std::string& field, FieldViolations& v);
// Statistics Finland municipality codes: three digits.
bool IsMunicipalityCode(absl::string_view code);
void CheckMunicipalities(const google::protobuf::RepeatedPtrField<std::string>& codes,
                         const std::string& field, FieldViolations& v);

// How far ahead of the server's clock a time that has happened may be (phones' clocks drift).
inline constexpr absl::Duration kClockSkew = absl::Minutes(5);
// A time that has happened (a meeting held, a visit made): a valid Timestamp, not after `now` +
// kClockSkew.
void CheckHappened(const google::protobuf::Timestamp& time, absl::Time now,
                   const std::string& field, FieldViolations& v);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_FIELD_RULES_H_
