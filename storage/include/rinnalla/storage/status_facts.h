#ifndef RINNALLA_STORAGE_STATUS_FACTS_H_
#define RINNALLA_STORAGE_STATUS_FACTS_H_

// The facts of a refusal (e.g. GUIDE_AT_CAPACITY: the cap and the places taken), carried on an
// absl::Status as a payload beside its reason; the RPC edge writes them into the ErrorInfo's
// metadata, so an app can word the refusal in the user's language. Codes, numbers and resource
// names only: never personal data.

#include <map>
#include <string>

#include "absl/status/status.h"

namespace rinnalla {

using StatusFacts = std::map<std::string, std::string>;

// Adds `facts` to the status's (a later fact of the same key wins). Keys are lower_snake.
absl::Status WithFacts(absl::Status status, const StatusFacts& facts);
StatusFacts FactsOf(const absl::Status& status);

}  // namespace rinnalla

#endif  // RINNALLA_STORAGE_STATUS_FACTS_H_
