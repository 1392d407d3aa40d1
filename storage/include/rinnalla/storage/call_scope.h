#ifndef RINNALLA_STORAGE_CALL_SCOPE_H_
#define RINNALLA_STORAGE_CALL_SCOPE_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "rinnalla/storage/trace.h"

namespace rinnalla::storage {

// Who is processing client data, in which call. Repositories that read or write client data take
// one and write an access-log row per client touched, in the same transaction as the data; when
// the row cannot be written, the call fails with UNAVAILABLE and returns no data.
struct Accessor {
  std::string org_id;
  std::string actor;  // the caller's `sub`
  std::string role;
  std::string method;  // full RPC method name
  std::string request_id;
};

// One call as storage sees it, built once by the RPC edge and passed to every repository call:
// who is processing client data (the Accessor the access log records), until when (the call's
// deadline bounds its SQL), under which trace (its SQL is named by it), and, for a guide, whose
// guidance bounds what they read. Nothing of it lives in a thread-local.
struct CallScope : Accessor {
  // Every transaction of the call sets `statement_timeout` to the time left; one started after
  // it fails at once with DEADLINE_EXCEEDED. None: unbounded.
  std::optional<absl::Time> deadline;
  // Hex ids (checked by the edge): every transaction sets `application_name` to
  // "rinnalla/<trace_id>/<span_id>". Empty: untraced.
  TraceIds trace;
  // The caller is a guide: every read is held to a client they guide now (HoldGuideToClient),
  // and narrowed to their own periods and to what the client shares.
  bool is_guide = false;
  // A guide's id in their own organization. Empty for staff, and for a guide whose token names
  // no guide of their organization: such a guide is refused everything (PERMISSION_DENIED).
  std::string guide_id;

  // Work of no call (housekeeping, health checks), bounded by `deadline` when given.
  static CallScope Background(std::optional<absl::Time> deadline = std::nullopt) {
    CallScope scope;
    scope.deadline = deadline;
    return scope;
  }
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_CALL_SCOPE_H_
