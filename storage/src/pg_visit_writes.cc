// Logging visits (one or a batch), amending them, and staff's correction notes.

#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "kept_statements.h"
#include "outbox.h"
#include "pg_visits_repository.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"
#include "visit_sql.h"

namespace rinnalla::storage {
namespace {

const std::string kAmendVisit =
    absl::StrCat("UPDATE visits SET start_time = ", TimeFromMicros(":micros"),
                 ", duration_minutes = :duration, mode = :mode, places = ", TextArrayOf(":places"),
                 ", summary = :summary, revision = revision + 1, update_time = clock_timestamp()"
                 " WHERE org_id = :org AND id = CAST(:id AS uuid)");

constexpr char kDeleteGoalLinks[] =
    "DELETE FROM visit_goals WHERE org_id = :org AND visit_id = CAST(:id AS uuid)";

const std::string kInsertCorrectionNote = absl::StrCat(
    "INSERT INTO visit_correction_notes (org_id, id, visit_id, text, author, author_role)"
    " SELECT v.org_id, CAST(:id AS uuid), v.id, :text, :author, :role FROM visits v"
    " WHERE v.org_id = :org AND v.id = CAST(:visit AS uuid) AND v.client_id = CAST(:client AS"
    " uuid) RETURNING ",
    MicrosOf("create_time"));

struct Inserted {
  absl::Time create_time;
  absl::Time update_time;
};

// Inserts the visits whose ids are new; returns those inserted, by id. A visit whose id a
// concurrent twin took first is skipped (its caller compares it with the twin).
std::map<std::string, Inserted> InsertVisits(soci::session& sql, const std::string& org_id,
                                             const std::vector<const VisitRecord*>& visits) {
  std::map<std::string, Inserted> inserted;
  if (visits.empty()) return inserted;
  const std::string rows = VisitRowsJson(visits);
  // Into vectors (one round trip), sized for every visit; SOCI shrinks them to the rows returned.
  std::vector<std::string> ids(visits.size());
  std::vector<long long> created(visits.size()), updated(visits.size());
  static const std::string kInsert = absl::StrCat(
      "INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id, start_time,"
      " duration_minutes, mode, places, summary)"
      " SELECT :org, i.id, i.client_id, i.assignment_id, i.guide_id, ",
      TimeFromMicros("i.micros"),
      ", i.duration, i.mode, i.places, i.summary"
      " FROM json_to_recordset(CAST(:visits AS json)) AS i(id uuid, client_id uuid,"
      "  assignment_id uuid, guide_id uuid, micros bigint, duration int, mode text,"
      "  places text[], summary text)"
      " ON CONFLICT DO NOTHING RETURNING CAST(id AS text), ",
      MicrosOf("create_time"), ", ", MicrosOf("update_time"));
  if (!RunKept(sql, kInsert, soci::use(org_id, "org"), soci::use(rows, "visits"), soci::into(ids),
               soci::into(created), soci::into(updated))) {
    return inserted;
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    inserted[ids[i]] = {FromMicros(created[i]), FromMicros(updated[i])};
  }
  return inserted;
}

// A visit whose id is already stored: the same visit again (same client, assignment, guide and
// first revision) returns the stored one; anything else is another visit.
absl::StatusOr<CreateOutcome<VisitRecord>> Existing(soci::session& sql, const std::string& org_id,
                                                    const VisitRecord& visit) {
  ASSIGN_OR_RETURN(VisitRecord stored, SelectVisit(sql, org_id, "", visit.id, /*reveal=*/true));
  std::vector<VisitRevisionRecord> first = SelectRevisions(sql, org_id, visit.id, true, 1);
  if (stored.client_id != visit.client_id || stored.assignment_id != visit.assignment_id ||
      stored.guide_id != visit.guide_id || first.empty() || !(first[0].content == visit.content)) {
    return WithReason(
        absl::AlreadyExistsError("visit_id already names another visit; give this one a new id"),
        "VISIT_ID_IN_USE");
  }
  return CreateOutcome<VisitRecord>{std::move(stored), "", ""};
}

}  // namespace

absl::StatusOr<PgVisitsRepository::Results> PgVisitsRepository::LogBatch(
    soci::session& sql, const std::string& org, const std::vector<const CallVisit*>& items,
    const ResponseEncoder<VisitRecord>& encode) {
  std::vector<const NewVisit*> visits;
  for (const CallVisit* item : items) visits.push_back(&item->visit);
  Results results(visits.size(), absl::InternalError("not logged"));
  std::vector<const VisitRecord*> records;
  for (const NewVisit* v : visits) records.push_back(&v->visit);
  const std::vector<VisitCheck> checks = CheckVisits(sql, org, records);

  std::vector<absl::Status> admitted;
  for (size_t i = 0; i < visits.size(); ++i) admitted.push_back(Admit(checks[i], visits[i]->visit));

  // A request sent again while its first sending is in the same batch (calls written together)
  // is answered as the first is: `twins` of the first claimer's position. The first sendings'
  // request ids are claimed together.
  std::map<std::string, size_t> claimer;
  std::vector<const IdempotencyKey*> keys;
  std::vector<size_t> claim_of(visits.size());
  for (size_t i = 0; i < visits.size(); ++i) {
    const std::optional<IdempotencyKey>& key = visits[i]->key;
    if (checks[i].visit_exists || !admitted[i].ok() || !key) continue;
    if (claimer.emplace(key->request_id, i).second) {
      claim_of[i] = keys.size();
      keys.push_back(&*key);
    }
  }
  std::vector<absl::StatusOr<std::optional<Replay>>> claims = ClaimRequestIds(sql, org, keys);

  // Decide each visit; those to insert are `fresh`. A visit named twice in the batch is compared
  // with the first once that is written (`repeats`).
  std::vector<size_t> fresh, repeats;
  std::set<std::string> fresh_ids;
  std::vector<bool> claimed(visits.size(), false);  // request ids claimed in this transaction
  std::vector<std::pair<size_t, size_t>> twins;
  for (size_t i = 0; i < visits.size(); ++i) {
    const NewVisit& item = *visits[i];
    if (checks[i].visit_exists) {
      results[i] = Existing(sql, org, item.visit);
      continue;
    }
    if (!admitted[i].ok()) {
      results[i] = admitted[i];
      continue;
    }
    if (item.key) {
      if (const size_t first = claimer.at(item.key->request_id); first != i) {
        const IdempotencyKey& key = *visits[first]->key;
        if (key.method == item.key->method && key.fingerprint == item.key->fingerprint) {
          twins.push_back({i, first});
        } else {
          results[i] = RequestIdReused();
        }
        continue;
      }
      const absl::StatusOr<std::optional<Replay>>& replay = claims[claim_of[i]];
      if (!replay.ok() || *replay) {
        results[i] = replay.ok()
                         ? absl::StatusOr<CreateOutcome<VisitRecord>>(CreateOutcome<VisitRecord>{
                               std::nullopt, (*replay)->response, (*replay)->resource_id})
                         : replay.status();
        continue;
      }
      claimed[i] = true;
    }
    if (fresh_ids.contains(item.visit.id)) {
      repeats.push_back(i);
      continue;
    }
    fresh.push_back(i);
    fresh_ids.insert(item.visit.id);
  }

  std::vector<const VisitRecord*> to_insert;
  for (size_t i : fresh) to_insert.push_back(&visits[i]->visit);
  const std::map<std::string, Inserted> inserted = InsertVisits(sql, org, to_insert);
  std::vector<RevisionWrite> revisions;
  std::vector<EventRow> created;
  for (size_t i : fresh) {
    const VisitRecord& visit = visits[i]->visit;
    auto it = inserted.find(visit.id);
    if (it == inserted.end()) {
      // A twin committed between the check and the insert.
      repeats.push_back(i);
      continue;
    }
    VisitRecord record = visit;
    record.revision = 1;
    record.create_time = it->second.create_time;
    record.update_time = it->second.update_time;
    results[i] = CreateOutcome<VisitRecord>{std::move(record), "", ""};
    revisions.push_back({&visit, 1, "", items[i]->scope->actor});
    created.push_back(
        {"visit.created", ClientChildName(org, visit.client_id, "visits", visit.id), {}});
  }
  WriteRevisions(sql, org, revisions);
  AppendEvents(sql, org, created);
  for (size_t i : repeats) {
    results[i] = Existing(sql, org, visits[i]->visit);
    if (!results[i].ok() && claimed[i]) ReleaseRequestId(sql, org, *visits[i]->key);
  }
  for (const auto& [twin, first] : twins) results[twin] = results[first];

  // One access-log row per call and client; a new claim keeps the response it will replay.
  std::set<std::pair<const Accessor*, std::string>> accesses;
  std::vector<StoredResponse> responses;
  for (size_t i = 0; i < visits.size(); ++i) {
    if (!results[i].ok()) continue;
    accesses.insert({items[i]->scope, visits[i]->visit.client_id});
    if (claimed[i]) {
      responses.push_back(
          {&*visits[i]->key, encode(*results[i]->created), visits[i]->visit.id});
    }
  }
  StoreResponses(sql, org, responses);
  std::vector<AccessRow> rows;
  for (const auto& [accessor, client] : accesses) rows.push_back({accessor, {org, client}});
  RETURN_IF_ERROR(AppendAccesses(sql, rows));
  return results;
}

std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>> PgVisitsRepository::LogVisits(
    const CallScope& scope, const std::vector<NewVisit>& visits,
    const ResponseEncoder<VisitRecord>& encode) {
  std::vector<CallVisit> items;
  for (const NewVisit& visit : visits) items.push_back({&scope, visit});
  return LogVisitsOfCalls(scope, items, encode);
}

std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>> PgVisitsRepository::LogVisitsOfCalls(
    const CallScope& group, const std::vector<CallVisit>& items,
    const ResponseEncoder<VisitRecord>& encode) {
  if (items.empty()) return {};
  // Each organization's visits as one batch, in one transaction for all.
  std::map<std::string, std::vector<size_t>> by_org;
  for (size_t i = 0; i < items.size(); ++i) by_org[items[i].scope->org_id].push_back(i);
  absl::StatusOr<Results> all =
      Transact(db_, group, [&](soci::session& sql) -> absl::StatusOr<Results> {
        Results results(items.size(), absl::InternalError("not logged"));
        for (const auto& [org, positions] : by_org) {
          std::vector<const CallVisit*> batch;
          for (size_t i : positions) batch.push_back(&items[i]);
          ASSIGN_OR_RETURN(Results logged, LogBatch(sql, org, batch, encode));
          for (size_t k = 0; k < positions.size(); ++k) {
            results[positions[k]] = std::move(logged[k]);
          }
        }
        return results;
      });
  if (all.ok()) return *std::move(all);
  const absl::StatusCode code = all.status().code();
  if (items.size() == 1 || code == absl::StatusCode::kUnavailable ||
      code == absl::StatusCode::kDeadlineExceeded) {
    return Results(items.size(), all.status());
  }
  // Something unexpected failed the whole batch: each visit alone, so that one cannot fail the
  // others.
  Results results;
  for (const CallVisit& item : items) {
    results.push_back(LogVisitsOfCalls(*item.scope, {item}, encode)[0]);
  }
  return results;
}

absl::StatusOr<VisitRecord> PgVisitsRepository::AmendVisit(const CallScope& scope,
                                                           const std::string& client_id,
                                                           const std::string& id,
                                                           std::optional<int64_t> expected_revision,
                                                           const Change<VisitContent>& change,
                                                           const std::string& reason) {
  const std::string& org = scope.org_id;
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<VisitRecord> {
    absl::StatusOr<VisitRecord> stored = SelectVisit(sql, org, client_id, id, true, true);
    if (stored.status().code() == absl::StatusCode::kNotFound) return PermissionDenied();
    if (!stored.ok()) return stored.status();
    if (stored->guide_id != scope.guide_id) return PermissionDenied();
    VisitRecord amended = *stored;
    RETURN_IF_ERROR(change(amended.content));
    RETURN_IF_ERROR(Admit(CheckVisits(sql, org, {&amended}).front(), amended));
    RETURN_IF_ERROR(CheckRevision(stored->revision, expected_revision));
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    if (amended.content == stored->content) return *stored;
    const VisitContent& c = amended.content;
    long long micros = ToMicros(c.start_time);
    std::string places = ToJsonArray(c.places);
    sql << kAmendVisit, soci::use(micros, "micros"), soci::use(c.duration_minutes, "duration"),
        soci::use(c.mode, "mode"), soci::use(places, "places"), soci::use(c.summary, "summary"),
        soci::use(org, "org"), soci::use(id, "id");
    // The goal links follow the latest revision.
    sql << kDeleteGoalLinks, soci::use(org, "org"), soci::use(id, "id");
    WriteRevisions(sql, org,
                   {{&amended, static_cast<int>(stored->revision + 1), reason, scope.actor}});
    AppendEvent(sql, org, "visit.amended", ClientChildName(org, client_id, "visits", id),
                c.ChangedFields(stored->content));
    return SelectVisit(sql, org, client_id, id, /*reveal=*/true);
  });
}

