#ifndef RINNALLA_SERVICES_MEETINGS_GUIDE_SCOPE_H_
#define RINNALLA_SERVICES_MEETINGS_GUIDE_SCOPE_H_

// A guide reads the meetings, goals and consents of their own guidance only: what lies outside
// it is hidden, and asking for it is refused like anything else not theirs (AIP-211).

#include "absl/status/status.h"
#include "rinnalla/storage/meeting_records.h"
#include "rpc.h"

namespace rinnalla::meetings {

storage::GuideScope ScopeOf(const Call& call);

// For a guide, a resource outside their scope (NOT_FOUND) is PERMISSION_DENIED.
absl::Status Unhidden(const Call& call, absl::Status status);

}  // namespace rinnalla::meetings

#endif  // RINNALLA_SERVICES_MEETINGS_GUIDE_SCOPE_H_
