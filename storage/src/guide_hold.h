#ifndef RINNALLA_STORAGE_SRC_GUIDE_HOLD_H_
#define RINNALLA_STORAGE_SRC_GUIDE_HOLD_H_

// Every read a guide makes is held to a client they guide now, inside the reading transaction,
// so access ends the moment the assignment ends.

#include <soci/soci.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rinnalla/storage/call_scope.h"

namespace rinnalla::storage {

// Holds a guide to their ACTIVE or PAUSED assignment with the client: the assignment is read FOR
// SHARE in the caller's transaction, so an ending that committed before it is seen (the
// assignment is no longer open), and one not yet committed waits until the caller's transaction
// ends. PERMISSION_DENIED (NOT_PERMITTED) when the guide has no open assignment with the client,
// and for a guide whose token names no guide of their organization. OK for staff.
absl::Status HoldGuideToClient(soci::session& sql, const CallScope& scope,
                               const std::string& client_id);

// A guide's scope held without a client (their own visits across clients): PERMISSION_DENIED
// for a guide whose token names no guide of their organization. OK otherwise.
absl::Status CheckGuideNamed(const CallScope& scope);

// What lies outside a guide's guidance reads as missing (NOT_FOUND) in storage; to the guide it is
// refused like anything else not theirs, whether or not it exists (AIP-211): NOT_FOUND becomes
// PERMISSION_DENIED. Staff see NOT_FOUND as it is. The one place this rule is decided.
absl::Status Unhidden(const CallScope& scope, absl::Status status);
template <typename T>
absl::StatusOr<T> Unhidden(const CallScope& scope, absl::StatusOr<T> result) {
  if (result.ok()) return result;
  return Unhidden(scope, result.status());
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_GUIDE_HOLD_H_
