#ifndef RINNALLA_SERVICES_INTEGRATION_VALIDATION_H_
#define RINNALLA_SERVICES_INTEGRATION_VALIDATION_H_

// Pure checks of Integration input; each broken rule names its field. Nothing here touches data.

#include <google/protobuf/repeated_field.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "errors.h"
#include "rinnalla/v1/directory.pb.h"

namespace rinnalla::integration {

// The fields an import may change on a client it finds (its update_mask's paths). External refs
// are only ever added, so they are not among them.
inline const std::set<std::string> kImportUpdatableFields = {"display_name", "birth_year",
                                                             "municipality", "languages", "state"};

// An imported client: the Directory's client rules, and at least one external ref (the key).
void CheckImportedClient(const v1::Client& client, absl::Time now, FieldViolations& v);

// WatchEvents' kinds: each a kind ("client.updated") or a resource type ("client").
void CheckEventKinds(const google::protobuf::RepeatedPtrField<std::string>& kinds,
                     FieldViolations& v);
// Whether an event of `kind` passes the filter `kinds` (empty: every kind).
bool KindSelected(const std::vector<std::string>& kinds, absl::string_view kind);

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_VALIDATION_H_
