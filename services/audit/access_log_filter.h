#ifndef RINNALLA_SERVICES_AUDIT_ACCESS_LOG_FILTER_H_
#define RINNALLA_SERVICES_AUDIT_ACCESS_LOG_FILTER_H_

// ListAccessLog's AIP-160 filter: `time >= "RFC 3339"` and `time < "..."` (`>` and `<=` too),
// `actor = "users/x"` and `outcome = DENIED`, joined with AND.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rinnalla/storage/access_log.h"

namespace rinnalla::audit {

// The most characters an actor may have in a filter (a token's `sub`, or a guide's name).
inline constexpr size_t kMaxActor = 512;

// The entries `text` asks for. INVALID_ARGUMENT naming `filter` for anything it cannot read: an
// unknown field or operator, a time that is not RFC 3339, an actor longer than kMaxActor or with
// a control character, an outcome other than OK, DENIED or ERROR.
absl::StatusOr<storage::AccessLogFilter> ReadAccessLogFilter(absl::string_view text);

}  // namespace rinnalla::audit

#endif  // RINNALLA_SERVICES_AUDIT_ACCESS_LOG_FILTER_H_
