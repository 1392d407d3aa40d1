#ifndef RINNALLA_SERVICES_COMMON_REQUESTS_H_
#define RINNALLA_SERVICES_COMMON_REQUESTS_H_

// Reading the standard fields of AIP requests: parents, names, ids, request ids and etags.

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>

#include <set>

#include "absl/status/statusor.h"
#include "errors.h"
#include "resource_names.h"
#include "rinnalla/storage/records.h"

namespace rinnalla {

// The organization of a `parent` field ("organizations/{org}"); INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> ReadParent(absl::string_view parent, absl::string_view field = "parent");

// The ids in a resource name of `collection`; INVALID_ARGUMENT naming `field`.
absl::StatusOr<ResourceName> ReadName(absl::string_view name, absl::string_view collection,
                                      absl::string_view field = "name");

// The ids in a name of a client's resource, "organizations/{org}/clients/{client}/{collection}/
// {id}"; INVALID_ARGUMENT naming `field`.
absl::StatusOr<ChildName> ReadClientChildName(absl::string_view name,
                                              absl::string_view collection,
                                              absl::string_view field = "name");

// Checks an optional caller-chosen resource id (`<resource>_id`, a UUID) and an optional
// `request_id` (a UUID) into `violations`.
void CheckOptionalUuid(absl::string_view value, std::string field, FieldViolations& violations);

// The id for a new resource: the caller's, or a new UUID.
std::string IdOrNew(absl::string_view caller_id);

// The idempotency key of a Create-like request, when it carries a request id.
std::optional<storage::IdempotencyKey> IdempotencyKeyOf(absl::string_view request_id,
                                                        absl::string_view method,
                                                        const google::protobuf::Message& request);

// Etags are the stored revision; empty means "no check". An etag that is not one of ours cannot
// match any revision, so it is ABORTED like a stale one.
absl::StatusOr<std::optional<int64_t>> ReadEtag(absl::string_view etag);
std::string EtagOf(int64_t revision);

// The fields an Update touches: the mask's paths, each one of `updatable`; an empty mask means
// all of them (AIP-134). INVALID_ARGUMENT naming `update_mask` for any other path.
absl::StatusOr<std::set<std::string>> ReadUpdateMask(const google::protobuf::FieldMask& mask,
                                                     const std::set<std::string>& updatable);

// The response of an idempotent Create: the new record as a proto, or the first call's response.
template <typename Record, typename Proto, typename ToProto>
absl::Status DeliverCreated(const storage::CreateOutcome<Record>& outcome, ToProto to_proto,
                            Proto& out) {
  if (outcome.created) {
    out = to_proto(*outcome.created);
    return absl::OkStatus();
  }
  if (!out.ParseFromString(outcome.replayed_response)) {
    return absl::InternalError("the stored response of this request could not be read");
  }
  return absl::OkStatus();
}

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_REQUESTS_H_
