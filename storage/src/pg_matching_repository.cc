// PostgreSQL implementation of MatchingRepository.

#include <set>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "idempotency.h"
#include "outbox.h"
#include "paging.h"
#include "refusals.h"
#include "rinnalla/storage/matching_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

const std::string kReferralColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), array_to_string(needs, chr(31)),"
    " array_to_string(languages, chr(31)), municipality, preferences, note, state, cancel_reason,"
    " created_by, revision, ",
    MicrosOf("create_time"), ", ", MicrosOf("update_time"));

// Whose an assignment or a referral is (AssignmentPartiesOf, ReferralClient).
constexpr char kAssignmentParties[] =
    "SELECT CAST(guide_id AS text), CAST(client_id AS text) FROM assignments"
    " WHERE org_id = :org AND id = CAST(:id AS uuid)";
constexpr char kReferralClient[] =
    "SELECT CAST(client_id AS text) FROM referrals WHERE org_id = :org AND id = CAST(:id AS uuid)";

const std::string kExclusionColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text), reason,"
    " created_by, ",
    MicrosOf("create_time"));

ReferralRecord ReadReferral(const soci::row& row) {
  ReferralRecord r;
  r.org_id = row.get<std::string>(0);
  r.id = row.get<std::string>(1);
  r.client_id = row.get<std::string>(2);
  r.needs = SplitArray(row.get<std::string>(3));
  r.languages = SplitArray(row.get<std::string>(4));
  r.municipality = row.get<std::string>(5);
  r.preferences = row.get<std::string>(6);
  r.note = row.get<std::string>(7);
  r.state = row.get<std::string>(8);
  r.cancel_reason = row.get<std::string>(9);
  r.created_by = row.get<std::string>(10);
  r.revision = row.get<long long>(11);
  r.create_time = FromMicros(row.get<long long>(12));
  r.update_time = FromMicros(row.get<long long>(13));
  return r;
}

MatchExclusionRecord ReadExclusion(const soci::row& row) {
  MatchExclusionRecord e;
  e.org_id = row.get<std::string>(0);
  e.id = row.get<std::string>(1);
  e.client_id = row.get<std::string>(2);
  e.guide_id = row.get<std::string>(3);
  e.reason = row.get<std::string>(4);
  e.created_by = row.get<std::string>(5);
  e.create_time = FromMicros(row.get<long long>(6));
  return e;
}

long long Count(soci::session& sql, const std::string& query, const std::string& org,
                const std::string& a, const std::string& b = "") {
  long long n = 0;
  if (b.empty()) {
    sql << query, soci::use(org), soci::use(a), soci::into(n);
  } else {
    sql << query, soci::use(org), soci::use(a), soci::use(b), soci::into(n);
  }
  return n;
}

absl::StatusOr<ReferralRecord> SelectReferral(soci::session& sql, const std::string& org_id,
                                              const std::string& id, bool for_update) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kReferralColumns
                   << " FROM referrals WHERE org_id = :org AND id = CAST(:id AS uuid)"
                   << (for_update ? " FOR UPDATE" : ""),
       soci::use(org_id), soci::use(id));
  for (const soci::row& row : rows) return ReadReferral(row);
  return absl::NotFoundError("referral not found");
}

bool IsUniqueViolation(const std::exception& e) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  return pg != nullptr && pg->sqlstate() == "23505";
}

// What suggestions read of a guide (PoolGuide), of `guides g`.
const std::string kPoolGuideColumns =
    "CAST(g.id AS text), g.display_name, g.experience_mask, array_to_string(g.languages, chr(31)),"
    " array_to_string(g.municipalities, chr(31)), g.active_client_count, g.max_active_clients";

