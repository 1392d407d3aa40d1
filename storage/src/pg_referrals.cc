// Referrals: a social worker's (or a record system's) request for a guide for a client.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "idempotency.h"
#include "matching_rows.h"
#include "outbox.h"
#include "page_binds.h"
#include "pg_matching_repository.h"
#include "refusals.h"
#include "rinnalla/storage/resource_names.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

constexpr char kClientOfExternalRef[] =
    "SELECT CAST(client_id AS text) FROM client_external_refs"
    " WHERE org_id = :org AND system = :system AND external_id = :external_id";

const std::string kInsertReferral = absl::StrCat(
    "INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, preferences,"
    " note, state, created_by) VALUES (:org, CAST(:id AS uuid), CAST(:client AS uuid), ",
    TextArrayOf(":needs"), ", ", TextArrayOf(":languages"),
    ", :municipality, :preferences, :note, 'OPEN', :by)");

// Optional filters: '' matches every row.
const std::string kListReferrals = absl::StrCat(
    "SELECT ", ReferralColumns(),
    " FROM referrals WHERE org_id = :org AND (:state = '' OR state = :state)"
    " AND (:client = '' OR CAST(client_id AS text) = :client) AND ",
    KeysetBounds::Condition("create_time", "id"), " ORDER BY create_time, id LIMIT :limit");

constexpr char kCancelReferral[] =
    "UPDATE referrals SET state = 'CANCELLED', cancel_reason = :reason, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kReferralClient[] =
    "SELECT CAST(client_id AS text) FROM referrals WHERE org_id = :org AND id = CAST(:id AS uuid)";

}  // namespace

absl::StatusOr<std::optional<std::string>> PgMatchingRepository::FindClientByExternalRef(
    const CallScope& scope, const std::string& org_id, const ExternalRefRecord& ref) {
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<std::optional<std::string>> {
        std::string client_id;
        soci::indicator ind = soci::i_null;
        sql << kClientOfExternalRef, soci::use(org_id, "org"), soci::use(ref.system, "system"),
            soci::use(ref.id, "external_id"), soci::into(client_id, ind);
        if (!sql.got_data() || ind != soci::i_ok) return std::optional<std::string>();
        return std::optional<std::string>(client_id);
      });
}

absl::StatusOr<CreateOutcome<ReferralRecord>> PgMatchingRepository::CreateReferral(
    const CallScope& scope, const ReferralRecord& r, const std::optional<IdempotencyKey>& key,
    const ResponseEncoder<ReferralRecord>& encode) {
  const std::string& org = scope.org_id;
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ReferralRecord>> {
        ASSIGN_OR_RETURN(auto outcome,
                         CreateOnce<ReferralRecord>(
                             sql, org, key,
                             [&]() -> absl::StatusOr<ReferralRecord> {
                               if (!ClientExists(sql, org, r.client_id)) {
                                 return absl::NotFoundError("client not found");
                               }
                               const std::string needs = ToJsonArray(r.needs);
                               const std::string languages = ToJsonArray(r.languages);
                               sql << kInsertReferral, soci::use(org, "org"), soci::use(r.id, "id"),
                                   soci::use(r.client_id, "client"), soci::use(needs, "needs"),
                                   soci::use(languages, "languages"),
                                   soci::use(r.municipality, "municipality"),
                                   soci::use(r.preferences, "preferences"),
                                   soci::use(r.note, "note"), soci::use(scope.actor, "by");
                               AppendEvent(sql, org, "referral.created",
                                           ResourceName(org, "referrals", r.id), {});
                               return SelectReferral(sql, org, r.id, false);
                             },
                             encode));
        if (outcome.created) {
          RETURN_IF_ERROR(LogClient(sql, scope, outcome.created->client_id));
        } else {
          ASSIGN_OR_RETURN(ReferralRecord first,
                           SelectReferral(sql, org, outcome.replayed_id, false));
          RETURN_IF_ERROR(LogClient(sql, scope, first.client_id));
        }
        return outcome;
      });
}

absl::StatusOr<ReferralRecord> PgMatchingRepository::GetReferral(const CallScope& scope,
                                                                 const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<ReferralRecord> {
    ASSIGN_OR_RETURN(ReferralRecord r, SelectReferral(sql, scope.org_id, id, false));
    RETURN_IF_ERROR(LogClient(sql, scope, r.client_id));
    return r;
  });
}

absl::StatusOr<Page<ReferralRecord>> PgMatchingRepository::ListReferrals(const CallScope& scope,
                                                                         const ReferralFilter& f,
                                                                         const PageRequest& page) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<ReferralRecord>> {
    const std::string state = f.state.value_or(""), client = f.client_id.value_or("");
    KeysetBounds bounds(page);
    soci::rowset<soci::row> rows =
        (WithPage(sql.prepare << kListReferrals, bounds), soci::use(scope.org_id, "org"),
         soci::use(state, "state"), soci::use(client, "client"));
    Page<ReferralRecord> result = CollectPage<ReferralRecord>(rows, page, ReadReferral);
    RETURN_IF_ERROR(LogClients(sql, scope, result.items));
    return result;
  });
}

absl::StatusOr<ReferralRecord> PgMatchingRepository::CancelReferral(const CallScope& scope,
                                                                    const std::string& id,
                                                                    const std::string& reason) {
  const std::string& org = scope.org_id;
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<ReferralRecord> {
    ASSIGN_OR_RETURN(ReferralRecord r, SelectReferral(sql, org, id, true));
    RETURN_IF_ERROR(LogClient(sql, scope, r.client_id));
    if (r.state != "OPEN") {
      return Refusal("REFERRAL_NOT_OPEN", "only an OPEN referral can be cancelled");
    }
    sql << kCancelReferral, soci::use(reason, "reason"), soci::use(org, "org"), soci::use(id, "id");
    AppendEvent(sql, org, "referral.updated", ResourceName(org, "referrals", id),
                {"state", "cancel_reason"});
    return SelectReferral(sql, org, id, false);
  });
}

absl::StatusOr<std::string> PgMatchingRepository::ReferralClient(const CallScope& scope,
                                                                 const std::string& org_id,
                                                                 const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<std::string> {
    std::string client;
    soci::indicator ind = soci::i_null;
    sql << kReferralClient, soci::use(org_id, "org"), soci::use(id, "id"), soci::into(client, ind);
    if (!sql.got_data() || ind != soci::i_ok) return absl::NotFoundError("referral not found");
    return client;
  });
}

}  // namespace rinnalla::storage
