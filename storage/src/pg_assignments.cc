// Assignments: a guide paired with a client, never over the guide's caseload and one open
// assignment per client at most, both held by the database.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_lifecycle.h"
#include "assignment_rows.h"
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

constexpr char kClientHasOpenAssignment[] =
    "SELECT count(*) FROM assignments WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
    " AND state IN ('ACTIVE', 'PAUSED')";

constexpr char kGuideState[] =
    "SELECT state FROM guides WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kGuideExcluded[] =
    "SELECT count(*) FROM match_exclusions WHERE org_id = :org"
    " AND client_id = CAST(:client AS uuid) AND guide_id = CAST(:guide AS uuid)";

// The caseload cap: one conditional update under the guide's row lock.
constexpr char kTakeCaseloadPlace[] =
    "UPDATE guides SET active_client_count = active_client_count + 1"
    " WHERE org_id = :org AND id = CAST(:id AS uuid) AND state = 'ACTIVE'"
    " AND active_client_count < max_active_clients RETURNING 1";

constexpr char kCaseload[] =
    "SELECT active_client_count, max_active_clients FROM guides"
    " WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kInsertAssignment[] =
    "INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state)"
    " VALUES (:org, gen_random_uuid(), CAST(:client AS uuid), CAST(:guide AS uuid),"
    " CAST(:referral AS uuid), 'ACTIVE') RETURNING CAST(id AS text)";

constexpr char kMatchReferral[] =
    "UPDATE referrals SET state = 'MATCHED', revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kChangeAssignmentState[] =
    "UPDATE assignments SET state = :state, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kAssignmentParties[] =
    "SELECT CAST(guide_id AS text), CAST(client_id AS text) FROM assignments"
    " WHERE org_id = :org AND id = CAST(:id AS uuid)";

constexpr char kGuideHasClient[] =
    "SELECT count(*) FROM assignments WHERE org_id = :org AND guide_id = CAST(:guide AS uuid)"
    " AND client_id = CAST(:client AS uuid) AND state IN ('ACTIVE', 'PAUSED')";

// Built on first use: the columns are another file's constant.
const std::string& ListAssignmentsStatement() {
  // Optional filters: '' matches every row.
  static const std::string kListAssignments = absl::StrCat(
      "SELECT ", AssignmentColumns(),
      " FROM assignments WHERE org_id = :org AND (:guide = '' OR CAST(guide_id AS text) = :guide)"
      " AND (:client = '' OR CAST(client_id AS text) = :client)"
      " AND (:state = '' OR state = :state) AND ",
      KeysetBounds::Condition("create_time", "id"), " ORDER BY create_time, id LIMIT :limit");
  return kListAssignments;
}

bool IsUniqueViolation(const std::exception& e) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  return pg != nullptr && pg->sqlstate() == "23505";
}

long long Count(soci::session& sql, const char* statement, const std::string& org,
                const std::string& client, const std::string& guide = "") {
  long long n = 0;
  if (guide.empty()) {
    sql << statement, soci::use(org, "org"), soci::use(client, "client"), soci::into(n);
  } else {
    sql << statement, soci::use(org, "org"), soci::use(client, "client"), soci::use(guide, "guide"),
        soci::into(n);
  }
  return n;
}

absl::Status ClientAlreadyAssigned() {
  return Refusal("CLIENT_ALREADY_ASSIGNED",
                 "the client already has an ACTIVE or PAUSED assignment");
}

// The checks and writes of AssignGuide, in its transaction. The order of locks is always the
// referral, then the guide, so concurrent calls cannot deadlock.
absl::StatusOr<AssignmentRecord> InsertAssignment(soci::session& sql, const std::string& org,
                                                  const std::string& referral_id,
                                                  const std::string& guide_id) {
  ASSIGN_OR_RETURN(ReferralRecord referral, SelectReferral(sql, org, referral_id, true));
  const std::string& client = referral.client_id;
  if (Count(sql, kClientHasOpenAssignment, org, client) > 0) return ClientAlreadyAssigned();
  if (referral.state != "OPEN") {
    return Refusal("REFERRAL_NOT_OPEN", "the referral is not OPEN",
                   {{"referral_state", referral.state}});
  }
  std::string guide_state;
  soci::indicator ind = soci::i_null;
  sql << kGuideState, soci::use(org, "org"), soci::use(guide_id, "id"),
      soci::into(guide_state, ind);
  if (!sql.got_data() || ind != soci::i_ok) return absl::NotFoundError("guide not found");
  if (guide_state != "ACTIVE") {
    return Refusal("GUIDE_NOT_ACTIVE", "the guide is not ACTIVE", {{"guide_state", guide_state}});
  }
  if (Count(sql, kGuideExcluded, org, client, guide_id) > 0) {
    return Refusal("GUIDE_EXCLUDED", "this guide must not be matched with this client");
  }
  int taken = 0;
  ind = soci::i_null;
  sql << kTakeCaseloadPlace, soci::use(org, "org"), soci::use(guide_id, "id"),
      soci::into(taken, ind);
  if (!sql.got_data() || ind != soci::i_ok) {
    int active = 0, cap = 0;
    sql << kCaseload, soci::use(org, "org"), soci::use(guide_id, "id"), soci::into(active),
        soci::into(cap);
    return Refusal("GUIDE_AT_CAPACITY", "the guide's caseload is full",
                   {{"active_client_count", std::to_string(active)},
                    {"max_active_clients", std::to_string(cap)}});
  }
  std::string id;
  try {
    sql << kInsertAssignment, soci::use(org, "org"), soci::use(client, "client"),
        soci::use(guide_id, "guide"), soci::use(referral_id, "referral"), soci::into(id);
  } catch (const std::exception& e) {
    // A concurrent assignment of the same client committed first.
    if (IsUniqueViolation(e)) return ClientAlreadyAssigned();
    throw;
  }
  sql << kMatchReferral, soci::use(org, "org"), soci::use(referral_id, "id");
  AppendEvents(sql, org,
               {{"assignment.created", ResourceName(org, "assignments", id), {}},
                {"referral.updated", ResourceName(org, "referrals", referral_id), {"state"}},
                {"guide.updated", ResourceName(org, "guides", guide_id), {"active_client_count"}}});
  return SelectAssignment(sql, org, id, false);
}

}  // namespace

