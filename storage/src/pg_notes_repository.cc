// PostgreSQL implementation of NotesRepository.

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "idempotency.h"
#include "note_queries.h"
#include "outbox.h"
#include "outcome_queries.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/storage/status.h"
#include "timeline_query.h"
#include "transaction.h"
#include "viewer_scope.h"

namespace rinnalla::storage {
namespace {

absl::Status Precondition(absl::string_view reason, absl::string_view message) {
  return WithReason(absl::FailedPreconditionError(message), reason);
}

struct AssignmentRow {
  std::string client_id;
  std::string guide_id;
  std::string state;
};

// The assignment, share-locked so that it cannot end while a note is written on it.
std::optional<AssignmentRow> LockAssignment(soci::session& sql, const std::string& org,
                                            const std::string& id) {
  AssignmentRow a;
  soci::indicator ind = soci::i_null;
  sql << "SELECT CAST(client_id AS text), CAST(guide_id AS text), state FROM assignments"
         " WHERE org_id = :org AND id = CAST(:id AS uuid) FOR SHARE",
      soci::use(org), soci::use(id), soci::into(a.client_id, ind), soci::into(a.guide_id),
      soci::into(a.state);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return a;
}

// The note's assignment: the corrected note's, the one given, or the client's open one. A guide
// writes only on their own ACTIVE or PAUSED assignment. Sets `observed` for a correction.
absl::StatusOr<std::string> ResolveAssignment(soci::session& sql, const Accessor& accessor,
                                              const NoteViewer& author, const NewProgressNote& n,
                                              std::optional<long long>& observed) {
  const std::string& org = accessor.org_id;
  std::optional<std::string> assignment = n.assignment_id;
  if (n.corrects_id) {
    std::string corrected_assignment, corrected_author;
    long long corrected_observed = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT CAST(assignment_id AS text), author, " << MicrosOf("observed_time")
        << " FROM progress_notes WHERE org_id = :org AND id = CAST(:id AS uuid)"
           " AND client_id = CAST(:c AS uuid)",
        soci::use(org), soci::use(*n.corrects_id), soci::use(n.client_id),
        soci::into(corrected_assignment, ind), soci::into(corrected_author),
        soci::into(corrected_observed);
    // Someone else's note looks the same as no note: nothing is told about it.
    if (!sql.got_data() || ind != soci::i_ok || corrected_author != accessor.actor) {
      return Precondition("NOT_OWN_NOTE", "`corrects` must name one of your notes of this client");
    }
    if (assignment && *assignment != corrected_assignment) {
      return Precondition("CORRECTION_OF_OTHER_ASSIGNMENT",
                          "a correction belongs to the corrected note's assignment");
    }
    assignment = corrected_assignment;
    observed = corrected_observed;
  }
  if (!assignment) {
    std::string open;
    soci::indicator ind = soci::i_null;
    sql << "SELECT CAST(id AS text) FROM assignments WHERE org_id = :org"
           " AND client_id = CAST(:c AS uuid) AND state IN ('ACTIVE', 'PAUSED')",
        soci::use(org), soci::use(n.client_id), soci::into(open, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
      if (author.is_guide()) return NotPermitted();
      return Precondition("NO_OPEN_ASSIGNMENT",
                          "the client has no ACTIVE or PAUSED assignment; name the assignment");
    }
    assignment = open;
  }
  std::optional<AssignmentRow> a = LockAssignment(sql, org, *assignment);
  if (!a || a->client_id != n.client_id) {
    return Precondition("ASSIGNMENT_NOT_OF_CLIENT", "the assignment is not one of this client's");
  }
  if (author.is_guide()) {
    if (a->guide_id != author.guide_id) return NotPermitted();
    if (a->state == "ENDED") return Precondition("ASSIGNMENT_ENDED", "the assignment has ended");
  }
  return *assignment;
}

// Every rated goal must be an AGREED goal of the note's assignment; share-locked so that it stays
// so until the note commits.
absl::Status CheckRatedGoals(soci::session& sql, const std::string& org,
                             const std::string& assignment_id,
                             const std::vector<GoalRatingRecord>& ratings) {
  if (ratings.empty()) return absl::OkStatus();
  std::vector<std::string> ids;
  for (const GoalRatingRecord& r : ratings) ids.push_back(r.goal_id);
  std::string joined = JoinArray(ids);
  std::set<std::string> agreed;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT CAST(id AS text) FROM goals WHERE org_id = :org"
                      " AND assignment_id = CAST(:a AS uuid) AND state = 'AGREED'"
                      " AND id = ANY (CAST(string_to_array(:ids, chr(31)) AS uuid[])) FOR SHARE",
       soci::use(org), soci::use(assignment_id), soci::use(joined));
  for (const soci::row& row : rows) agreed.insert(row.get<std::string>(0));
  for (size_t i = 0; i < ratings.size(); ++i) {
    if (!agreed.contains(ratings[i].goal_id)) {
      return Precondition(
          "GOAL_NOT_AGREED",
          absl::StrCat("goal_ratings[", i,
                       "]: the goal is not an AGREED goal of the note's assignment"));
    }
  }
  return absl::OkStatus();
}

std::string NoteName(const std::string& org, const std::string& client, const std::string& id) {
  return absl::StrCat("organizations/", org, "/clients/", client, "/notes/", id);
}

absl::StatusOr<ProgressNoteRecord> InsertNote(soci::session& sql, const Accessor& accessor,
                                              const NoteViewer& author, const NewProgressNote& n) {
  const std::string& org = accessor.org_id;
  std::optional<long long> observed;
  ASSIGN_OR_RETURN(std::string assignment, ResolveAssignment(sql, accessor, author, n, observed));
  RETURN_IF_ERROR(CheckRatedGoals(sql, org, assignment, n.ratings));
  std::string corrects = n.corrects_id.value_or("");
  long long observed_micros = observed.value_or(0);
  soci::indicator corrects_ind = n.corrects_id ? soci::i_ok : soci::i_null;
  soci::indicator observed_ind = observed ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO progress_notes (org_id, id, client_id, assignment_id, author, author_role,"
         " text, visibility, corrects_id, observed_time, create_time)"
         " SELECT $1, CAST($2 AS uuid), CAST($3 AS uuid), CAST($4 AS uuid), $5, $6, $7, $8,"
         " CAST($9 AS uuid), coalesce("
      << TimeFromMicros("$10")
      << ", now.t), now.t"
         " FROM (SELECT clock_timestamp() AS t) AS now",
      soci::use(org), soci::use(n.id), soci::use(n.client_id), soci::use(assignment),
      soci::use(accessor.actor), soci::use(author.role), soci::use(n.text), soci::use(n.visibility),
      soci::use(corrects, corrects_ind), soci::use(observed_micros, observed_ind);
  if (!n.ratings.empty()) {
    std::vector<std::string> goals, scores, raters, comments;
    for (const GoalRatingRecord& r : n.ratings) {
      goals.push_back(r.goal_id);
      scores.push_back(absl::StrCat(r.score));
      raters.push_back(r.rated_by);
      comments.push_back(r.comment);
    }
    std::string g = JoinArray(goals), s = JoinArray(scores), r = JoinArray(raters),
                c = JoinArray(comments);
    // The ratings hold for the time the note speaks of. unnest pads a shorter array with NULLs:
    // comments that are all empty join to fewer elements.
    sql << "INSERT INTO goal_ratings (org_id, client_id, goal_id, score, rated_by, comment,"
           " source_kind, source_id, recorded_by, time)"
           " SELECT $1, CAST($2 AS uuid), CAST(x.g AS uuid), CAST(x.s AS integer), x.r,"
           " coalesce(x.c, ''), 'NOTE', n.id, $3, n.observed_time"
           " FROM progress_notes n, unnest(string_to_array($4, chr(31)), string_to_array($5, "
           "chr(31)),"
           " string_to_array($6, chr(31)), string_to_array($7, chr(31))) AS x(g, s, r, c)"
           " WHERE n.org_id = $1 AND n.id = CAST($8 AS uuid)",
        soci::use(org), soci::use(n.client_id), soci::use(accessor.actor), soci::use(g),
        soci::use(s), soci::use(r), soci::use(c), soci::use(n.id);
  }
  AppendEvent(sql, org, "note.created", NoteName(org, n.client_id, n.id), {});
  Page<ProgressNoteRecord> written =
      SelectNotes(sql, org, author, NoteSelection{n.client_id, n.id, {}}, PageRequest{1, {}});
  if (written.items.empty()) return absl::InternalError("the note just written cannot be read");
  return written.items.front();
}

class PgNotesRepository final : public NotesRepository {
 public:
  explicit PgNotesRepository(Database& db) : db_(db) {}

  absl::StatusOr<CreateOutcome<ProgressNoteRecord>> AddNote(
      const Accessor& accessor, const NoteViewer& author, const NewProgressNote& note,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ProgressNoteRecord>& encode) override {
    return Transact(
        db_, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ProgressNoteRecord>> {
          RETURN_IF_ERROR(HoldGuideToClient(sql, accessor.org_id, author, note.client_id));
          ASSIGN_OR_RETURN(auto outcome,
                           CreateOnce<ProgressNoteRecord>(
                               sql, accessor.org_id, key,
                               [&] { return InsertNote(sql, accessor, author, note); }, encode));
          RETURN_IF_ERROR(AppendClientAccess(sql, accessor, note.client_id));
          return outcome;
        });
  }

  absl::StatusOr<ProgressNoteRecord> GetNote(const Accessor& accessor, const NoteViewer& viewer,
                                             const std::string& client_id,
                                             const std::string& id) override {
    return Transact(db_, [&](soci::session& sql) -> absl::StatusOr<ProgressNoteRecord> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, accessor.org_id, viewer, client_id));
      Page<ProgressNoteRecord> found = SelectNotes(
          sql, accessor.org_id, viewer, NoteSelection{client_id, id, {}}, PageRequest{1, {}});
      if (found.items.empty()) {
        // A guide is told no more about a note they may not read than about a missing one.
        if (viewer.is_guide()) return NotPermitted();
        return absl::NotFoundError("progress note not found");
      }
      RETURN_IF_ERROR(AppendClientAccess(sql, accessor, client_id));
      return found.items.front();
    });
  }

  absl::StatusOr<Page<ProgressNoteRecord>> ListNotes(const Accessor& accessor,
                                                     const NoteViewer& viewer,
                                                     const std::string& client_id,
                                                     const NoteFilter& filter,
                                                     const PageRequest& page) override {
    return Transact(db_, [&](soci::session& sql) -> absl::StatusOr<Page<ProgressNoteRecord>> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, accessor.org_id, viewer, client_id));
      RETURN_IF_ERROR(AppendClientAccess(sql, accessor, client_id));
      return SelectNotes(sql, accessor.org_id, viewer,
                         NoteSelection{client_id, std::nullopt, filter}, page);
    });
  }

  absl::StatusOr<Page<TimelineEntryRecord>> Timeline(const Accessor& accessor,
                                                     const NoteViewer& viewer,
                                                     const std::string& client_id,
                                                     const PageRequest& page) override {
    return Transact(db_, [&](soci::session& sql) -> absl::StatusOr<Page<TimelineEntryRecord>> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, accessor.org_id, viewer, client_id));
      RETURN_IF_ERROR(AppendClientAccess(sql, accessor, client_id));
      return SelectTimeline(sql, accessor.org_id, viewer, client_id, page);
    });
  }

  absl::StatusOr<GoalAttainmentRecord> GoalAttainment(
      const Accessor& accessor, const NoteViewer& viewer, const std::string& client_id,
      const std::optional<std::string>& assignment_id) override {
    return Transact(db_, [&](soci::session& sql) -> absl::StatusOr<GoalAttainmentRecord> {
      const std::string& org = accessor.org_id;
      RETURN_IF_ERROR(HoldGuideToClient(sql, org, viewer, client_id));
      GoalAttainmentRecord result;
      ASSIGN_OR_RETURN(result.assignment_id,
                       AttainmentAssignment(sql, org, viewer, client_id, assignment_id));
      RETURN_IF_ERROR(AppendClientAccess(sql, accessor, client_id));
      if (result.assignment_id.empty()) return result;
      result.goals = SelectGoalsWithRatings(sql, org, viewer, result.assignment_id);
      return result;
    });
  }

  absl::StatusOr<OutcomeFigures> SummarizeOutcomes(const Accessor& accessor,
                                                   const OutcomeQuery& query) override {
    return Transact(db_, [&](soci::session& sql) -> absl::StatusOr<OutcomeFigures> {
      OutcomeFigures figures = SelectOutcomeFigures(sql, accessor.org_id, query);
      RETURN_IF_ERROR(AppendAccessForEach(sql, accessor, accessor.org_id,
                                          SelectOutcomeClients(sql, accessor.org_id, query)));
      return figures;
    });
  }

 private:
  // The assignment whose goals are shown: the one asked for, or the client's latest the viewer
  // may see ("" when there is none).
  static absl::StatusOr<std::string> AttainmentAssignment(soci::session& sql,
                                                          const std::string& org,
                                                          const NoteViewer& viewer,
                                                          const std::string& client_id,
                                                          const std::optional<std::string>& asked) {
    std::string id, client, guide;
    soci::indicator ind = soci::i_null;
    if (asked) {
      sql << "SELECT CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text)"
             " FROM assignments WHERE org_id = :org AND id = CAST(:id AS uuid)",
          soci::use(org), soci::use(*asked), soci::into(id, ind), soci::into(client),
          soci::into(guide);
      if (!sql.got_data() || ind != soci::i_ok || client != client_id) {
        return Precondition("ASSIGNMENT_NOT_OF_CLIENT",
                            "the assignment is not one of this client's");
      }
      if (viewer.is_guide() && guide != viewer.guide_id) return NotPermitted();
      return id;
    }
    std::string guide_filter = viewer.guide_id;
    sql << "SELECT CAST(id AS text) FROM assignments WHERE org_id = $1"
           " AND client_id = CAST($2 AS uuid)"
           " AND ($3 = '' OR guide_id = CAST(NULLIF($3, '') AS uuid))"
           " ORDER BY start_time DESC, id DESC LIMIT 1",
        soci::use(org), soci::use(client_id), soci::use(guide_filter), soci::into(id, ind);
    if (!sql.got_data() || ind != soci::i_ok) return std::string();
    return id;
  }

  // The goals agreed in the assignment with the ratings that stand, oldest first. A guide does
  // not see ratings of staff-only notes; staff do not see a guide's comments without consent.
  static std::vector<GoalWithRatings> SelectGoalsWithRatings(soci::session& sql,
                                                             const std::string& org,
                                                             const NoteViewer& viewer,
                                                             const std::string& assignment_id) {
    std::vector<GoalWithRatings> goals;
    std::map<std::string, size_t> index;
    soci::rowset<soci::row> goal_rows =
        (sql.prepare << "SELECT CAST(id AS text), title, state, weight FROM goals"
                        " WHERE org_id = :org AND assignment_id = CAST(:a AS uuid)"
                        " AND state IN ('AGREED', 'ACHIEVED', 'NOT_ACHIEVED')"
                        " ORDER BY coalesce(agreed_time, create_time), id",
         soci::use(org), soci::use(assignment_id));
    for (const soci::row& row : goal_rows) {
      index[row.get<std::string>(0)] = goals.size();
      goals.push_back({row.get<std::string>(0),
                       row.get<std::string>(1),
                       row.get<std::string>(2),
                       row.get<int>(3),
                       {}});
    }
    if (goals.empty()) return goals;
    std::string guide = viewer.guide_id;
    soci::rowset<soci::row> rating_rows =
        (sql.prepare
             << "SELECT CAST(r.goal_id AS text), r.score, r.rated_by, CASE WHEN w.withheld THEN ''"
                " ELSE r.comment END, CAST(w.withheld AS int), r.source_kind,"
                " CAST(r.source_id AS text), "
             << MicrosOf("r.time")
             << " FROM current_goal_ratings r JOIN goals g ON g.org_id = r.org_id"
                " AND g.id = r.goal_id AND g.assignment_id = CAST($2 AS uuid)"
                " AND g.state IN ('AGREED', 'ACHIEVED', 'NOT_ACHIEVED')"
                " LEFT JOIN progress_notes n ON r.source_kind = 'NOTE' AND n.org_id = r.org_id"
                " AND n.id = r.source_id"
                " CROSS JOIN LATERAL (SELECT coalesce($3 = '' AND n.author_role = 'GUIDE'"
                " AND NOT information_sharing_granted(n.org_id, n.assignment_id), false)"
                " AS withheld) w"
                " WHERE r.org_id = $1"
                " AND ($3 = '' OR n.visibility IS DISTINCT FROM 'STAFF_ONLY')"
                // One note may rate a goal for two raters: at equal times the client's view
                // comes last, so it is the latest.
                " ORDER BY r.goal_id, r.time, r.rated_by = 'CLIENT', r.id",
         soci::use(org), soci::use(assignment_id), soci::use(guide));
    for (const soci::row& row : rating_rows) {
      GoalRatingRecord r;
      r.goal_id = row.get<std::string>(0);
      r.score = row.get<int>(1);
      r.rated_by = row.get<std::string>(2);
      r.comment = row.get<std::string>(3);
      r.comment_withheld = row.get<int>(4) != 0;
      r.source_kind = row.get<std::string>(5);
      r.source_id = row.get<std::string>(6);
      r.time = FromMicros(row.get<long long>(7));
      goals[index.at(r.goal_id)].ratings.push_back(std::move(r));
    }
    return goals;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<NotesRepository> MakePgNotesRepository(Database& db) {
  return std::make_unique<PgNotesRepository>(db);
}

}  // namespace rinnalla::storage
