#include "absl/strings/string_view.h"
#include "requests.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "fingerprint.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {

absl::StatusOr<std::string> ReadParent(absl::string_view parent, absl::string_view field) {
  std::optional<std::string> org = ParseOrganizationName(parent);
  if (!org) {
    FieldViolations v;
    v.Add(std::string(field), "must be organizations/{organization}");
    return v.ToStatus();
  }
  return *org;
}

absl::StatusOr<ResourceName> ReadName(absl::string_view name, absl::string_view collection,
                                      absl::string_view field) {
  std::optional<ResourceName> parsed = ParseResourceName(name, collection);
  if (!parsed) {
    FieldViolations v;
    v.Add(std::string(field),
          absl::StrCat("must be organizations/{organization}/", collection, "/{uuid}"));
    return v.ToStatus();
  }
  return *parsed;
}

absl::StatusOr<ChildName> ReadClientChildName(absl::string_view name,
                                              absl::string_view collection,
                                              absl::string_view field) {
  std::optional<ChildName> parsed = ParseChildName(name, "clients", collection);
  if (!parsed) {
    FieldViolations v;
    v.Add(std::string(field), absl::StrCat("must be organizations/{organization}/clients/{uuid}/",
                                           collection, "/{uuid}"));
    return v.ToStatus();
  }
  return *parsed;
}

void CheckOptionalUuid(absl::string_view value, std::string field, FieldViolations& violations) {
  if (!value.empty() && !IsUuid(value)) {
    violations.Add(std::move(field), "must be a lower-case UUID");
  }
}

std::string IdOrNew(absl::string_view caller_id) {
  return caller_id.empty() ? NewUuid() : std::string(caller_id);
}

std::optional<storage::IdempotencyKey> IdempotencyKeyOf(absl::string_view request_id,
                                                        absl::string_view method,
                                                        const google::protobuf::Message& request) {
  if (request_id.empty()) return std::nullopt;
  return storage::IdempotencyKey{std::string(request_id), std::string(method),
                                 RequestFingerprint(request)};
}

absl::StatusOr<std::optional<int64_t>> ReadEtag(absl::string_view etag) {
  if (etag.empty()) return std::optional<int64_t>();
  int64_t revision = 0;
  if (!absl::SimpleAtoi(etag, &revision)) {
    return WithReason(absl::AbortedError("the etag does not match the resource; read it again"),
                      "STALE_ETAG");
  }
  return std::optional<int64_t>(revision);
}

std::string EtagOf(int64_t revision) { return absl::StrCat(revision); }

absl::StatusOr<std::set<std::string>> ReadUpdateMask(const google::protobuf::FieldMask& mask,
                                                     const std::set<std::string>& updatable) {
  if (mask.paths().empty()) return updatable;
  std::set<std::string> paths;
  FieldViolations v;
  for (const std::string& path : mask.paths()) {
    if (!updatable.contains(path)) {
      v.Add("update_mask", absl::StrCat("`", path, "` cannot be updated"));
    }
    paths.insert(path);
  }
  RETURN_IF_ERROR(v.ToStatus());
  return paths;
}

}  // namespace rinnalla
