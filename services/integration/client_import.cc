#include "client_import.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client_access.h"
#include "directory/mapping.h"
#include "directory/validation.h"
#include "requests.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::integration {
namespace {

// What an import does to a client it finds: the fields named (an unset state leaves the state),
// and the refs it does not hold yet added after its own.
storage::Change<storage::ClientRecord> UpdateFrom(v1::Client client, std::set<std::string> fields) {
  if (client.state() == v1::Client::STATE_UNSPECIFIED) fields.erase("state");
  return [client = std::move(client), fields = std::move(fields)](storage::ClientRecord& stored) {
    directory::ApplyFields(client, fields, stored);
    for (const v1::ExternalRef& ref : client.external_refs()) {
      storage::ExternalRefRecord record{ref.system(), ref.id()};
      if (std::find(stored.external_refs.begin(), stored.external_refs.end(), record) ==
          stored.external_refs.end()) {
        stored.external_refs.push_back(std::move(record));
      }
    }
    if (stored.external_refs.size() > static_cast<size_t>(directory::kMaxExternalRefs)) {
      FieldViolations v;
      v.Add("client.external_refs", absl::StrCat("the client would have more than ",
                                                 directory::kMaxExternalRefs, " references"));
      return v.ToStatus();
    }
    return absl::OkStatus();
  };
}

void SetFailed(const absl::Status& status, v1::ImportClientResult& result) {
  result.set_outcome(v1::ImportClientResult::FAILED);
  *result.mutable_error() = ToRpcStatus(status);
}

v1::ImportClientResult::Outcome OutcomeOf(storage::ImportOutcome outcome) {
  switch (outcome) {
    case storage::ImportOutcome::kCreated:
      return v1::ImportClientResult::CREATED;
    case storage::ImportOutcome::kUpdated:
      return v1::ImportClientResult::UPDATED;
    case storage::ImportOutcome::kUnchanged:
      return v1::ImportClientResult::UNCHANGED;
  }
  return v1::ImportClientResult::OUTCOME_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<storage::ClientImport> ClientImporter::ReadItem(
    const Call& call, const v1::ImportClientRequest& request) const {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(policy_.Authorize(call, Action::kImportClients, org_id));
  FieldViolations v;
  CheckImportedClient(request.client(), absl::Now(), v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::set<std::string> fields,
                   ReadUpdateMask(request.update_mask(), kImportUpdatableFields));
  storage::ClientImport item;
  item.client.org_id = org_id;
  item.client.id = NewUuid();
  directory::ApplyFields(request.client(), directory::kClientFields, item.client);
  item.update = UpdateFrom(request.client(), std::move(fields));
  return item;
}

absl::Status ClientImporter::Import(const Call& call,
                                    RequestStream<v1::ImportClientRequest>& requests,
                                    v1::ImportClientsResponse& out, StreamTally& tally) const {
  RETURN_IF_ERROR(policy_.Authorize(call, Action::kImportClients, call.principal.org_id));
  std::vector<storage::ClientImport> batch;
  std::vector<int> positions;  // of the batch's items among the results
  auto flush = [&]() -> absl::Status {
    if (batch.empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::vector<storage::ClientImportResult> results,
                     repository_.ImportClients(call.scope, batch));
    for (size_t i = 0; i < results.size(); ++i) {
      v1::ImportClientResult& result = *out.mutable_results(positions[i]);
      if (!results[i].status.ok()) {
        SetFailed(results[i].status, result);
        continue;
      }
      result.set_outcome(OutcomeOf(results[i].outcome));
      result.set_client(ResourceNameOf(call.principal.org_id, "clients", results[i].client_id));
      result.set_etag(EtagOf(results[i].revision));
    }
    batch.clear();
    positions.clear();
    return absl::OkStatus();
  };

  absl::StatusOr<v1::ImportClientRequest> request;
  while (requests.Next(request)) {
    ++tally.messages;
    if (out.results_size() == kMaxItems) {
      RETURN_IF_ERROR(flush());
      return WithReason(absl::InvalidArgumentError(absl::StrCat(
                            "at most ", kMaxItems, " clients per call; the first ", kMaxItems,
                            " were imported: send the rest in another call")),
                        "TOO_MANY_CLIENTS");
    }
    const int position = out.results_size();
    v1::ImportClientResult& result = *out.add_results();
    absl::StatusOr<storage::ClientImport> item =
        request.ok() ? ReadItem(call, *request)
                     : absl::StatusOr<storage::ClientImport>(request.status());
    if (!item.ok()) {
      SetFailed(item.status(), result);
      continue;
    }
    batch.push_back(*std::move(item));
    positions.push_back(position);
    if (static_cast<int>(batch.size()) == kBatchSize) RETURN_IF_ERROR(flush());
  }
  RETURN_IF_ERROR(flush());
  for (const v1::ImportClientResult& result : out.results()) {
    switch (result.outcome()) {
      case v1::ImportClientResult::CREATED:
        out.set_created_count(out.created_count() + 1);
        break;
      case v1::ImportClientResult::UPDATED:
        out.set_updated_count(out.updated_count() + 1);
        break;
      case v1::ImportClientResult::UNCHANGED:
        out.set_unchanged_count(out.unchanged_count() + 1);
        break;
      default:
        out.set_failed_count(out.failed_count() + 1);
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::integration
