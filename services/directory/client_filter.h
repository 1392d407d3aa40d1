#ifndef RINNALLA_SERVICES_DIRECTORY_CLIENT_FILTER_H_
#define RINNALLA_SERVICES_DIRECTORY_CLIENT_FILTER_H_

// ListClients' AIP-160 filter: `state = ACTIVE`, `municipality = "398"`, `language = fi`,
// `external_ref = "apotti/12345"` and the name, `display_name:"virta matti"` (the "has"
// operator: every word must occur in the name, case aside), joined with AND.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rinnalla/storage/directory_repository.h"

namespace rinnalla::directory {

// The most words a name term may have.
inline constexpr size_t kMaxNameWords = 10;

// The filter `text` asks for. INVALID_ARGUMENT naming `filter` for anything it cannot read: an
// unknown field or operator, a bad code, a name term without a word, longer than a name may be,
// with more than kMaxNameWords words or with a control character.
absl::StatusOr<storage::ClientFilter> ReadClientFilter(absl::string_view text);

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_CLIENT_FILTER_H_
