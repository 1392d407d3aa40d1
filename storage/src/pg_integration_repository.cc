// PostgreSQL implementation of IntegrationRepository: the record systems' client import and the
// care plan export.

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "client_rows.h"
#include "codec.h"
#include "goal_rows.h"
#include "outbox.h"
#include "refusals.h"
#include "rinnalla/storage/integration_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

using RefKey = std::pair<std::string, std::string>;  // (system, id)

RefKey KeyOf(const ExternalRefRecord& ref) { return {ref.system, ref.id}; }

bool Holds(const ClientRecord& client, const ExternalRefRecord& ref) {
  return std::find(client.external_refs.begin(), client.external_refs.end(), ref) !=
         client.external_refs.end();
}

absl::Status RefsConflict(size_t first, size_t second) {
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          "client.external_refs[", second, "] names another client than client.external_refs[",
          first, "]; merge or correct them in Rinnalla first")),
      "EXTERNAL_REFS_CONFLICT");
}

// A client as a batch leaves it: as stored (absent for a new one) and as it is now.
struct Working {
  std::optional<ClientRecord> stored;
  ClientRecord now;
};

// Decides a batch in memory against what the database holds now, in item order, then writes
// everything in a few multi-row statements.
class ImportBatch {
 public:
  ImportBatch(soci::session& sql, const CallScope& scope, const std::vector<ClientImport>& items)
      : sql_(sql), scope_(scope), org_(scope.org_id), items_(items) {}

  absl::StatusOr<std::vector<ClientImportResult>> Run() {
    LoadHolders();
    std::vector<ClientImportResult> results;
    results.reserve(items_.size());
    for (const ClientImport& item : items_) results.push_back(Decide(item));
    RETURN_IF_ERROR(Write());
    return results;
  }

 private:
  // Who holds each ref of the batch, and those clients, locked until commit.
  void LoadHolders() {
    std::vector<ExternalRefRecord> refs;
    for (const ClientImport& item : items_) {
      refs.insert(refs.end(), item.client.external_refs.begin(), item.client.external_refs.end());
    }
    std::set<std::string> ids;
    for (const ExternalRefRow& row : SelectExternalRefs(sql_, org_, refs)) {
      holder_[KeyOf(row.ref)] = row.client_id;
      ids.insert(row.client_id);
    }
    for (ClientRecord& c : SelectClients(sql_, org_, {ids.begin(), ids.end()}, true)) {
      std::string id = c.id;
      clients_[id] = Working{c, std::move(c)};
    }
  }

  ClientImportResult Decide(const ClientImport& item) {
    ClientImportResult result;
    const std::vector<ExternalRefRecord>& refs = item.client.external_refs;
    std::optional<std::pair<size_t, std::string>> named;  // (index of the ref, the client)
    for (size_t i = 0; i < refs.size(); ++i) {
      auto it = holder_.find(KeyOf(refs[i]));
      if (it == holder_.end()) continue;
      if (named && named->second != it->second) {
        result.status = RefsConflict(named->first, i);
        return result;
      }
      if (!named) named = {i, it->second};
    }
    if (!named) return Create(item);
    auto it = clients_.find(named->second);
    if (it == clients_.end()) {
      result.status = absl::AbortedError("the client changed during the import; send it again");
      return result;
    }
    return Update(item, it->second);
  }

  ClientImportResult Create(const ClientImport& item) {
    ClientRecord client = item.client;
    client.org_id = org_;
    client.revision = 1;
    for (const ExternalRefRecord& ref : client.external_refs) holder_[KeyOf(ref)] = client.id;
    events_.push_back({"client.created", ResourceName(org_, "clients", client.id), {}});
    Accessed(client.id);
    ClientImportResult result{absl::OkStatus(), ImportOutcome::kCreated, client.id, 1};
    clients_.insert_or_assign(result.client_id, Working{std::nullopt, std::move(client)});
    return result;
  }