absl::StatusOr<CreateOutcome<AssignmentRecord>> PgMatchingRepository::AssignGuide(
    const CallScope& scope, const std::string& referral_id, const std::string& guide_id,
    const std::optional<IdempotencyKey>& key, const ResponseEncoder<AssignmentRecord>& encode) {
  const std::string& org = scope.org_id;
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<AssignmentRecord>> {
        ASSIGN_OR_RETURN(
            auto outcome,
            CreateOnce<AssignmentRecord>(
                sql, org, key, [&] { return InsertAssignment(sql, org, referral_id, guide_id); },
                encode));
        std::string client = outcome.created ? outcome.created->client_id : "";
        if (!outcome.created) {
          ASSIGN_OR_RETURN(AssignmentRecord first,
                           SelectAssignment(sql, org, outcome.replayed_id, false));
          client = first.client_id;
        }
        RETURN_IF_ERROR(LogClient(sql, scope, client));
        return outcome;
      });
}

absl::StatusOr<AssignmentRecord> PgMatchingRepository::GetAssignment(const CallScope& scope,
                                                                     const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<AssignmentRecord> {
    ASSIGN_OR_RETURN(AssignmentRecord a, SelectAssignment(sql, scope.org_id, id, false));
    RETURN_IF_ERROR(LogClient(sql, scope, a.client_id));
    return a;
  });
}

absl::StatusOr<Page<AssignmentRecord>> PgMatchingRepository::ListAssignments(
    const CallScope& scope, const AssignmentFilter& f, const PageRequest& page) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<AssignmentRecord>> {
    const std::string guide = f.guide_id.value_or(""), client = f.client_id.value_or("");
    const std::string state = f.state.value_or("");
    KeysetBounds bounds(page);
    soci::rowset<soci::row> rows = (WithPage(sql.prepare << ListAssignmentsStatement(), bounds),
                                    soci::use(scope.org_id, "org"), soci::use(guide, "guide"),
                                    soci::use(client, "client"), soci::use(state, "state"));
    Page<AssignmentRecord> result = CollectPage<AssignmentRecord>(rows, page, ReadAssignment);
    RETURN_IF_ERROR(LogClients(sql, scope, result.items));
    return result;
  });
}

absl::StatusOr<AssignmentRecord> PgMatchingRepository::ChangeAssignment(
    const CallScope& scope, const std::string& id, std::optional<int64_t> expected_revision,
    const AssignmentChange& change) {
  const std::string& org = scope.org_id;
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<AssignmentRecord> {
    ASSIGN_OR_RETURN(AssignmentRecord a, SelectAssignment(sql, org, id, true));
    RETURN_IF_ERROR(LogClient(sql, scope, a.client_id));
    RETURN_IF_ERROR(CheckRevision(a.revision, expected_revision));
    ASSIGN_OR_RETURN(const std::string next, NextAssignmentState(a, change.kind));
    if (next == "ENDED") {
      // The guide's caseload frees up in the same transaction.
      EndAssignmentRow(sql, a, change.end_reason, change.end_note);
      return SelectAssignment(sql, org, id, false);
    }
    sql << kChangeAssignmentState, soci::use(next, "state"), soci::use(org, "org"),
        soci::use(id, "id");
    AppendEvent(sql, org, "assignment.updated", ResourceName(org, "assignments", id), {"state"});
    return SelectAssignment(sql, org, id, false);
  });
}

absl::StatusOr<MatchingRepository::AssignmentParties> PgMatchingRepository::AssignmentPartiesOf(
    const CallScope& scope, const std::string& org_id, const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<AssignmentParties> {
    AssignmentParties parties;
    soci::indicator guide = soci::i_null, client = soci::i_null;
    sql << kAssignmentParties, soci::use(org_id, "org"), soci::use(id, "id"),
        soci::into(parties.guide_id, guide), soci::into(parties.client_id, client);
    if (!sql.got_data() || guide != soci::i_ok || client != soci::i_ok) {
      return absl::NotFoundError("assignment not found");
    }
    return parties;
  });
}

absl::StatusOr<bool> PgMatchingRepository::GuideHasClient(const CallScope& scope,
                                                          const std::string& org_id,
                                                          const std::string& guide_id,
                                                          const std::string& client_id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<bool> {
    return Count(sql, kGuideHasClient, org_id, client_id, guide_id) > 0;
  });
}

std::unique_ptr<MatchingRepository> MakePgMatchingRepository(Database& db) {
  return std::make_unique<PgMatchingRepository>(db);
}

}  // namespace rinnalla::storage
