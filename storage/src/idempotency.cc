#include "idempotency.h"

#include "absl/strings/escaping.h"
#include "kept_statements.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

const std::string kClaim =
    "INSERT INTO idempotency_keys (org_id, request_id, method, fingerprint)"
    " VALUES (:org, CAST(:rid AS uuid), :method, :fp) ON CONFLICT DO NOTHING RETURNING 1";

constexpr char kSelectClaim[] =
    "SELECT method, fingerprint, response, resource_id FROM idempotency_keys"
    " WHERE org_id = :org AND request_id = CAST(:rid AS uuid)";

const std::string kStoreResponse =
    "UPDATE idempotency_keys SET response = :resp, resource_id = :res"
    " WHERE org_id = :org AND request_id = CAST(:rid AS uuid)";

constexpr char kRelease[] =
    "DELETE FROM idempotency_keys WHERE org_id = :org AND request_id = CAST(:rid AS uuid)";

}  // namespace

absl::StatusOr<std::optional<Replay>> ClaimRequestId(soci::session& sql, const std::string& org_id,
                                                     const IdempotencyKey& key) {
  int inserted = 0;
  soci::indicator ind = soci::i_null;
  const bool claimed = RunKept(sql, kClaim, soci::use(org_id, "org"),
                               soci::use(key.request_id, "rid"), soci::use(key.method, "method"),
                               soci::use(key.fingerprint, "fp"), soci::into(inserted, ind));
  if (claimed && ind == soci::i_ok) return std::nullopt;

  std::string method, fingerprint, response, resource_id;
  soci::indicator response_ind = soci::i_null, id_ind = soci::i_null;
  sql << kSelectClaim, soci::use(org_id, "org"), soci::use(key.request_id, "rid"),
      soci::into(method), soci::into(fingerprint), soci::into(response, response_ind),
      soci::into(resource_id, id_ind);
  if (method != key.method || fingerprint != key.fingerprint || response_ind != soci::i_ok) {
    return RequestIdReused();
  }
  Replay replay;
  absl::Base64Unescape(response, &replay.response);
  if (id_ind == soci::i_ok) replay.resource_id = resource_id;
  return replay;
}

absl::Status RequestIdReused() {
  return WithReason(absl::AlreadyExistsError("request_id was already used for a different request"),
                    "REQUEST_ID_REUSED");
}

void StoreResponse(soci::session& sql, const std::string& org_id, const IdempotencyKey& key,
                   const std::string& response, const std::string& resource_id) {
  std::string encoded = absl::Base64Escape(response);
  RunKept(sql, kStoreResponse, soci::use(encoded, "resp"), soci::use(resource_id, "res"),
          soci::use(org_id, "org"), soci::use(key.request_id, "rid"));
}

void ReleaseRequestId(soci::session& sql, const std::string& org_id, const IdempotencyKey& key) {
  sql << kRelease, soci::use(org_id, "org"), soci::use(key.request_id, "rid");
}

}  // namespace rinnalla::storage
