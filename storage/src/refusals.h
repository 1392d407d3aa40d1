#ifndef RINNALLA_STORAGE_SRC_REFUSALS_H_
#define RINNALLA_STORAGE_SRC_REFUSALS_H_

// What repositories share in refusing and naming: a rule of the domain that the resource's state
// does not meet, a change based on a stale read, and the resource names events carry.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rinnalla/storage/resource_names.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/status_facts.h"

namespace rinnalla::storage {

// FAILED_PRECONDITION with a machine-readable reason, e.g. GUIDE_AT_CAPACITY.
inline absl::Status Refusal(absl::string_view reason, absl::string_view message) {
  return WithReason(absl::FailedPreconditionError(message), reason);
}

// The same with the facts an app needs to word it (codes and numbers, no personal data).
inline absl::Status Refusal(absl::string_view reason, absl::string_view message,
                            const StatusFacts& facts) {
  return WithFacts(Refusal(reason, message), facts);
}

// ABORTED (STALE_ETAG) when the caller read another revision than the stored one (no expected
// revision: no check).
inline absl::Status CheckRevision(int64_t stored, std::optional<int64_t> expected) {
  if (expected && *expected != stored) {
    return WithReason(absl::AbortedError("the resource was changed by someone else (stale etag); "
                                         "read it again and retry"),
                      "STALE_ETAG");
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_REFUSALS_H_
