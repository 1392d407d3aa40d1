// PostgreSQL implementation of NotesRepository.

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "assignment_rows.h"
#include "codec.h"
#include "goal_rows.h"
#include "guide_hold.h"
#include "idempotency.h"
#include "note_queries.h"
#include "outbox.h"
#include "outcome_queries.h"
#include "refusals.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/storage/status.h"
#include "timeline_query.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

const std::string kSelectCorrectedNote =
    absl::StrCat("SELECT CAST(assignment_id AS text), author, ", MicrosOf("observed_time"),
                 " FROM progress_notes WHERE org_id = :org AND id = CAST(:id AS uuid)"
                 " AND client_id = CAST(:client AS uuid)");

constexpr char kSelectOpenAssignment[] =
    "SELECT CAST(id AS text) FROM assignments WHERE org_id = :org"
    " AND client_id = CAST(:client AS uuid) AND state IN ('ACTIVE', 'PAUSED')";

const std::string kInsertNote = absl::StrCat(
    "INSERT INTO progress_notes (org_id, id, client_id, assignment_id, author, author_role, text,"
    " visibility, corrects_id, observed_time, create_time)"
    " SELECT :org, CAST(:id AS uuid), CAST(:client AS uuid), CAST(:assignment AS uuid), :author,"
    " :role, :text, :visibility, CAST(:corrects AS uuid), coalesce(",
    TimeFromMicros(":observed"),
    ", now.t), now.t FROM (SELECT clock_timestamp() AS t) AS now RETURNING ",
    MicrosOf("observed_time"));

// GoalAttainment's statements.
constexpr char kSelectAssignment[] =
    "SELECT CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text)"
    " FROM assignments WHERE org_id = :org AND id = CAST(:id AS uuid)";

// The client's latest assignment; a guide's latest with the client (:guide '' for staff).
constexpr char kSelectLatestAssignment[] =
    "SELECT CAST(id AS text) FROM assignments WHERE org_id = :org"
    " AND client_id = CAST(:client AS uuid)"
    " AND (:guide = '' OR guide_id = CAST(NULLIF(:guide, '') AS uuid))"
    " ORDER BY start_time DESC, id DESC LIMIT 1";

constexpr char kSelectAttainmentGoals[] =
    "SELECT CAST(id AS text), title, state, weight FROM goals"
    " WHERE org_id = :org AND assignment_id = CAST(:assignment AS uuid)"
    " AND state IN ('AGREED', 'ACHIEVED', 'NOT_ACHIEVED')"
    " ORDER BY coalesce(agreed_time, create_time), id";

const std::string kSelectAttainmentRatings = absl::StrCat(
    "SELECT CAST(r.goal_id AS text), r.score, r.rated_by, CASE WHEN w.withheld THEN ''"
    " ELSE r.comment END, CAST(w.withheld AS int), r.source_kind, CAST(r.source_id AS text), ",
    MicrosOf("r.time"),
    " FROM current_goal_ratings r JOIN goals g ON g.org_id = r.org_id"
    " AND g.id = r.goal_id AND g.assignment_id = CAST(:assignment AS uuid)"
    " AND g.state IN ('AGREED', 'ACHIEVED', 'NOT_ACHIEVED')"
    " LEFT JOIN progress_notes n ON r.source_kind = 'NOTE' AND n.org_id = r.org_id"
    " AND n.id = r.source_id"
    " CROSS JOIN LATERAL (SELECT coalesce(:guide = '' AND n.author_role = 'GUIDE'"
    " AND NOT information_sharing_granted(n.org_id, n.assignment_id), false) AS withheld) w"
    " WHERE r.org_id = :org AND (:guide = '' OR n.visibility IS DISTINCT FROM 'STAFF_ONLY')"
    // One note may rate a goal for two raters: at equal times the client's view comes last, so
    // it is the latest.
    " ORDER BY r.goal_id, r.time, r.rated_by = 'CLIENT', r.id");

