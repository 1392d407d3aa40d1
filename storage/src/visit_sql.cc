#include "visit_sql.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec.h"
#include "guide_hold.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/visits_repository.h"

namespace rinnalla::storage {
namespace {

// Batches travel as one string per column (codec.h): rows joined by JoinRows, lists within a row
// (places, goals, actions) by JoinArray. Outcomes read back aggregated are rows too, with the group
// separator between their fields and the file separator within actions. Validation allows none of
// these characters in any text.
constexpr char kField[] = "\x1d";
constexpr char kInField[] = "\x1c";

std::vector<std::string> Split(const std::string& joined, const char* separator) {
  if (joined.empty()) return {};
  return absl::StrSplit(joined, separator);
}

// The content columns of revision `r`, with the lateral `s(shown)` deciding whether the guide's
// texts are read. Read by ReadContent.
const std::string kContentColumns = absl::StrCat(
    MicrosOf("r.start_time"),
    ", r.duration_minutes, r.mode, array_to_string(r.places, chr(31)),"
    " array_to_string(r.goal_ids, chr(31)), CASE WHEN s.shown THEN r.summary ELSE '' END,"
    " (NOT s.shown)::int,"
    " (SELECT string_agg(o.place || chr(29) || o.appointment || chr(29) ||"
    "    array_to_string(o.actions, chr(28)) || chr(29) || o.acting || chr(29) ||"
    "    CASE WHEN s.shown THEN o.note ELSE '' END, chr(30) ORDER BY o.position)"
    "  FROM visit_place_outcomes o WHERE o.org_id = r.org_id AND o.visit_id = r.visit_id"
    "  AND o.revision = r.revision)");

// Whether the scope sees the guide's texts: always with :reveal = 1 (the guide), otherwise as
// the client's consent to information sharing says (migration V0004).
const std::string kShown =
    " CROSS JOIN LATERAL (SELECT (:reveal = 1 OR information_sharing_granted(v.org_id,"
    " v.assignment_id)) AS shown) s";

bool ReadContent(const soci::row& row, size_t first, VisitContent& c) {
  c.start_time = FromMicros(row.get<long long>(first));
  c.duration_minutes = row.get<int>(first + 1);
  c.mode = row.get<std::string>(first + 2);
  c.places = SplitArray(row.get<std::string>(first + 3));
  c.goal_ids = SplitArray(row.get<std::string>(first + 4));
  c.summary = row.get<std::string>(first + 5);
  const bool withheld = row.get<int>(first + 6) != 0;
  for (const std::string& text :
       Split(OptionalString(row, first + 7).value_or(""), kRowSeparator)) {
    std::vector<std::string> f = absl::StrSplit(text, kField);
    if (f.size() != 5) continue;
    c.outcomes.push_back({f[0], f[1], Split(f[2], kInField), f[3], f[4]});
  }
  return withheld;
}

}  // namespace

VisitColumns::VisitColumns(const std::vector<const VisitRecord*>& visits) {
  std::vector<std::string> columns[10];
  for (const VisitRecord* v : visits) {
    const VisitContent& c = v->content;
    columns[0].push_back(v->id);
    columns[1].push_back(v->client_id);
    columns[2].push_back(v->assignment_id);
    columns[3].push_back(v->guide_id);
    columns[4].push_back(absl::StrCat(ToMicros(c.start_time)));
    columns[5].push_back(absl::StrCat(c.duration_minutes));
    columns[6].push_back(c.mode);
    columns[7].push_back(JoinArray(c.places));
    columns[8].push_back(JoinArray(c.goal_ids));
    columns[9].push_back(c.summary);
  }
  std::string* out[10] = {&ids,       &clients, &assignments, &guides, &start_micros,
                          &durations, &modes,   &places,      &goals,  &summaries};
  for (int i = 0; i < 10; ++i) *out[i] = JoinRows(columns[i]);
}

std::vector<VisitCheck> CheckVisits(soci::session& sql, const std::string& org_id,
                                    const std::vector<const VisitRecord*>& visits) {
  if (visits.empty()) return {};
  VisitColumns batch(visits);
  // Into vectors, one row per visit: a one-time query is one round trip (a rowset would prepare,
  // execute and deallocate).
  const size_t n = visits.size();
  std::vector<std::string> guides(n), clients(n), states(n);
  std::vector<long long> first_days(n), ends(n), nows(n);
  std::vector<int> exists(n), unknown_goals(n);
  std::vector<soci::indicator> found(n), end_found(n), goal_found(n), i1(n), i2(n), i3(n);
  sql << "WITH i AS (SELECT * FROM unnest("
         " CAST(string_to_array(:assignments, chr(30)) AS uuid[]),"
         " CAST(string_to_array(:ids, chr(30)) AS uuid[]),"
         " CAST(string_to_array(:clients, chr(30)) AS uuid[]),"
         " string_to_array(:goals, chr(30)))"
         " WITH ORDINALITY AS t(assignment_id, visit_id, client_id, goals, n)),"
         " p AS (SELECT CAST(:org AS text) AS org_id)"
         " SELECT CAST(a.guide_id AS text), CAST(a.client_id AS text), a.state, "
      << MicrosOf(absl::StrCat("date_trunc('day', a.start_time, '", kVisitTimeZone, "')")) << ", "
      << MicrosOf("a.end_time") << ", " << MicrosOf("now()")
      << ", EXISTS (SELECT 1 FROM visits v WHERE v.org_id = p.org_id"
         "   AND v.id = i.visit_id)::int,"
         " (SELECT CAST(min(g.n) - 1 AS int) FROM unnest(CAST(string_to_array("
         "   coalesce(i.goals, ''), chr(31)) AS uuid[])) WITH ORDINALITY AS g(id, n)"
         "   WHERE NOT EXISTS (SELECT 1 FROM goals x WHERE x.org_id = p.org_id"
         "   AND x.id = g.id AND x.client_id = i.client_id))"
         " FROM i CROSS JOIN p"
         " LEFT JOIN assignments a ON a.org_id = p.org_id AND a.id = i.assignment_id"
         " ORDER BY i.n",
      soci::use(batch.assignments), soci::use(batch.ids), soci::use(batch.clients),
      soci::use(batch.goals), soci::use(org_id), soci::into(guides, found), soci::into(clients, i1),
      soci::into(states, i2), soci::into(first_days, i3), soci::into(ends, end_found),
      soci::into(nows), soci::into(exists), soci::into(unknown_goals, goal_found);
  std::vector<VisitCheck> checks(n);
  for (size_t i = 0; i < n && i < guides.size(); ++i) {
    VisitCheck& c = checks[i];
    c.assignment_found = found[i] == soci::i_ok;
    if (c.assignment_found) {
      c.assignment_guide_id = guides[i];
      c.assignment_client_id = clients[i];
      c.assignment_state = states[i];
      c.assignment_first_day = FromMicros(first_days[i]);
      if (end_found[i] == soci::i_ok) c.assignment_end = FromMicros(ends[i]);
    }
    c.now = FromMicros(nows[i]);
    c.visit_exists = exists[i] != 0;
    if (goal_found[i] == soci::i_ok) c.unknown_goal = unknown_goals[i];
  }
  return checks;
}

absl::Status Admit(const VisitCheck& c, const VisitRecord& v) {
  if (!c.assignment_found || c.assignment_guide_id != v.guide_id ||
      c.assignment_client_id != v.client_id) {
    return PermissionDenied();
  }
  if (c.assignment_end && c.now - *c.assignment_end > kLateSyncWindow) {
    return Refusal("LATE_SYNC_WINDOW_CLOSED",
                   "the assignment ended more than 30 days ago: its visits can no longer be "
                   "logged or amended",
                   {{"late_sync_window_days",
                     std::to_string(absl::ToInt64Hours(kLateSyncWindow) / 24)}});
  }
  if (v.content.start_time < c.assignment_first_day ||
      (c.assignment_end && v.content.start_time > *c.assignment_end)) {
    return Refusal("VISIT_OUTSIDE_ASSIGNMENT",
                   "the visit starts before the day its assignment started or after it ended");
  }
  if (c.unknown_goal) {
    return Refusal("UNKNOWN_GOAL", absl::StrCat("goals[", *c.unknown_goal,
                                                "] is not a goal of the visit's client"));
  }
  return absl::OkStatus();
}

void WriteRevisions(soci::session& sql, const std::string& org_id, const std::string& author,
                    const std::vector<RevisionWrite>& revisions) {
  if (revisions.empty()) return;
  std::vector<const VisitRecord*> visits;
  std::vector<std::string> numbers, reasons;
  // The outcomes' columns and the goal links' columns: written only when there are any.
  std::vector<std::string> outcome_columns[8], link_columns[2];
  for (const RevisionWrite& w : revisions) {
    visits.push_back(w.visit);
    numbers.push_back(absl::StrCat(w.revision));
    reasons.push_back(w.reason);
    const VisitContent& c = w.visit->content;
    for (size_t i = 0; i < c.outcomes.size(); ++i) {
      const PlaceOutcomeRecord& o = c.outcomes[i];
      const std::string values[8] = {
          w.visit->id,   absl::StrCat(w.revision), o.place,  absl::StrCat(i),
          o.appointment, JoinArray(o.actions),     o.acting, o.note};
      for (int k = 0; k < 8; ++k) outcome_columns[k].push_back(values[k]);
    }
    for (const std::string& goal : c.goal_ids) {
      link_columns[0].push_back(w.visit->id);
      link_columns[1].push_back(goal);
    }
  }
  VisitColumns batch(visits);
  std::string number_list = JoinRows(numbers), reason_list = JoinRows(reasons);
  sql << "INSERT INTO visit_revisions (org_id, visit_id, revision, start_time, duration_minutes,"
         " mode, places, goal_ids, summary, amend_reason, author)"
         " SELECT :org, i.visit_id, i.revision, "
      << TimeFromMicros("i.micros")
      << ", i.duration, i.mode, string_to_array(coalesce(i.places, ''), chr(31)),"
         " CAST(string_to_array(coalesce(i.goals, ''), chr(31)) AS uuid[]),"
         " coalesce(i.summary, ''), coalesce(i.reason, ''), :author"
         " FROM unnest(CAST(string_to_array(:ids, chr(30)) AS uuid[]),"
         "  CAST(string_to_array(:numbers, chr(30)) AS int[]),"
         "  CAST(string_to_array(:micros, chr(30)) AS bigint[]),"
         "  CAST(string_to_array(:durations, chr(30)) AS int[]),"
         "  string_to_array(:modes, chr(30)), string_to_array(:places, chr(30)),"
         "  string_to_array(:goals, chr(30)), string_to_array(:summaries, chr(30)),"
         "  string_to_array(:reasons, chr(30)))"
         "  AS i(visit_id, revision, micros, duration, mode, places, goals, summary, reason)",
      soci::use(org_id), soci::use(author), soci::use(batch.ids), soci::use(number_list),
      soci::use(batch.start_micros), soci::use(batch.durations), soci::use(batch.modes),
      soci::use(batch.places), soci::use(batch.goals), soci::use(batch.summaries),
      soci::use(reason_list);
  if (!outcome_columns[0].empty()) {
    std::string o[8];
    for (int k = 0; k < 8; ++k) o[k] = JoinRows(outcome_columns[k]);
    sql << "INSERT INTO visit_place_outcomes (org_id, visit_id, revision, place, position,"
           " appointment, actions, acting, note)"
           " SELECT :org, o.visit_id, o.revision, o.place, o.position, o.appointment,"
           "  string_to_array(coalesce(o.actions, ''), chr(31)), o.acting, coalesce(o.note, '')"
           " FROM unnest(CAST(string_to_array(:ids, chr(30)) AS uuid[]),"
           "  CAST(string_to_array(:numbers, chr(30)) AS int[]),"
           "  string_to_array(:places, chr(30)),"
           "  CAST(string_to_array(:positions, chr(30)) AS int[]),"
           "  string_to_array(:appointments, chr(30)), string_to_array(:actions, chr(30)),"
           "  string_to_array(:actings, chr(30)), string_to_array(:notes, chr(30)))"
           "  AS o(visit_id, revision, place, position, appointment, actions, acting, note)",
        soci::use(org_id), soci::use(o[0]), soci::use(o[1]), soci::use(o[2]), soci::use(o[3]),
        soci::use(o[4]), soci::use(o[5]), soci::use(o[6]), soci::use(o[7]);
  }
  if (!link_columns[0].empty()) {
    std::string ids = JoinRows(link_columns[0]), goals = JoinRows(link_columns[1]);
    sql << "INSERT INTO visit_goals (org_id, visit_id, goal_id) SELECT :org, g.visit_id,"
           " g.goal_id FROM unnest(CAST(string_to_array(:ids, chr(30)) AS uuid[]),"
           "  CAST(string_to_array(:goals, chr(30)) AS uuid[])) AS g(visit_id, goal_id)",
        soci::use(org_id), soci::use(ids), soci::use(goals);
  }
}

std::string VisitQuery() {
  return absl::StrCat(
      "SELECT v.org_id, CAST(v.id AS text), CAST(v.client_id AS text),"
      " CAST(v.assignment_id AS text), CAST(v.guide_id AS text), v.revision, ",
      MicrosOf("v.create_time"), ", ", MicrosOf("v.update_time"), ", ", kContentColumns,
      " FROM visits v JOIN visit_revisions r ON r.org_id = v.org_id AND r.visit_id = v.id"
      " AND r.revision = v.revision",
      kShown);
}

VisitRecord ReadVisit(const soci::row& row) {
  VisitRecord v;
  v.org_id = row.get<std::string>(0);
  v.id = row.get<std::string>(1);
  v.client_id = row.get<std::string>(2);
  v.assignment_id = row.get<std::string>(3);
  v.guide_id = row.get<std::string>(4);
  v.revision = row.get<int>(5);
  v.create_time = FromMicros(row.get<long long>(6));
  v.update_time = FromMicros(row.get<long long>(7));
  v.text_withheld = ReadContent(row, 8, v.content);
  return v;
}

absl::StatusOr<VisitRecord> SelectVisit(soci::session& sql, const std::string& org_id,
                                        const std::string& client_id, const std::string& id,
                                        bool reveal, bool for_update) {
  int reveal_all = reveal ? 1 : 0;
  std::optional<VisitRecord> found;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << VisitQuery()
                     << " WHERE v.org_id = :org AND v.id = CAST(:id AS uuid)"
                        " AND (:c1 = '' OR v.client_id = CAST(NULLIF(:c2, '') AS uuid))"
                     << (for_update ? " FOR UPDATE OF v" : ""),
         soci::use(reveal_all), soci::use(org_id), soci::use(id), soci::use(client_id),
         soci::use(client_id));
    for (const soci::row& row : rows) found = ReadVisit(row);
  }
  if (!found) return absl::NotFoundError("visit not found");
  std::vector<VisitRecord> one = {*std::move(found)};
  AttachCorrectionNotes(sql, org_id, one);
  return std::move(one.front());
}

