#ifndef RINNALLA_SERVICES_COMMON_CLIENT_ACCESS_H_
#define RINNALLA_SERVICES_COMMON_CLIENT_ACCESS_H_

// The access log from the RPC side. Accesses that touch data are logged by the repositories in
// the same transaction; this records the ones that touch none: refusals (DENIED) and failures
// (ERROR), so a client's log shows every attempt.

#include "policy.h"
#include "resource_names.h"
#include "rinnalla/storage/access_log.h"
#include "rpc.h"

namespace rinnalla {

storage::Accessor AccessorOf(const Call& call);

class ClientAccess {
 public:
  ClientAccess(const AccessPolicy& policy, storage::AccessLogRepository& log)
      : policy_(policy), log_(log) {}

  // Authorizes `action` on `client`'s data; a refusal is logged DENIED. `subject` is the resource
  // the policy judges (default: the client's name).
  absl::Status Authorize(const Call& call, Action action, const ResourceName& client,
                         absl::string_view subject = {}) const;
  // Passes the result of the work done after Authorize through; a refusal is logged DENIED for
  // `client`, any other failure ERROR.
  absl::Status Finish(const Call& call, const ResourceName& client, absl::Status result) const;

  const AccessPolicy& policy() const { return policy_; }

 private:
  const AccessPolicy& policy_;
  storage::AccessLogRepository& log_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_CLIENT_ACCESS_H_