// The same refusal with the rating it is about named first.
absl::Status AboutRating(size_t i, const absl::Status& status) {
  absl::Status named(status.code(), absl::StrCat("goal_ratings[", i, "]: ", status.message()));
  std::optional<std::string> reason = ReasonOf(status);
  return reason ? WithReason(named, *reason) : named;
}

struct NoteTarget {
  std::string assignment_id;
  std::optional<absl::Time> observed_time;  // a correction's: the corrected note's
};

// The corrected note: one of the author's own notes of the client. Someone else's note looks the
// same as no note, so nothing is told about it.
absl::StatusOr<NoteTarget> CorrectedNote(soci::session& sql, const CallScope& scope,
                                         const NewProgressNote& n) {
  std::string assignment, author;
  long long observed = 0;
  soci::indicator ind = soci::i_null;
  sql << kSelectCorrectedNote, soci::use(scope.org_id, "org"), soci::use(*n.corrects_id, "id"),
      soci::use(n.client_id, "client"), soci::into(assignment, ind), soci::into(author),
      soci::into(observed);
  if (!sql.got_data() || ind != soci::i_ok || author != scope.actor) {
    return Refusal("NOT_OWN_NOTE", "`corrects` must name one of your notes of this client");
  }
  if (n.assignment_id && *n.assignment_id != assignment) {
    return Refusal("CORRECTION_OF_OTHER_ASSIGNMENT",
                   "a correction belongs to the corrected note's assignment");
  }
  return NoteTarget{assignment, FromMicros(observed)};
}

// The note's assignment, locked so that it cannot end while the note is written: the corrected
// note's, the one named, or the client's open one. A guide writes only on their own ACTIVE or
// PAUSED assignment; staff also on an ended one (the closing evaluation).
absl::StatusOr<NoteTarget> ResolveTarget(soci::session& sql, const CallScope& scope,
                                         const NewProgressNote& n) {
  const std::string& org = scope.org_id;
  NoteTarget target;
  if (n.corrects_id) {
    ASSIGN_OR_RETURN(target, CorrectedNote(sql, scope, n));
  } else if (n.assignment_id) {
    target.assignment_id = *n.assignment_id;
  } else {
    std::string open;
    soci::indicator ind = soci::i_null;
    sql << kSelectOpenAssignment, soci::use(org, "org"), soci::use(n.client_id, "client"),
        soci::into(open, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
      return Refusal("NO_OPEN_ASSIGNMENT",
                     "the client has no ACTIVE or PAUSED assignment; name the assignment");
    }
    target.assignment_id = open;
  }
  absl::StatusOr<AssignmentRecord> a = SelectAssignment(sql, org, target.assignment_id, true);
  if (!a.ok() && a.status().code() != absl::StatusCode::kNotFound) return a.status();
  // A guide is told nothing about assignments that are not theirs.
  if (scope.is_guide && (!a.ok() || a->guide_id != scope.guide_id)) return PermissionDenied();
  if (!a.ok() || a->client_id != n.client_id) {
    return Refusal("ASSIGNMENT_OF_ANOTHER_CLIENT", "the assignment is not one of this client's");
  }
  if (scope.is_guide && a->state == "ENDED") {
    return Refusal("ASSIGNMENT_NOT_OPEN", "the assignment has ended");
  }
  return target;
}