std::vector<VisitRevisionRecord> SelectRevisions(soci::session& sql, const std::string& org_id,
                                                 const std::string& id, bool reveal,
                                                 std::optional<int> only) {
  int reveal_all = reveal ? 1 : 0, revision = only.value_or(0);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT r.revision, r.amend_reason, r.author, " << MicrosOf("r.create_time")
                   << ", " << kContentColumns
                   << " FROM visit_revisions r JOIN visits v ON v.org_id = r.org_id"
                      " AND v.id = r.visit_id"
                   << kShown
                   << " WHERE r.org_id = :org AND r.visit_id = CAST(:id AS uuid)"
                      " AND (:o1 = 0 OR r.revision = :o2) ORDER BY r.revision",
       soci::use(reveal_all), soci::use(org_id), soci::use(id), soci::use(revision),
       soci::use(revision));
  std::vector<VisitRevisionRecord> revisions;
  for (const soci::row& row : rows) {
    VisitRevisionRecord r;
    r.revision = row.get<int>(0);
    r.reason = row.get<std::string>(1);
    r.author = row.get<std::string>(2);
    r.create_time = FromMicros(row.get<long long>(3));
    r.text_withheld = ReadContent(row, 4, r.content);
    revisions.push_back(std::move(r));
  }
  return revisions;
}

