#ifndef RINNALLA_SERVICES_COMMON_CLIENT_ACCESS_H_
#define RINNALLA_SERVICES_COMMON_CLIENT_ACCESS_H_

// The access log from the RPC side. Accesses that touch data are logged by the repositories in
// the same transaction; this records the ones that touch none: refusals (DENIED) and failures
// (ERROR), so a client's log shows every attempt.
//
// Every RPC authorizes before it validates the rest of its request: it reads only the names
// needed to decide (the parent, the resource's name, a client named in the body or filter),
// authorizes through one of the methods below, and only then checks the body. A refused caller
// learns nothing of the request's validity or of what exists, and every refusal of anything that
// belongs to a client is a DENIED row under that client.

#include <optional>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "policy.h"
#include "resource_names.h"
#include "rinnalla/storage/access_log.h"
#include "rpc.h"

namespace rinnalla {

class ClientAccess {
 public:
  ClientAccess(const AccessPolicy& policy, storage::AccessLogRepository& log)
      : policy_(policy), log_(log) {}

  // Authorizes `action` on `client`'s data; a refusal is logged DENIED. `subject` is the resource
  // the policy judges (default: the client's name).
  absl::Status Authorize(const Call& call, Action action, const ResourceName& client,
                         absl::string_view subject = {}) const;
  // Authorizes `action` in organization `org_id` (a collection, or a new resource), where the
  // request may name a client in its body or filter: a refusal is logged DENIED under `client`
  // when there is one.
  absl::Status AuthorizeIn(const Call& call, Action action, absl::string_view org_id,
                           const std::optional<ResourceName>& client,
                           absl::string_view subject = {}) const;
  // Authorizes `action` in organization `org_id` on a resource whose name does not say whose it
  // is (a referral, an assignment). On a refusal, and only when `org_id` is the caller's own
  // organization, `client_of` looks the client up there (NOT_FOUND: none) and the refusal is
  // logged DENIED under it. A name in another organization, or of nothing, has no client of the
  // caller's organization to log under; the answer is the same PERMISSION_DENIED either way
  // (AIP-211).
  absl::Status AuthorizeOwned(const Call& call, Action action, absl::string_view org_id,
                              absl::FunctionRef<absl::StatusOr<std::string>()> client_of,
                              absl::string_view subject = {}) const;
  // Passes the result of the work done after Authorize through; a refusal is logged DENIED for
  // `client`, any other failure ERROR. Every handler ends its repository call the same way:
  // RETURN_IF_ERROR(access_.Finish(call, client, result.status())), then reads the result.
  absl::Status Finish(const Call& call, const ResourceName& client, absl::Status result) const;

  const AccessPolicy& policy() const { return policy_; }

 private:
  const AccessPolicy& policy_;
  storage::AccessLogRepository& log_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_CLIENT_ACCESS_H_
