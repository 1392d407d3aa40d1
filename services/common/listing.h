#ifndef RINNALLA_SERVICES_COMMON_LISTING_H_
#define RINNALLA_SERVICES_COMMON_LISTING_H_

// AIP-158 pagination and a small AIP-160 filter subset for List methods.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/records.h"

namespace rinnalla {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// The page request for `page_size` and `page_token` of a list query. `query` identifies what is
// listed (parent and filter): a token from another query is INVALID_ARGUMENT. Tokens are opaque,
// carry only a position and grant no access.
absl::StatusOr<storage::PageRequest> ReadPageRequest(int page_size, absl::string_view page_token,
                                                     absl::string_view query);
// The token for the page after `next` (empty when there is none).
std::string NextPageToken(const std::optional<storage::PageCursor>& next, absl::string_view query);

// Parses `field = value [AND field = value ...]`; values are bare words or "quoted strings".
// Only fields in `allowed` may appear, each once. Errors name the `filter` field.
absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::set<std::string>& allowed);

// A term of a filter with comparisons: `start_time >= "2024-05-01T00:00:00Z"`, or AIP-160's
// "has" operator: `display_name:"virta"`.
struct FilterTerm {
  std::string field;
  std::string op;  // =, <, <=, >, >=, :
  std::string value;
};
// Like ParseFilter, with the operators each field allows (`allowed`: field -> operators); a
// field may appear once per operator.
absl::StatusOr<std::vector<FilterTerm>> ParseFilterTerms(
    absl::string_view filter, const std::map<std::string, std::set<std::string>>& allowed);

// A time term (`field >= "2024-05-01T00:00:00+03:00"`, or >, <, <=) narrows the half-open range
// [from, until) of whole microseconds it bounds. A value that is no RFC 3339 time is
// INVALID_ARGUMENT naming `filter`.
absl::Status ApplyTimeTerm(const FilterTerm& term, std::optional<absl::Time>& from,
                           std::optional<absl::Time>& until);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_LISTING_H_
