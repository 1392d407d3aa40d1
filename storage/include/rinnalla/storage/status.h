#ifndef RINNALLA_STORAGE_STATUS_H_
#define RINNALLA_STORAGE_STATUS_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace rinnalla {

// A machine-readable reason (UPPER_SNAKE, e.g. GUIDE_AT_CAPACITY) carried on an absl::Status as a
// payload, so every layer can attach one without knowing about protos. The RPC edge turns it into
// a google.rpc.ErrorInfo.
absl::Status WithReason(absl::Status status, absl::string_view reason);
std::optional<std::string> ReasonOf(const absl::Status& status);

// The status every caller sees for a refused action (reason NOT_PERMITTED), whether the policy
// refused it or storage did inside the transaction; the same whether or not the resource exists
// (AIP-211).
absl::Status PermissionDenied();

}  // namespace rinnalla

#define RINNALLA_STATUS_CONCAT_INNER(a, b) a##b
#define RINNALLA_STATUS_CONCAT(a, b) RINNALLA_STATUS_CONCAT_INNER(a, b)

// Abseil 20220623 has no status macros; these are the two the code base uses.
#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    if (absl::Status _st = (expr); !_st.ok()) {  \
      return _st;                                \
    }                                            \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(RINNALLA_STATUS_CONCAT(_status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = *std::move(tmp)

#endif  // RINNALLA_STORAGE_STATUS_H_
