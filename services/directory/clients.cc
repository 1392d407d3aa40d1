#include "clients.h"

#include "client_filter.h"
#include "field_rules.h"
#include "listing.h"
#include "mapping.h"
#include "policy.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::directory {
namespace {

std::string Encode(const storage::ClientRecord& record) {
  return ToProto(record).SerializeAsString();
}

}  // namespace

absl::Status Clients::Create(const Call& call, const v1::CreateClientRequest& request,
                             v1::Client& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(access_.policy().Authorize(call, Action::kCreateClient, org_id));
  FieldViolations v;
  CheckClient(request.client(), kClientFields, /*creating=*/true, absl::Now(), v);
  CheckOptionalUuid(request.client_id(), "client_id", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());

  storage::ClientRecord client;
  client.org_id = org_id;
  client.id = IdOrNew(request.client_id());
  ApplyFields(request.client(), kClientFields, client);
  ASSIGN_OR_RETURN(auto outcome,
                   repository_.CreateClient(
                       call.scope, client,
                       IdempotencyKeyOf(request.request_id(), "CreateClient", request), Encode));
  return DeliverCreated(outcome, [](const auto& r) { return ToProto(r); }, out);
}

absl::Status Clients::Get(const Call& call, const v1::GetClientRequest& request,
                          v1::Client& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.name(), "clients"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadClient, name));
  absl::StatusOr<storage::ClientRecord> client = repository_.GetClient(call.scope, name.id);
  RETURN_IF_ERROR(access_.Finish(call, name, client.status()));
  out = ToProto(*client);
  return absl::OkStatus();
}

absl::Status Clients::List(const Call& call, const v1::ListClientsRequest& request,
                           v1::ListClientsResponse& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(access_.policy().Authorize(call, Action::kListClients, org_id));
  ASSIGN_OR_RETURN(storage::ClientFilter filter, ReadClientFilter(request.filter()));
  std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page_request,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  ASSIGN_OR_RETURN(auto page, repository_.ListClients(call.scope, filter, page_request));
  for (const storage::ClientRecord& client : page.items) *out.add_clients() = ToProto(client);
  out.set_next_page_token(NextPageToken(page.next, query));
  return absl::OkStatus();
}

absl::Status Clients::Update(const Call& call, const v1::UpdateClientRequest& request,
                             v1::Client& out) {
  ASSIGN_OR_RETURN(ResourceName name,
                   ReadName(request.client().name(), "clients", "client.name"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kUpdateClient, name));
  ASSIGN_OR_RETURN(auto fields, ReadUpdateMask(request.update_mask(), kClientFields));
  FieldViolations v;
  CheckClient(request.client(), fields, /*creating=*/false, absl::Now(), v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.client().etag()));
  absl::StatusOr<storage::ClientRecord> client =
      repository_.UpdateClient(call.scope, name.id, revision, [&](storage::ClientRecord& record) {
        ApplyFields(request.client(), fields, record);
        return absl::OkStatus();
      });
  RETURN_IF_ERROR(access_.Finish(call, name, client.status()));
  out = ToProto(*client);
  return absl::OkStatus();
}

}  // namespace rinnalla::directory
