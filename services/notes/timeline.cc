#include "timeline.h"

#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::notes {

absl::Status ClientTimeline::Get(const Call& call, const v1::GetClientTimelineRequest& request,
                                 v1::GetClientTimelineResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.client(), "clients", "client"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadClientTimeline, client));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), request.client()));
  auto entries = repository_.Timeline(call.scope, client.id, page);
  RETURN_IF_ERROR(access_.Finish(call, client, entries.status()));
  for (const auto& e : entries->items) *out.add_entries() = ToProto(client.org_id, client.id, e);
  out.set_next_page_token(NextPageToken(entries->next, request.client()));
  return absl::OkStatus();
}

}  // namespace rinnalla::notes
