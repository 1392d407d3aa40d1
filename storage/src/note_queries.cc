#include "note_queries.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "codec.h"
#include "paging.h"

namespace rinnalla::storage {
namespace {

// Parameters are numbered so that one value serves every place that needs it: $1 org, $2
// client, $3 the guide reading ('' for staff).
const std::string kGuideScope =
    "($3 = '' OR (n.visibility = 'SHARED' AND n.assignment_id IN (SELECT a.id FROM assignments a"
    " WHERE a.org_id = $1 AND a.client_id = CAST($2 AS uuid)"
    " AND a.guide_id = CAST(NULLIF($3, '') AS uuid))))";

// Staff read a guide's words only with the client's consent for the assignment.
const std::string kWithheld =
    "($3 = '' AND n.author_role = 'GUIDE'"
    " AND NOT information_sharing_granted(n.org_id, n.assignment_id))";

const std::string kSelectNotes = absl::StrCat(
    "SELECT CAST(n.id AS text), CAST(n.assignment_id AS text), n.author, n.author_role,"
    " CASE WHEN w.withheld THEN '' ELSE n.text END, CAST(w.withheld AS int), n.visibility,"
    " CAST(n.corrects_id AS text), ",
    MicrosOf("n.create_time"), " FROM progress_notes n CROSS JOIN LATERAL (SELECT ", kWithheld,
    " AS withheld) w"
    " WHERE n.org_id = $1 AND n.client_id = CAST($2 AS uuid) AND ",
    kGuideScope,
    " AND ($4 = '' OR n.id = CAST(NULLIF($4, '') AS uuid))"
    " AND ($5 = '' OR EXISTS (SELECT 1 FROM goal_ratings r WHERE r.org_id = $1"
    "   AND r.source_id = n.id AND r.source_kind = 'NOTE'"
    "   AND r.goal_id = CAST(NULLIF($5, '') AS uuid)))"
    " AND ($6 = '' OR n.author_role = $6)"
    " AND ($7 = 0 OR n.create_time >= ",
    TimeFromMicros("$8"), ")", " AND ($9 = 0 OR n.create_time < ", TimeFromMicros("$10"), ") AND ",
    KeysetBounds::PositionalCondition("n.create_time", "n.id", /*newest_first=*/true, 11),
    " ORDER BY n.create_time DESC, n.id DESC LIMIT $14");

ProgressNoteRecord ReadNote(const soci::row& row, const std::string& org_id,
                            const std::string& client_id) {
  ProgressNoteRecord n;
  n.org_id = org_id;
  n.client_id = client_id;
  n.id = row.get<std::string>(0);
  n.assignment_id = row.get<std::string>(1);
  n.author = row.get<std::string>(2);
  n.author_role = row.get<std::string>(3);
  n.text = row.get<std::string>(4);
  n.text_withheld = row.get<int>(5) != 0;
  n.visibility = row.get<std::string>(6);
  n.corrects_id = OptionalString(row, 7);
  n.create_time = FromMicros(row.get<long long>(8));
  return n;
}

// The ratings of the notes, and the corrections of them the reader may see.
void AddRatingsAndCorrections(soci::session& sql, const std::string& org_id, const CallScope& scope,
                              std::vector<ProgressNoteRecord>& notes) {
  if (notes.empty()) return;
  std::map<std::string, ProgressNoteRecord*> by_id;
  std::vector<std::string> ids;
  for (ProgressNoteRecord& n : notes) {
    by_id[n.id] = &n;
    ids.push_back(n.id);
  }
  const std::string joined = JoinArray(ids);
  soci::rowset<soci::row> ratings =
      (sql.prepare << "SELECT CAST(source_id AS text), CAST(goal_id AS text), score, rated_by,"
                      " comment FROM goal_ratings WHERE org_id = $1 AND source_kind = 'NOTE'"
                      " AND source_id = ANY (CAST(string_to_array($2, chr(31)) AS uuid[]))"
                      " ORDER BY source_id, goal_id, rated_by",
       soci::use(org_id), soci::use(joined));
  for (const soci::row& row : ratings) {
    ProgressNoteRecord& note = *by_id.at(row.get<std::string>(0));
    note.ratings.push_back({row.get<std::string>(1), row.get<int>(2), row.get<std::string>(3),
                            note.text_withheld ? "" : row.get<std::string>(4)});
  }
  std::string guide = scope.guide_id;
  soci::rowset<soci::row> corrections =
      (sql.prepare << "SELECT CAST(corrects_id AS text), CAST(id AS text) FROM progress_notes"
                      " WHERE org_id = $1"
                      " AND corrects_id = ANY (CAST(string_to_array($2, chr(31)) AS uuid[]))"
                      " AND ($3 = '' OR visibility = 'SHARED') ORDER BY create_time, id",
       soci::use(org_id), soci::use(joined), soci::use(guide));
  for (const soci::row& row : corrections) {
    by_id.at(row.get<std::string>(0))->corrected_by_ids.push_back(row.get<std::string>(1));
  }
}

}  // namespace

Page<ProgressNoteRecord> SelectNotes(soci::session& sql, const std::string& org_id,
                                     const CallScope& scope, const NoteSelection& selection,
                                     const PageRequest& page) {
  const NoteFilter& f = selection.filter;
  std::string guide = scope.guide_id, note = selection.note_id.value_or("");
  std::string goal = f.goal_id.value_or(""), role = f.author_role.value_or("");
  int has_after = f.after ? 1 : 0, has_before = f.before ? 1 : 0;
  long long after = f.after ? ToMicros(*f.after) : 0, before = f.before ? ToMicros(*f.before) : 0;
  KeysetBounds bounds(page);
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectNotes, soci::use(org_id), soci::use(selection.client_id),
       soci::use(guide), soci::use(note), soci::use(goal), soci::use(role), soci::use(has_after),
       soci::use(after), soci::use(has_before), soci::use(before), soci::use(bounds.has_cursor),
       soci::use(bounds.micros), soci::use(bounds.id), soci::use(bounds.limit));
  Page<ProgressNoteRecord> result = CollectPage<ProgressNoteRecord>(
      rows, page, [&](const soci::row& row) { return ReadNote(row, org_id, selection.client_id); });
  AddRatingsAndCorrections(sql, org_id, scope, result.items);
  return result;
}

}  // namespace rinnalla::storage