// The guides changed since a pool's snapshot, as seen by this transaction's snapshot: an event
// of kind guide.* is visible now that the pool's snapshot did not see (this holds even for
// transactions that commit out of order), with the guide's row if it is ACTIVE now. Only guide
// events matter: every change of a guide or of its caseload writes one, while exclusions and
// earlier guides are read live, and the organization's other writes alter no suggestion.
void ReadChangedGuides(soci::session& sql, const std::string& org,
                       const std::string& pool_snapshot, SuggestionContext& context) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT c.guide, " << kPoolGuideColumns
                   << " FROM (SELECT DISTINCT split_part(resource, '/', 4) AS guide FROM events"
                      "   WHERE org_id = :org1 AND xid >= pg_snapshot_xmin(CAST(:s1 AS pg_snapshot))"
                      "   AND NOT pg_visible_in_snapshot(xid, CAST(:s2 AS pg_snapshot))"
                      "   AND kind LIKE 'guide.%') AS c"
                      " LEFT JOIN guides g ON g.org_id = :org2 AND g.state = 'ACTIVE' AND g.id ="
                      "   CASE WHEN c.guide ~ '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'"
                      "   THEN CAST(c.guide AS uuid) END",
       soci::use(org), soci::use(pool_snapshot), soci::use(pool_snapshot), soci::use(org));
  context.pool_out_of_date = false;
  for (const soci::row& row : rows) {
    context.pool_out_of_date = true;
    context.changed_guide_ids.push_back(row.get<std::string>(0));
    if (row.get_indicator(1) == soci::i_null) continue;
    context.changed_active_guides.push_back(
        {row.get<std::string>(1), row.get<std::string>(2), static_cast<uint32_t>(row.get<int>(3)),
         SplitArray(row.get<std::string>(4)), SplitArray(row.get<std::string>(5)),
         row.get<int>(6), row.get<int>(7)});
  }
}

class PgMatchingRepository final : public MatchingRepository {
 public:
  explicit PgMatchingRepository(Database& db) : db_(db) {}

  absl::StatusOr<std::optional<std::string>> FindClientByExternalRef(
      const CallScope& scope, const std::string& org_id, const ExternalRefRecord& ref) override {
    return Transact(db_, scope,
                    [&](soci::session& sql) -> absl::StatusOr<std::optional<std::string>> {
                      std::string client_id;
                      soci::indicator ind = soci::i_null;
                      sql << "SELECT CAST(client_id AS text) FROM client_external_refs"
                             " WHERE org_id = :org AND system = :system AND external_id = :id",
                          soci::use(org_id), soci::use(ref.system), soci::use(ref.id),
                          soci::into(client_id, ind);
                      if (!sql.got_data() || ind != soci::i_ok) return std::optional<std::string>();
                      return std::optional<std::string>(client_id);
                    });
  }