void AttachCorrectionNotes(soci::session& sql, const std::string& org_id,
                           std::vector<VisitRecord>& visits) {
  if (visits.empty()) return;
  std::map<std::string, VisitRecord*> by_id;
  std::vector<std::string> ids;
  for (VisitRecord& v : visits) {
    by_id[v.id] = &v;
    ids.push_back(v.id);
  }
  std::string id_list = JoinArray(ids);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT CAST(id AS text), CAST(visit_id AS text), text, author,"
                      " author_role, "
                   << MicrosOf("create_time")
                   << " FROM visit_correction_notes WHERE org_id = :org"
                      " AND visit_id = ANY (CAST(string_to_array(:ids, chr(31)) AS uuid[]))"
                      " ORDER BY create_time, id",
       soci::use(org_id), soci::use(id_list));
  for (const soci::row& row : rows) {
    VisitRecord* visit = by_id[row.get<std::string>(1)];
    VisitCorrectionNoteRecord n;
    n.org_id = org_id;
    n.id = row.get<std::string>(0);
    n.client_id = visit->client_id;
    n.visit_id = visit->id;
    n.text = row.get<std::string>(2);
    n.author = row.get<std::string>(3);
    n.author_role = row.get<std::string>(4);
    n.create_time = FromMicros(row.get<long long>(5));
    visit->correction_notes.push_back(std::move(n));
  }
}

}  // namespace rinnalla::storage