absl::StatusOr<CreateOutcome<VisitCorrectionNoteRecord>> PgVisitsRepository::AddCorrectionNote(
    const CallScope& scope, const VisitCorrectionNoteRecord& note,
    const std::optional<IdempotencyKey>& key,
    const ResponseEncoder<VisitCorrectionNoteRecord>& encode) {
  const std::string& org = scope.org_id;
  return Transact(
      db_, scope,
      [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<VisitCorrectionNoteRecord>> {
        ASSIGN_OR_RETURN(auto outcome,
                         CreateOnce<VisitCorrectionNoteRecord>(
                             sql, org, key,
                             [&]() -> absl::StatusOr<VisitCorrectionNoteRecord> {
                               long long micros = 0;
                               soci::indicator ind = soci::i_null;
                               sql << kInsertCorrectionNote, soci::use(note.id, "id"),
                                   soci::use(note.text, "text"), soci::use(scope.actor, "author"),
                                   soci::use(scope.role, "role"), soci::use(org, "org"),
                                   soci::use(note.visit_id, "visit"),
                                   soci::use(note.client_id, "client"), soci::into(micros, ind);
                               if (!sql.got_data() || ind != soci::i_ok) {
                                 return absl::NotFoundError("visit not found");
                               }
                               VisitCorrectionNoteRecord created = note;
                               created.org_id = org;
                               created.author = scope.actor;
                               created.author_role = scope.role;
                               created.create_time = FromMicros(micros);
                               AppendEvent(
                                   sql, org, "visit_correction_note.created",
                                   ClientChildName(org, note.client_id, "visits", note.visit_id) +
                                       "/correctionNotes/" + note.id,
                                   {});
                               return created;
                             },
                             encode));
        RETURN_IF_ERROR(LogClient(sql, scope, note.client_id));
        return outcome;
      });
}

}  // namespace rinnalla::storage