  absl::StatusOr<CreateOutcome<ReferralRecord>> CreateReferral(
      const CallScope& scope, const ReferralRecord& r, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ReferralRecord>& encode) override {
    const std::string& org = scope.org_id;
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ReferralRecord>> {
          ASSIGN_OR_RETURN(
              auto outcome,
              CreateOnce<ReferralRecord>(
                  sql, org, key,
                  [&]() -> absl::StatusOr<ReferralRecord> {
                    if (Count(sql,
                              "SELECT count(*) FROM clients WHERE org_id = :org"
                              " AND id = CAST(:id AS uuid)",
                              org, r.client_id) == 0) {
                      return absl::NotFoundError("client not found");
                    }
                    std::string needs = JoinArray(r.needs), languages = JoinArray(r.languages);
                    sql << "INSERT INTO referrals (org_id, id, client_id, needs, languages,"
                           " municipality, preferences, note, state, created_by) VALUES (:org,"
                           " CAST(:id AS uuid), CAST(:client AS uuid), string_to_array(:needs, "
                           "chr(31)),"
                           " string_to_array(:langs, chr(31)), :muni, :prefs, :note, 'OPEN', :by)",
                        soci::use(org), soci::use(r.id), soci::use(r.client_id), soci::use(needs),
                        soci::use(languages), soci::use(r.municipality), soci::use(r.preferences),
                        soci::use(r.note), soci::use(scope.actor);
                    AppendEvent(sql, org, "referral.created", ResourceName(org, "referrals", r.id),
                                {});
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

  absl::StatusOr<ReferralRecord> GetReferral(const CallScope& scope,
                                             const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<ReferralRecord> {
      ASSIGN_OR_RETURN(ReferralRecord r, SelectReferral(sql, scope.org_id, id, false));
      RETURN_IF_ERROR(LogClient(sql, scope, r.client_id));
      return r;
    });
  }

  absl::StatusOr<Page<ReferralRecord>> ListReferrals(const CallScope& scope,
                                                     const ReferralFilter& f,
                                                     const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<ReferralRecord>> {
      std::string state = f.state.value_or(""), client = f.client_id.value_or("");
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " << kReferralColumns
                       << " FROM referrals WHERE org_id = :org AND (:s1 = '' OR state = :s2)"
                          " AND (:c1 = '' OR CAST(client_id AS text) = :c2) AND "
                       << KeysetBounds::Condition("create_time", "id")
                       << " ORDER BY create_time, id LIMIT :limit",
           soci::use(scope.org_id), soci::use(state), soci::use(state), soci::use(client),
           soci::use(client), soci::use(bounds.has_cursor), soci::use(bounds.micros),
           soci::use(bounds.id), soci::use(bounds.limit));
      Page<ReferralRecord> result = CollectPage<ReferralRecord>(rows, page, ReadReferral);
      RETURN_IF_ERROR(LogClients(sql, scope, result.items));
      return result;
    });
  }

  absl::StatusOr<ReferralRecord> CancelReferral(const CallScope& scope, const std::string& id,
                                                const std::string& reason) override {
    const std::string& org = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<ReferralRecord> {
      ASSIGN_OR_RETURN(ReferralRecord r, SelectReferral(sql, org, id, true));
      RETURN_IF_ERROR(LogClient(sql, scope, r.client_id));
      if (r.state != "OPEN") {
        return Refusal("REFERRAL_NOT_OPEN", "only an OPEN referral can be cancelled");
      }
      sql << "UPDATE referrals SET state = 'CANCELLED', cancel_reason = :reason,"
             " revision = revision + 1, update_time = clock_timestamp()"
             " WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(reason), soci::use(org), soci::use(id);
      AppendEvent(sql, org, "referral.updated", ResourceName(org, "referrals", id),
                  {"state", "cancel_reason"});
      return SelectReferral(sql, org, id, false);
    });
  }

  absl::StatusOr<CreateOutcome<MatchExclusionRecord>> AddExclusion(
      const CallScope& scope, const MatchExclusionRecord& e,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<MatchExclusionRecord>& encode) override {
    const std::string& org = scope.org_id;
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<MatchExclusionRecord>> {
          ASSIGN_OR_RETURN(
              auto outcome,
              CreateOnce<MatchExclusionRecord>(
                  sql, org, key,
                  [&]() -> absl::StatusOr<MatchExclusionRecord> {
                    if (Count(sql,
                              "SELECT count(*) FROM clients WHERE org_id = :org"
                              " AND id = CAST(:id AS uuid)",
                              org, e.client_id) == 0) {
                      return absl::NotFoundError("client not found");
                    }
                    if (Count(sql,
                              "SELECT count(*) FROM guides WHERE org_id = :org"
                              " AND id = CAST(:id AS uuid)",
                              org, e.guide_id) == 0) {
                      return absl::NotFoundError("guide not found");
                    }
                    std::string id;
                    soci::indicator ind = soci::i_null;
                    sql << "INSERT INTO match_exclusions (org_id, id, client_id, guide_id, reason,"
                           " created_by) VALUES (:org, gen_random_uuid(), CAST(:client AS uuid),"
                           " CAST(:guide AS uuid), :reason, :by) ON CONFLICT DO NOTHING"
                           " RETURNING CAST(id AS text)",
                        soci::use(org), soci::use(e.client_id), soci::use(e.guide_id),
                        soci::use(e.reason), soci::use(scope.actor), soci::into(id, ind);
                    if (!sql.got_data() || ind != soci::i_ok) {
                      return WithReason(absl::AlreadyExistsError(
                                            "this guide is already excluded for this client"),
                                        "EXCLUSION_EXISTS");
                    }
                    // The feed's integrations learn that this guide may not be matched with the
                    // client: the event names the exclusion only, never its reason.
                    AppendEvent(sql, org, "match_exclusion.created",
                                ClientChildName(org, e.client_id, "matchExclusions", id), {});
                    return SelectExclusion(sql, org, e.client_id, id);
                  },
                  encode));
          RETURN_IF_ERROR(LogClient(sql, scope, e.client_id));
          return outcome;
        });
  }

