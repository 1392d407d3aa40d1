#include "idempotency.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "codec.h"
#include "json_rows.h"
#include "kept_statements.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

// The batch's claims: the positions (`n`) of those new.
const std::string kClaimMany =
    "WITH k AS (SELECT * FROM json_to_recordset(CAST(:keys AS json))"
    "           AS k(n int, rid uuid, method text, fp text)),"
    " claimed AS (INSERT INTO idempotency_keys (org_id, request_id, method, fingerprint)"
    "             SELECT :org, rid, method, fp FROM k ORDER BY rid"
    "             ON CONFLICT DO NOTHING RETURNING request_id)"
    " SELECT k.n FROM k JOIN claimed ON claimed.request_id = k.rid";

// The claims are this transaction's own rows: the upsert finds each through the primary key
// (an UPDATE joined to the batch may be planned as a scan of the whole table).
const std::string kStoreResponses =
    "INSERT INTO idempotency_keys (org_id, request_id, method, fingerprint, response, resource_id)"
    " SELECT :org, r.rid, r.method, r.fp, r.resp, r.res FROM json_to_recordset(CAST(:rows AS json))"
    "  AS r(rid uuid, method text, fp text, resp text, res text)"
    " ON CONFLICT (org_id, request_id)"
    " DO UPDATE SET response = EXCLUDED.response, resource_id = EXCLUDED.resource_id";

constexpr char kRelease[] =
    "DELETE FROM idempotency_keys WHERE org_id = :org AND request_id = CAST(:rid AS uuid)";

}  // namespace

const std::string kSelectClaims = absl::StrCat(
    WithBatchOfOrganization("k", "keys", "n int, rid uuid"),
    " SELECT k.n, i.method, i.fingerprint, i.response, i.resource_id FROM k CROSS JOIN p"
    " JOIN idempotency_keys i ON i.org_id = p.org_id AND i.request_id = k.rid");

absl::StatusOr<std::optional<Replay>> ClaimRequestId(soci::session& sql, const std::string& org_id,
                                                     const IdempotencyKey& key) {
  return ClaimRequestIds(sql, org_id, {&key}).front();
}

std::vector<absl::StatusOr<std::optional<Replay>>> ClaimRequestIds(
    soci::session& sql, const std::string& org_id, const std::vector<const IdempotencyKey*>& keys) {
  std::vector<absl::StatusOr<std::optional<Replay>>> results(keys.size(), RequestIdReused());
  if (keys.empty()) return results;
  JsonRows rows;
  for (size_t n = 0; n < keys.size(); ++n) {
    rows.Row()
        .Add("n", n)
        .Add("rid", keys[n]->request_id)
        .Add("method", keys[n]->method)
        .Add("fp", keys[n]->fingerprint);
  }
  const std::string param = rows.Text();
  std::vector<int> claimed(keys.size());
  std::vector<bool> is_new(keys.size(), false);
  if (RunKept(sql, kClaimMany, soci::use(param, "keys"), soci::use(org_id, "org"),
              soci::into(claimed))) {
    for (int n : claimed) is_new[n] = true;
  }
  JsonRows before;
  for (size_t n = 0; n < keys.size(); ++n) {
    if (is_new[n]) {
      results[n] = std::nullopt;
    } else {
      before.Row().Add("n", n).Add("rid", keys[n]->request_id);
    }
  }
  if (before.empty()) return results;
  const std::string earlier = before.Text();
  const int count = static_cast<int>(before.size());
  for (const soci::row& row : KeptRows(sql, kSelectClaims, soci::use(earlier, "keys"),
                                       soci::use(count, "count"), soci::use(org_id, "org"))) {
    const size_t n = row.get<int>(0);
    const IdempotencyKey& key = *keys[n];
    if (row.get<std::string>(1) != key.method || row.get<std::string>(2) != key.fingerprint ||
        row.get_indicator(3) != soci::i_ok) {
      continue;  // REQUEST_ID_REUSED
    }
    Replay replay;
    absl::Base64Unescape(row.get<std::string>(3), &replay.response);
    if (row.get_indicator(4) == soci::i_ok) replay.resource_id = row.get<std::string>(4);
    results[n] = std::optional<Replay>(std::move(replay));
  }
  return results;
}

absl::Status RequestIdReused() {
  return WithReason(absl::AlreadyExistsError("request_id was already used for a different request"),
                    "REQUEST_ID_REUSED");
}

void StoreResponse(soci::session& sql, const std::string& org_id, const IdempotencyKey& key,
                   const std::string& response, const std::string& resource_id) {
  StoreResponses(sql, org_id, {{&key, response, resource_id}});
}

void StoreResponses(soci::session& sql, const std::string& org_id,
                    const std::vector<StoredResponse>& responses) {
  if (responses.empty()) return;
  JsonRows rows;
  for (const StoredResponse& r : responses) {
    rows.Row()
        .Add("rid", r.key->request_id)
        .Add("method", r.key->method)
        .Add("fp", r.key->fingerprint)
        .Add("resp", absl::Base64Escape(r.response))
        .Add("res", r.resource_id);
  }
  const std::string param = rows.Text();
  RunKept(sql, kStoreResponses, soci::use(org_id, "org"), soci::use(param, "rows"));
}

void ReleaseRequestId(soci::session& sql, const std::string& org_id, const IdempotencyKey& key) {
  sql << kRelease, soci::use(org_id, "org"), soci::use(key.request_id, "rid");
}

}  // namespace rinnalla::storage