  ClientImportResult Update(const ClientImport& item, Working& working) {
    ClientImportResult result;
    ClientRecord next = working.now;
    if (absl::Status changed = item.update(next); !changed.ok()) {
      result.status = changed;
      return result;
    }
    std::vector<std::string> fields = next.ChangedFields(working.now);
    result.client_id = next.id;
    Accessed(next.id);
    if (fields.empty()) {
      result.outcome = ImportOutcome::kUnchanged;
      result.revision = working.now.revision;
      return result;
    }
    for (size_t i = 0; i < next.external_refs.size(); ++i) {
      auto it = holder_.find(KeyOf(next.external_refs[i]));
      if (it != holder_.end() && it->second != next.id) {
        result.status = RefsConflict(0, i);
        return result;
      }
    }
    for (const ExternalRefRecord& ref : working.now.external_refs) {
      if (!Holds(next, ref)) holder_.erase(KeyOf(ref));
    }
    for (const ExternalRefRecord& ref : next.external_refs) holder_[KeyOf(ref)] = next.id;
    next.revision = working.now.revision + 1;
    events_.push_back({"client.updated", ResourceName(org_, "clients", next.id), fields});
    result.outcome = ImportOutcome::kUpdated;
    result.revision = next.revision;
    working.now = std::move(next);
    return result;
  }

  // One access-log row per client of the batch.
  void Accessed(const std::string& id) {
    if (accessed_set_.insert(id).second) accessed_.push_back(id);
  }

  // Refs that left a client are deleted before any is inserted, as another client of the same
  // batch may take them.
  absl::Status Write() {
    std::vector<const ClientRecord*> inserts, updates;
    std::vector<ExternalRefRecord> removed;
    std::vector<ExternalRefRow> added;
    for (const auto& [id, w] : clients_) {
      if (w.stored && w.now.revision == w.stored->revision) continue;
      (w.stored ? updates : inserts).push_back(&w.now);
      for (size_t i = 0; i < w.now.external_refs.size(); ++i) {
        const ExternalRefRecord& ref = w.now.external_refs[i];
        if (!w.stored || !Holds(*w.stored, ref)) added.push_back({ref, id, static_cast<int>(i)});
      }
      if (!w.stored) continue;
      for (const ExternalRefRecord& ref : w.stored->external_refs) {
        if (!Holds(w.now, ref)) removed.push_back(ref);
      }
    }
    DeleteExternalRefs(sql_, org_, removed);
    InsertClients(sql_, org_, inserts);
    UpdateClients(sql_, org_, updates);
    InsertExternalRefs(sql_, org_, added);
    AppendEvents(sql_, org_, events_);
    return AppendAccessForEach(sql_, scope_, org_, accessed_);
  }

  soci::session& sql_;
  const CallScope& scope_;
  const std::string& org_;
  const std::vector<ClientImport>& items_;
  std::map<RefKey, std::string> holder_;  // ref -> client id, as the batch leaves it
  std::map<std::string, Working> clients_;
  std::vector<EventRow> events_;
  std::vector<std::string> accessed_;
  std::set<std::string> accessed_set_;
};

// Errors that one item can cause; a batch failing with one is retried item by item. Anything
// else is the database's trouble and fails the import.
bool IsItemError(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kOutOfRange:
      return true;
    default:
      return false;
  }
}

// How often a batch is decided again after a concurrent import or Directory call took one of
// its refs first (a unique violation).
constexpr int kRaceAttempts = 3;

// Reading the care plan's parts: each statement reads one client's rows, binding :org and
// :client.

constexpr char kSelectSocialWorkers[] =
    // The social workers present at the guidance's held meetings, as the latest outcome records.
    "SELECT DISTINCT CAST(m.assignment_id AS text), p.identity"
    " FROM meetings m JOIN meeting_participants p ON p.org_id = m.org_id"
    "   AND p.meeting_id = m.id AND p.revision = m.outcome_revision"
    " WHERE m.org_id = :org AND m.client_id = CAST(:client AS uuid)"
    "   AND m.state = 'HELD' AND p.role = 'SOCIAL_WORKER' AND p.present"
    "   AND p.identity <> '' ORDER BY 1, 2";

const std::string kSelectRatings =
    absl::StrCat("SELECT CAST(goal_id AS text), score, rated_by, ", MicrosOf("time"),
                 " FROM goal_ratings WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
                 " ORDER BY time, id");

const std::string kSelectVisits =
    absl::StrCat("SELECT CAST(id AS text), CAST(assignment_id AS text), CAST(guide_id AS text), ",
                 MicrosOf("start_time"), ", duration_minutes, mode, ", JsonOf("places"),
                 " FROM visits WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
                 " ORDER BY start_time, id");

soci::rowset<soci::row> ClientRows(soci::session& sql, const std::string& statement,
                                   const std::string& org, const std::string& client) {
  return (sql.prepare << statement, soci::use(org, "org"), soci::use(client, "client"));
}

