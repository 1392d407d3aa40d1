// The client's information-sharing consent: whether staff may read what the guide writes.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "consent_rows.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "meeting_rows.h"
#include "page_binds.h"
#include "pg_meetings_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

const std::string kConsentColumns = absl::StrCat(
    "c.org_id, CAST(c.id AS text), CAST(c.client_id AS text), CAST(c.assignment_id AS text),"
    " CAST(c.granted AS int), CAST(c.meeting_id AS text), c.recorded_by, ",
    MicrosOf("c.recorded_time"));

const std::string kSelectConsent =
    absl::StrCat("SELECT ", kConsentColumns,
                 " FROM information_sharing_consents c WHERE c.org_id = :org"
                 " AND c.id = CAST(:id AS uuid)");

// Newest first; a guide's scope (GuideScopeCondition) narrows to their own assignments.
const std::string kListConsents = absl::StrCat(
    "SELECT ", kConsentColumns,
    " FROM information_sharing_consents c WHERE c.org_id = :org"
    " AND c.client_id = CAST(:client AS uuid) AND ",
    GuideScopeCondition("c"), " AND ", KeysetBounds::Condition("c.recorded_time", "c.id", true),
    " ORDER BY c.recorded_time DESC, c.id DESC LIMIT :limit");

ConsentRecord ReadConsent(const soci::row& row) {
  ConsentRecord c;
  c.org_id = row.get<std::string>(0);
  c.id = row.get<std::string>(1);
  c.client_id = row.get<std::string>(2);
  c.assignment_id = row.get<std::string>(3);
  c.granted = row.get<int>(4) != 0;
  c.meeting_id = OptionalString(row, 5);
  c.recorded_by = row.get<std::string>(6);
  c.record_time = FromMicros(row.get<long long>(7));
  return c;
}

absl::StatusOr<ConsentRecord> SelectConsent(soci::session& sql, const std::string& org_id,
                                            const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectConsent, soci::use(org_id, "org"), soci::use(id, "id"));
  for (const soci::row& row : rows) return ReadConsent(row);
  return absl::NotFoundError("consent not found");
}

}  // namespace

absl::StatusOr<CreateOutcome<ConsentRecord>> PgMeetingsRepository::SetConsent(
    const CallScope& scope, const ConsentRecord& c, const std::optional<IdempotencyKey>& key,
    const ResponseEncoder<ConsentRecord>& encode) {
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ConsentRecord>> {
        RETURN_IF_ERROR(HoldGuideToClient(sql, scope, c.client_id));
        RETURN_IF_ERROR(LogClient(sql, scope, c.client_id));
        return CreateOnce<ConsentRecord>(
            sql, scope.org_id, key,
            [&]() -> absl::StatusOr<ConsentRecord> {
              RETURN_IF_ERROR(
                  SelectOpenAssignmentOf(sql, scope.org_id, c.client_id, c.assignment_id).status());
              ConsentRecord consent = c;
              consent.recorded_by = scope.actor;
              return SelectConsent(sql, scope.org_id, InsertConsent(sql, consent, scope.role));
            },
            encode);
      });
}

absl::StatusOr<Page<ConsentRecord>> PgMeetingsRepository::ListConsents(const CallScope& scope,
                                                                       const std::string& client_id,
                                                                       const PageRequest& page) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<ConsentRecord>> {
    RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    KeysetBounds bounds(page);
    soci::rowset<soci::row> rows =
        (WithPage(sql.prepare << kListConsents, bounds), soci::use(scope.org_id, "org"),
         soci::use(client_id, "client"), soci::use(scope.guide_id, "scope_guide"));
    return CollectPage<ConsentRecord>(rows, page, ReadConsent, [](const ConsentRecord& c) {
      return PageCursor{c.record_time, c.id};
    });
  });
}

}  // namespace rinnalla::storage