absl::StatusOr<ProgressNoteRecord> InsertNote(soci::session& sql, const CallScope& scope,
                                              const NewProgressNote& n) {
  const std::string& org = scope.org_id;
  ASSIGN_OR_RETURN(NoteTarget target, ResolveTarget(sql, scope, n));
  // Each rated goal is an AGREED goal of the note's assignment, locked until the note commits.
  for (size_t i = 0; i < n.ratings.size(); ++i) {
    absl::Status agreed =
        SelectAgreedGoal(sql, org, n.client_id, target.assignment_id, n.ratings[i].goal_id)
            .status();
    if (!agreed.ok()) return AboutRating(i, agreed);
  }
  std::string corrects = n.corrects_id.value_or("");
  long long observed_micros = target.observed_time ? ToMicros(*target.observed_time) : 0;
  soci::indicator corrects_ind = n.corrects_id ? soci::i_ok : soci::i_null;
  soci::indicator observed_ind = target.observed_time ? soci::i_ok : soci::i_null;
  long long observed_time = 0;
  const std::string author_role = absl::AsciiStrToUpper(scope.role);  // GUIDE, SOCIAL_WORKER...
  sql << kInsertNote, soci::use(org, "org"), soci::use(n.id, "id"),
      soci::use(n.client_id, "client"), soci::use(target.assignment_id, "assignment"),
      soci::use(scope.actor, "author"), soci::use(author_role, "role"), soci::use(n.text, "text"),
      soci::use(n.visibility, "visibility"), soci::use(corrects, corrects_ind, "corrects"),
      soci::use(observed_micros, observed_ind, "observed"), soci::into(observed_time);
  // The ratings hold for the time the note speaks of.
  for (const GoalRatingRecord& rating : n.ratings) {
    InsertGoalRating(sql, org, n.client_id, rating, "NOTE", n.id, scope.actor,
                     FromMicros(observed_time));
  }
  AppendEvent(sql, org, "note.created", ClientChildName(org, n.client_id, "notes", n.id), {});
  Page<ProgressNoteRecord> written =
      SelectNotes(sql, org, scope, NoteSelection{n.client_id, n.id, {}}, PageRequest{1, {}});
  if (written.items.empty()) return absl::InternalError("the note just written cannot be read");
  return written.items.front();
}

class PgNotesRepository final : public NotesRepository {
 public:
  explicit PgNotesRepository(Database& db) : db_(db) {}