std::vector<ExportedGuidance> SelectGuidances(soci::session& sql, const std::string& org,
                                              const std::string& client) {
  // Function-local: the columns are another file's constant, made at start-up.
  static const std::string kSelectGuidances =
      absl::StrCat("SELECT ", AssignmentColumns(),
                   " FROM assignments WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
                   " ORDER BY start_time, id");
  std::vector<ExportedGuidance> guidances;
  for (const soci::row& row : ClientRows(sql, kSelectGuidances, org, client)) {
    guidances.push_back({ReadAssignment(row), {}});
  }
  for (const soci::row& row : ClientRows(sql, kSelectSocialWorkers, org, client)) {
    for (ExportedGuidance& g : guidances) {
      if (g.assignment.id == row.get<std::string>(0)) {
        g.social_workers.push_back(row.get<std::string>(1));
      }
    }
  }
  return guidances;
}

std::vector<ExportedGoal> SelectGoals(soci::session& sql, const std::string& org,
                                      const std::string& client) {
  static const std::string kSelectGoals =
      absl::StrCat("SELECT ", GoalColumns(),
                   " FROM goals WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
                   " ORDER BY create_time, id");
  std::vector<ExportedGoal> goals;
  std::map<std::string, size_t> index;
  for (const soci::row& row : ClientRows(sql, kSelectGoals, org, client)) {
    GoalRecord goal = ReadGoal(row);
    index[goal.id] = goals.size();
    goals.push_back({std::move(goal), {}});
  }
  for (const soci::row& row : ClientRows(sql, kSelectRatings, org, client)) {
    auto it = index.find(row.get<std::string>(0));
    if (it == index.end()) continue;
    goals[it->second].ratings.push_back(
        {row.get<int>(1), row.get<std::string>(2), FromMicros(row.get<long long>(3))});
  }
  return goals;
}

std::vector<ExportedVisit> SelectVisits(soci::session& sql, const std::string& org,
                                        const std::string& client) {
  std::vector<ExportedVisit> visits;
  for (const soci::row& row : ClientRows(sql, kSelectVisits, org, client)) {
    ExportedVisit v;
    v.id = row.get<std::string>(0);
    v.assignment_id = row.get<std::string>(1);
    v.guide_id = row.get<std::string>(2);
    v.start_time = FromMicros(row.get<long long>(3));
    v.duration_minutes = row.get<int>(4);
    v.mode = row.get<std::string>(5);
    v.places = FromJsonArray(row.get<std::string>(6));
    visits.push_back(std::move(v));
  }
  return visits;
}

class PgIntegrationRepository final : public IntegrationRepository {
 public:
  explicit PgIntegrationRepository(Database& db) : db_(db) {}

  absl::StatusOr<std::vector<ClientImportResult>> ImportClients(
      const CallScope& scope, const std::vector<ClientImport>& items) override {
    if (items.empty()) return std::vector<ClientImportResult>();
    absl::StatusOr<std::vector<ClientImportResult>> results;
    for (int attempt = 1; attempt <= kRaceAttempts; ++attempt) {
      results = Transact(db_, scope,
                         [&](soci::session& sql) { return ImportBatch(sql, scope, items).Run(); });
      if (results.ok() || results.status().code() != absl::StatusCode::kAlreadyExists) break;
    }
    if (results.ok() || !IsItemError(results.status())) return results;
    if (items.size() == 1) return std::vector<ClientImportResult>{{results.status()}};
    // One item spoils the batch: each alone, so the rest go through.
    std::vector<ClientImportResult> each;
    for (const ClientImport& item : items) {
      ASSIGN_OR_RETURN(std::vector<ClientImportResult> one, ImportClients(scope, {item}));
      each.push_back(std::move(one.front()));
    }
    return each;
  }

  absl::StatusOr<CarePlanSource> ReadCarePlan(const CallScope& scope,
                                              const std::string& client_id) override {
    const std::string& org = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<CarePlanSource> {
      CarePlanSource source;
      ASSIGN_OR_RETURN(source.client, SelectClient(sql, org, client_id, false));
      source.guidances = SelectGuidances(sql, org, client_id);
      source.goals = SelectGoals(sql, org, client_id);
      source.visits = SelectVisits(sql, org, client_id);
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      return source;
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<IntegrationRepository> MakePgIntegrationRepository(Database& db) {
  return std::make_unique<PgIntegrationRepository>(db);
}

}  // namespace rinnalla::storage
