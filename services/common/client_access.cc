#include "client_access.h"

#include <spdlog/spdlog.h>

namespace rinnalla {
namespace {

void Record(storage::AccessLogRepository& log, const Call& call, const ResourceName& client,
            storage::AccessOutcome outcome) {
  absl::Status logged =
      log.Record(call.scope, storage::ClientRef{client.org_id, client.id}, outcome);
  if (!logged.ok()) spdlog::error(R"("event":"access_log_write_failed","kind":"attempt")");
}

}  // namespace

absl::Status ClientAccess::Authorize(const Call& call, Action action, const ResourceName& client,
                                     absl::string_view subject) const {
  const std::string client_name = ResourceNameOf(client.org_id, "clients", client.id);
  absl::Status allowed = policy_.Authorize(call, action, client.org_id,
                                           subject.empty() ? client_name : subject, client.id);
  if (allowed.code() == absl::StatusCode::kPermissionDenied) {
    // Filed under the client's organization, the data controller, even when the caller is of
    // another: the client has the right to know who tried.
    Record(log_, call, client, storage::AccessOutcome::kDenied);
  }
  return allowed;
}

absl::Status ClientAccess::AuthorizeIn(const Call& call, Action action, absl::string_view org_id,
                                       const std::optional<ResourceName>& client,
                                       absl::string_view subject) const {
  absl::Status allowed =
      policy_.Authorize(call, action, org_id, subject, client ? absl::string_view(client->id) : "");
  if (allowed.code() == absl::StatusCode::kPermissionDenied && client) {
    Record(log_, call, *client, storage::AccessOutcome::kDenied);
  }
  return allowed;
}

absl::Status ClientAccess::AuthorizeOwned(
    const Call& call, Action action, absl::string_view org_id,
    absl::FunctionRef<absl::StatusOr<std::string>()> client_of, absl::string_view subject) const {
  absl::Status allowed = policy_.Authorize(call, action, org_id, subject);
  if (allowed.code() != absl::StatusCode::kPermissionDenied || org_id != call.principal.org_id) {
    return allowed;
  }
  absl::StatusOr<std::string> client = client_of();
  if (client.ok()) {
    Record(log_, call, ResourceName{std::string(org_id), *client}, storage::AccessOutcome::kDenied);
  } else if (client.status().code() != absl::StatusCode::kNotFound) {
    // The refusal stands; only its row is missing.
    spdlog::error(R"("event":"access_log_write_failed","kind":"owner_lookup")");
  }
  return allowed;
}

absl::Status ClientAccess::Finish(const Call& call, const ResourceName& client,
                                  absl::Status result) const {
  if (!result.ok()) {
    // A refusal found inside the transaction (the guide's assignment ended a moment ago) is a
    // refused attempt like any other.
    Record(log_, call, client,
           result.code() == absl::StatusCode::kPermissionDenied ? storage::AccessOutcome::kDenied
                                                                : storage::AccessOutcome::kError);
  }
  return result;
}

}  // namespace rinnalla