  absl::StatusOr<Page<MatchExclusionRecord>> ListExclusions(const CallScope& scope,
                                                            const std::string& client_id,
                                                            const PageRequest& page) override {
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<MatchExclusionRecord>> {
          RETURN_IF_ERROR(LogClient(sql, scope, client_id));
          KeysetBounds bounds(page);
          soci::rowset<soci::row> rows =
              (sql.prepare << "SELECT " << kExclusionColumns
                           << " FROM match_exclusions WHERE org_id = :org"
                              " AND client_id = CAST(:client AS uuid) AND "
                           << KeysetBounds::Condition("create_time", "id")
                           << " ORDER BY create_time, id LIMIT :limit",
               soci::use(scope.org_id), soci::use(client_id), soci::use(bounds.has_cursor),
               soci::use(bounds.micros), soci::use(bounds.id), soci::use(bounds.limit));
          return CollectPage<MatchExclusionRecord>(rows, page, ReadExclusion);
        });
  }

  absl::Status RemoveExclusion(const CallScope& scope, const std::string& client_id,
                               const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::Status {
      int removed = 0;
      soci::indicator ind = soci::i_null;
      sql << "DELETE FROM match_exclusions WHERE org_id = :org AND client_id = CAST(:c AS uuid)"
             " AND id = CAST(:id AS uuid) RETURNING 1",
          soci::use(scope.org_id), soci::use(client_id), soci::use(id), soci::into(removed, ind);
      if (!sql.got_data() || ind != soci::i_ok) return absl::NotFoundError("exclusion not found");
      AppendEvent(sql, scope.org_id, "match_exclusion.deleted",
                  ClientChildName(scope.org_id, client_id, "matchExclusions", id), {});
      return LogClient(sql, scope, client_id);
    });
  }

  absl::StatusOr<GuidePool> LoadGuidePool(const CallScope& scope,
                                          const std::string& org_id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GuidePool> {
      GuidePool pool;
      sql << "SELECT CAST(pg_current_snapshot() AS text)", soci::into(pool.snapshot);
      constexpr size_t kBatch = 2000;
      std::vector<std::string> ids(kBatch), names(kBatch), languages(kBatch), places(kBatch);
      std::vector<int> masks(kBatch), counts(kBatch), caps(kBatch);
      soci::statement st =
          (sql.prepare << "SELECT " << kPoolGuideColumns
                       << " FROM guides g WHERE g.org_id = :org AND g.state = 'ACTIVE'",
           soci::use(org_id), soci::into(ids), soci::into(names), soci::into(masks),
           soci::into(languages), soci::into(places), soci::into(counts), soci::into(caps));
      st.execute();
      // Bulk fetch: a batch of rows per round trip rather than one at a time.
      while (st.fetch()) {
        for (size_t i = 0; i < ids.size(); ++i) {
          pool.guides.push_back({std::move(ids[i]), std::move(names[i]),
                                 static_cast<uint32_t>(masks[i]), SplitArray(languages[i]),
                                 SplitArray(places[i]), counts[i], caps[i]});
        }
        for (auto* v : {&ids, &names, &languages, &places}) v->resize(kBatch);
        for (auto* v : {&masks, &counts, &caps}) v->resize(kBatch);
      }
      return pool;
    });
  }

  absl::StatusOr<SuggestionContext> LoadSuggestionContext(
      const CallScope& scope, const std::string& referral_id,
      const std::string& pool_snapshot) override {
    const std::string& org = scope.org_id;
    return Transact(
        db_, scope,
        [&](soci::session& sql) -> absl::StatusOr<SuggestionContext> {
          SuggestionContext context;
          ASSIGN_OR_RETURN(context.referral, SelectReferral(sql, org, referral_id, false));
          RETURN_IF_ERROR(LogClient(sql, scope, context.referral.client_id));
          if (context.referral.state != "OPEN") {
            return Refusal("REFERRAL_NOT_OPEN", "guides are suggested for OPEN referrals only");
          }
          const std::string& client = context.referral.client_id;
          std::string excluded, earlier;
          soci::indicator excluded_ind = soci::i_null, earlier_ind = soci::i_null;
          sql << "SELECT (SELECT string_agg(CAST(guide_id AS text), chr(31)) FROM match_exclusions"
                 "   WHERE org_id = :org1 AND client_id = CAST(:c1 AS uuid)),"
                 " (SELECT string_agg(CAST(guide_id AS text), chr(31)) FROM assignments"
                 "   WHERE org_id = :org2 AND client_id = CAST(:c2 AS uuid) AND state = 'ENDED'"
                 "   AND end_reason <> 'REMATCH'), CAST(pg_current_snapshot() AS text)",
              soci::use(org), soci::use(client), soci::use(org), soci::use(client),
              soci::into(excluded, excluded_ind), soci::into(earlier, earlier_ind),
              soci::into(context.snapshot);
          if (excluded_ind == soci::i_ok) context.excluded_guide_ids = SplitArray(excluded);
          if (earlier_ind == soci::i_ok) context.earlier_guide_ids = SplitArray(earlier);
          if (!pool_snapshot.empty()) ReadChangedGuides(sql, org, pool_snapshot, context);
          return context;
        },
        // One snapshot for the context, the changed guides and the snapshot's own text.
        Isolation::kRepeatableRead);
  }

  absl::StatusOr<CreateOutcome<AssignmentRecord>> AssignGuide(
      const CallScope& scope, const std::string& referral_id, const std::string& guide_id,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<AssignmentRecord>& encode) override {
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

  absl::StatusOr<AssignmentRecord> GetAssignment(const CallScope& scope,
                                                 const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<AssignmentRecord> {
      ASSIGN_OR_RETURN(AssignmentRecord a, SelectAssignment(sql, scope.org_id, id, false));
      RETURN_IF_ERROR(LogClient(sql, scope, a.client_id));
      return a;
    });
  }

  absl::StatusOr<Page<AssignmentRecord>> ListAssignments(const CallScope& scope,
                                                         const AssignmentFilter& f,
                                                         const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<AssignmentRecord>> {
      std::string guide = f.guide_id.value_or(""), client = f.client_id.value_or("");
      std::string state = f.state.value_or("");
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " << AssignmentColumns()
                       << " FROM assignments WHERE org_id = :org"
                          " AND (:g1 = '' OR CAST(guide_id AS text) = :g2)"
                          " AND (:c1 = '' OR CAST(client_id AS text) = :c2)"
                          " AND (:s1 = '' OR state = :s2) AND "
                       << KeysetBounds::Condition("create_time", "id")
                       << " ORDER BY create_time, id LIMIT :limit",
           soci::use(scope.org_id), soci::use(guide), soci::use(guide), soci::use(client),
           soci::use(client), soci::use(state), soci::use(state), soci::use(bounds.has_cursor),
           soci::use(bounds.micros), soci::use(bounds.id), soci::use(bounds.limit));
      Page<AssignmentRecord> result = CollectPage<AssignmentRecord>(rows, page, ReadAssignment);
      RETURN_IF_ERROR(LogClients(sql, scope, result.items));
      return result;
    });
  }

  absl::StatusOr<AssignmentRecord> ChangeAssignment(const CallScope& scope, const std::string& id,
                                                    std::optional<int64_t> expected_revision,
                                                    const AssignmentChange& change) override {
    const std::string& org = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<AssignmentRecord> {
      ASSIGN_OR_RETURN(AssignmentRecord a, SelectAssignment(sql, org, id, true));
      RETURN_IF_ERROR(LogClient(sql, scope, a.client_id));
      RETURN_IF_ERROR(CheckRevision(a.revision, expected_revision));
      if (a.state == "ENDED") return Refusal("ASSIGNMENT_ENDED", "the assignment has ended");
      std::string next;
      switch (change.kind) {
        case AssignmentChange::Kind::kPause:
          if (a.state != "ACTIVE") {
            return Refusal("ASSIGNMENT_NOT_ACTIVE", "only an ACTIVE assignment can pause");
          }
          next = "PAUSED";
          break;
        case AssignmentChange::Kind::kResume:
          if (a.state != "PAUSED") {
            return Refusal("ASSIGNMENT_NOT_PAUSED", "only a PAUSED assignment can resume");
          }
          next = "ACTIVE";
          break;
        case AssignmentChange::Kind::kEnd:
          // The guide's caseload frees up in the same transaction.
          EndAssignmentRow(sql, a, change.end_reason, change.end_note);
          return SelectAssignment(sql, org, id, false);
      }
      sql << "UPDATE assignments SET state = :state, revision = revision + 1,"
             " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(next), soci::use(org), soci::use(id);
      AppendEvent(sql, org, "assignment.updated", ResourceName(org, "assignments", id), {"state"});
      return SelectAssignment(sql, org, id, false);
    });
  }

  absl::StatusOr<AssignmentParties> AssignmentPartiesOf(const CallScope& scope,
                                                        const std::string& org_id,
                                                        const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<AssignmentParties> {
      AssignmentParties parties;
      soci::indicator guide = soci::i_null, client = soci::i_null;
      sql << kAssignmentParties, soci::use(org_id), soci::use(id),
          soci::into(parties.guide_id, guide), soci::into(parties.client_id, client);
      if (!sql.got_data() || guide != soci::i_ok || client != soci::i_ok) {
        return absl::NotFoundError("assignment not found");
      }
      return parties;
    });
  }

  absl::StatusOr<std::string> ReferralClient(const CallScope& scope, const std::string& org_id,
                                             const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<std::string> {
      std::string client;
      soci::indicator ind = soci::i_null;
      sql << kReferralClient, soci::use(org_id), soci::use(id), soci::into(client, ind);
      if (!sql.got_data() || ind != soci::i_ok) return absl::NotFoundError("referral not found");
      return client;
    });
  }

  absl::StatusOr<bool> GuideHasClient(const CallScope& scope, const std::string& org_id,
                                      const std::string& guide_id,
                                      const std::string& client_id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<bool> {
      return Count(sql, "SELECT count(*) FROM assignments WHERE org_id = :org"
                        " AND guide_id = CAST(:g AS uuid) AND client_id = CAST(:c AS uuid)"
                        " AND state IN ('ACTIVE', 'PAUSED')",
                   org_id, guide_id, client_id) > 0;
    });
  }

 private:
  static absl::StatusOr<MatchExclusionRecord> SelectExclusion(soci::session& sql,
                                                              const std::string& org,
                                                              const std::string& client_id,
                                                              const std::string& id) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kExclusionColumns
                     << " FROM match_exclusions WHERE org_id = :org"
                        " AND client_id = CAST(:c AS uuid) AND id = CAST(:id AS uuid)",
         soci::use(org), soci::use(client_id), soci::use(id));
    for (const soci::row& row : rows) return ReadExclusion(row);
    return absl::NotFoundError("exclusion not found");
  }

  // The checks and writes of AssignGuide, in its transaction. The order of locks is always the
  // referral, then the guide, so concurrent calls cannot deadlock.
  static absl::StatusOr<AssignmentRecord> InsertAssignment(soci::session& sql,
                                                           const std::string& org,
                                                           const std::string& referral_id,
                                                           const std::string& guide_id) {
    ASSIGN_OR_RETURN(ReferralRecord referral, SelectReferral(sql, org, referral_id, true));
    const std::string& client = referral.client_id;
    if (Count(sql, "SELECT count(*) FROM assignments WHERE org_id = :org"
                   " AND client_id = CAST(:c AS uuid) AND state IN ('ACTIVE', 'PAUSED')",
              org, client) > 0) {
      return Refusal("CLIENT_ALREADY_ASSIGNED",
                          "the client already has an ACTIVE or PAUSED assignment");
    }
    if (referral.state != "OPEN") {
      return Refusal("REFERRAL_NOT_OPEN", "the referral is not OPEN",
                     {{"referral_state", referral.state}});
    }
    std::string guide_state;
    soci::indicator ind = soci::i_null;
    sql << "SELECT state FROM guides WHERE org_id = :org AND id = CAST(:id AS uuid)",
        soci::use(org), soci::use(guide_id), soci::into(guide_state, ind);
    if (!sql.got_data() || ind != soci::i_ok) return absl::NotFoundError("guide not found");
    if (guide_state != "ACTIVE") {
      return Refusal("GUIDE_NOT_ACTIVE", "the guide is not ACTIVE", {{"guide_state", guide_state}});
    }
    if (Count(sql, "SELECT count(*) FROM match_exclusions WHERE org_id = :org"
                   " AND client_id = CAST(:c AS uuid) AND guide_id = CAST(:g AS uuid)",
              org, client, guide_id) > 0) {
      return Refusal("GUIDE_EXCLUDED", "this guide must not be matched with this client");
    }
    // The caseload cap: one conditional update under the guide's row lock.
    int taken = 0;
    ind = soci::i_null;
    sql << "UPDATE guides SET active_client_count = active_client_count + 1"
           " WHERE org_id = :org AND id = CAST(:id AS uuid) AND state = 'ACTIVE'"
           " AND active_client_count < max_active_clients RETURNING 1",
        soci::use(org), soci::use(guide_id), soci::into(taken, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
      int active = 0, cap = 0;
      sql << "SELECT active_client_count, max_active_clients FROM guides"
             " WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(org), soci::use(guide_id), soci::into(active), soci::into(cap);
      return Refusal("GUIDE_AT_CAPACITY", "the guide's caseload is full",
                     {{"active_client_count", std::to_string(active)},
                      {"max_active_clients", std::to_string(cap)}});
    }
    std::string id;
    try {
      sql << "INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state)"
             " VALUES (:org, gen_random_uuid(), CAST(:c AS uuid), CAST(:g AS uuid),"
             " CAST(:r AS uuid), 'ACTIVE') RETURNING CAST(id AS text)",
          soci::use(org), soci::use(client), soci::use(guide_id), soci::use(referral_id),
          soci::into(id);
    } catch (const std::exception& e) {
      // A concurrent assignment of the same client committed first.
      if (IsUniqueViolation(e)) {
        return Refusal("CLIENT_ALREADY_ASSIGNED",
                            "the client already has an ACTIVE or PAUSED assignment");
      }
      throw;
    }
    sql << "UPDATE referrals SET state = 'MATCHED', revision = revision + 1,"
           " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)",
        soci::use(org), soci::use(referral_id);
    AppendEvents(sql, org,
                 {{"assignment.created", ResourceName(org, "assignments", id), {}},
                  {"referral.updated", ResourceName(org, "referrals", referral_id), {"state"}},
                  {"guide.updated", ResourceName(org, "guides", guide_id), {"active_client_count"}}});
    return SelectAssignment(sql, org, id, false);
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<MatchingRepository> MakePgMatchingRepository(Database& db) {
  return std::make_unique<PgMatchingRepository>(db);
}

}  // namespace rinnalla::storage
