#include "audit_service.h"

#include "access_log_filter.h"
#include "listing.h"
#include "proto_time.h"
#include "requests.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::audit {
namespace {

v1::AccessLogEntry ToProto(const storage::AccessLogEntry& e) {
  v1::AccessLogEntry out;
  SetTimestamp(e.time, out.mutable_time());
  out.set_actor(e.actor);
  out.set_role(e.role);
  out.set_method(e.method);
  out.set_resource(e.resource);
  v1::AccessLogEntry::Outcome outcome;
  if (v1::AccessLogEntry::Outcome_Parse(e.outcome, &outcome)) out.set_outcome(outcome);
  out.set_request_id(e.request_id);
  out.set_actor_organization(e.actor_org);
  return out;
}

}  // namespace

RINNALLA_DEFINE_RPC(AuditService, "Audit", ListAccessLog, ListAccessLogRequest,
                    v1::ListAccessLogResponse, List)

absl::Status AuditService::List(const Call& call, const v1::ListAccessLogRequest& request,
                                v1::ListAccessLogResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadAccessLog, client));
  ASSIGN_OR_RETURN(storage::AccessLogFilter filter, ReadAccessLogFilter(request.filter()));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  auto entries = log_.ListForClient(call.scope, {client.org_id, client.id}, filter, page);
  RETURN_IF_ERROR(access_.Finish(call, client, entries.status()));
  for (const storage::AccessLogEntry& e : entries->items) *out.add_entries() = ToProto(e);
  out.set_next_page_token(NextPageToken(entries->next, query));
  return absl::OkStatus();
}

}  // namespace rinnalla::audit