  absl::StatusOr<CreateOutcome<ProgressNoteRecord>> AddNote(
      const CallScope& scope, const NewProgressNote& note, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ProgressNoteRecord>& encode) override {
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ProgressNoteRecord>> {
          RETURN_IF_ERROR(HoldGuideToClient(sql, scope, note.client_id));
          ASSIGN_OR_RETURN(auto outcome, CreateOnce<ProgressNoteRecord>(
                                             sql, scope.org_id, key,
                                             [&] { return InsertNote(sql, scope, note); }, encode));
          RETURN_IF_ERROR(LogClient(sql, scope, note.client_id));
          return outcome;
        });
  }

  absl::StatusOr<ProgressNoteRecord> GetNote(const CallScope& scope, const std::string& client_id,
                                             const std::string& id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<ProgressNoteRecord> {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
      Page<ProgressNoteRecord> found = SelectNotes(
          sql, scope.org_id, scope, NoteSelection{client_id, id, {}}, PageRequest{1, {}});
      if (found.items.empty()) {
        // A guide is told no more about a note they may not read than about a missing one.
        return Unhidden(scope, absl::NotFoundError("progress note not found"));
      }
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      return found.items.front();
    });
  }

  absl::StatusOr<Page<ProgressNoteRecord>> ListNotes(const CallScope& scope,
                                                     const std::string& client_id,
                                                     const NoteFilter& filter,
                                                     const PageRequest& page) override {
    return Transact(db_, scope,
                    [&](soci::session& sql) -> absl::StatusOr<Page<ProgressNoteRecord>> {
                      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
                      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
                      return SelectNotes(sql, scope.org_id, scope,
                                         NoteSelection{client_id, std::nullopt, filter}, page);
                    });
  }

  absl::StatusOr<Page<TimelineEntryRecord>> Timeline(const CallScope& scope,
                                                     const std::string& client_id,
                                                     const PageRequest& page) override {
    if (!scope.is_guide) {
      // Staff have no assignment to be held to: the read, its log row and COMMIT go in one
      // round trip.
      ASSIGN_OR_RETURN(
          PipelineRows rows,
          ReadWithAccess(db_, scope, StaffTimelineStatement(scope.org_id, client_id, page),
                         ClientRef{scope.org_id, client_id}));
      return TimelinePage(rows, page);
    }
    return Transact(db_, scope,
                    [&](soci::session& sql) -> absl::StatusOr<Page<TimelineEntryRecord>> {
                      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
                      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
                      return SelectTimeline(sql, scope.org_id, scope, client_id, page);
                    });
  }

  absl::StatusOr<GoalAttainmentRecord> GoalAttainment(
      const CallScope& scope, const std::string& client_id,
      const std::optional<std::string>& assignment_id) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GoalAttainmentRecord> {
      const std::string& org = scope.org_id;
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
      GoalAttainmentRecord result;
      ASSIGN_OR_RETURN(result.assignment_id,
                       AttainmentAssignment(sql, org, scope, client_id, assignment_id));
      RETURN_IF_ERROR(LogClient(sql, scope, client_id));
      if (result.assignment_id.empty()) return result;
      result.goals = SelectGoalsWithRatings(sql, org, scope, result.assignment_id);
      return result;
    });
  }

  absl::StatusOr<OutcomeFigures> SummarizeOutcomes(const CallScope& scope,
                                                   const OutcomeQuery& query) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<OutcomeFigures> {
      OutcomeFigures figures = SelectOutcomeFigures(sql, scope.org_id, query);
      RETURN_IF_ERROR(AppendAccessForEach(sql, scope, scope.org_id,
                                          SelectOutcomeClients(sql, scope.org_id, query)));
      return figures;
    });
  }

 private:
  // The assignment whose goals are shown: the one asked for, or the client's latest the scope
  // may see ("" when there is none).
  static absl::StatusOr<std::string> AttainmentAssignment(soci::session& sql,
                                                          const std::string& org,
                                                          const CallScope& scope,
                                                          const std::string& client_id,
                                                          const std::optional<std::string>& asked) {
    std::string id, client, guide;
    soci::indicator ind = soci::i_null;
    if (asked) {
      sql << kSelectAssignment, soci::use(org, "org"), soci::use(*asked, "id"), soci::into(id, ind),
          soci::into(client), soci::into(guide);
      if (!sql.got_data() || ind != soci::i_ok || client != client_id) {
        return Refusal("ASSIGNMENT_OF_ANOTHER_CLIENT",
                       "the assignment is not one of this client's");
      }
      if (scope.is_guide && guide != scope.guide_id) return PermissionDenied();
      return id;
    }
    std::string guide_filter = scope.guide_id;
    sql << kSelectLatestAssignment, soci::use(org, "org"), soci::use(client_id, "client"),
        soci::use(guide_filter, "guide"), soci::into(id, ind);
    if (!sql.got_data() || ind != soci::i_ok) return std::string();
    return id;
  }

  // The goals agreed in the assignment with the ratings that stand, oldest first. A guide does
  // not see ratings of staff-only notes; staff do not see a guide's comments without consent.
  static std::vector<GoalWithRatings> SelectGoalsWithRatings(soci::session& sql,
                                                             const std::string& org,
                                                             const CallScope& scope,
                                                             const std::string& assignment_id) {
    std::vector<GoalWithRatings> goals;
    std::map<std::string, size_t> index;
    soci::rowset<soci::row> goal_rows =
        (sql.prepare << kSelectAttainmentGoals, soci::use(org, "org"),
         soci::use(assignment_id, "assignment"));
    for (const soci::row& row : goal_rows) {
      index[row.get<std::string>(0)] = goals.size();
      goals.push_back({row.get<std::string>(0),
                       row.get<std::string>(1),
                       row.get<std::string>(2),
                       row.get<int>(3),
                       {}});
    }
    if (goals.empty()) return goals;
    std::string guide = scope.guide_id;
    soci::rowset<soci::row> rating_rows =
        (sql.prepare << kSelectAttainmentRatings, soci::use(org, "org"),
         soci::use(assignment_id, "assignment"), soci::use(guide, "guide"));
    for (const soci::row& row : rating_rows) {
      RatingInHistory r;
      r.rating = {row.get<std::string>(0), row.get<int>(1), row.get<std::string>(2),
                  row.get<std::string>(3)};
      r.comment_withheld = row.get<int>(4) != 0;
      r.source_kind = row.get<std::string>(5);
      r.source_id = row.get<std::string>(6);
      r.time = FromMicros(row.get<long long>(7));
      goals[index.at(r.rating.goal_id)].ratings.push_back(std::move(r));
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
