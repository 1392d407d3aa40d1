#ifndef RINNALLA_SERVICES_DIRECTORY_VALIDATION_H_
#define RINNALLA_SERVICES_DIRECTORY_VALIDATION_H_

// Pure checks of Directory input; each broken rule names its field. Nothing here touches data.

#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "errors.h"
#include "rinnalla/v1/directory.pb.h"

namespace rinnalla::directory {

inline const std::set<std::string> kGuideFields = {
    "display_name", "experience_areas", "languages", "municipalities", "max_active_clients",
    "state"};
inline const std::set<std::string> kClientFields = {
    "display_name", "external_refs", "birth_year", "municipality", "languages", "state"};

// A guide's or a client's display name: at most this many characters.
inline constexpr size_t kMaxDisplayName = 200;
// A client's refs in record systems: at most this many.
inline constexpr int kMaxExternalRefs = 20;
// A record system's name in an external ref ("apotti"): 1-64 lower-case letters, digits, '.',
// '-' or '_', starting with a letter or digit.
bool IsRecordSystemName(absl::string_view system);

// Checks the fields of `guide` named in `fields`. `creating` allows an unset state (defaulted).
void CheckGuide(const v1::Guide& guide, const std::set<std::string>& fields, bool creating,
                FieldViolations& v);
// The same for a client; `now` bounds the birth year.
void CheckClient(const v1::Client& client, const std::set<std::string>& fields, bool creating,
                 absl::Time now, FieldViolations& v);

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_VALIDATION_H_
