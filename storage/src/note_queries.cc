#include "note_queries.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "codec.h"
#include "paging.h"

namespace rinnalla::storage {
namespace {

// :guide is the guide reading ('' for staff).
const std::string kGuideScope =
    "(:guide = '' OR (n.visibility = 'SHARED' AND n.assignment_id IN (SELECT a.id FROM"
    " assignments a WHERE a.org_id = :org AND a.client_id = CAST(:client AS uuid)"
    " AND a.guide_id = CAST(NULLIF(:guide, '') AS uuid))))";

// Staff read a guide's words only with the client's consent for the assignment.
const std::string kWithheld =
    "(:guide = '' AND n.author_role = 'GUIDE'"
    " AND NOT information_sharing_granted(n.org_id, n.assignment_id))";

const std::string kSelectNotes = absl::StrCat(
    "SELECT CAST(n.id AS text), CAST(n.assignment_id AS text), n.author, n.author_role,"
    " CASE WHEN w.withheld THEN '' ELSE n.text END, CAST(w.withheld AS int), n.visibility,"
    " CAST(n.corrects_id AS text), ",
    MicrosOf("n.create_time"), " FROM progress_notes n CROSS JOIN LATERAL (SELECT ", kWithheld,
    " AS withheld) w"
    " WHERE n.org_id = :org AND n.client_id = CAST(:client AS uuid) AND ",
    kGuideScope,
    " AND (:note = '' OR n.id = CAST(NULLIF(:note, '') AS uuid))"
    " AND (:goal = '' OR EXISTS (SELECT 1 FROM goal_ratings r WHERE r.org_id = :org"
    "   AND r.source_id = n.id AND r.source_kind = 'NOTE'"
    "   AND r.goal_id = CAST(NULLIF(:goal, '') AS uuid)))"
    " AND (:role = '' OR n.author_role = :role)"
    " AND (:has_after = 0 OR n.create_time >= ",
    TimeFromMicros(":after"), ")", " AND (:has_before = 0 OR n.create_time < ",
    TimeFromMicros(":before"), ") AND ",
    KeysetBounds::Condition("n.create_time", "n.id", /*newest_first=*/true),
    " ORDER BY n.create_time DESC, n.id DESC LIMIT :limit");

const std::string kSelectRatings = absl::StrCat(
    "SELECT CAST(source_id AS text), CAST(goal_id AS text), score, rated_by, comment"
    " FROM goal_ratings WHERE org_id = :org AND source_kind = 'NOTE' AND source_id = ANY (",
    UuidArrayOf(":notes"), ") ORDER BY source_id, goal_id, rated_by");

const std::string kSelectCorrections = absl::StrCat(
    "SELECT CAST(corrects_id AS text), CAST(id AS text) FROM progress_notes"
    " WHERE org_id = :org AND corrects_id = ANY (",
    UuidArrayOf(":notes"), ") AND (:guide = '' OR visibility = 'SHARED') ORDER BY create_time, id");

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
  const std::string joined = ToJsonArray(ids);
  soci::rowset<soci::row> ratings =
      (sql.prepare << kSelectRatings, soci::use(org_id, "org"), soci::use(joined, "notes"));
  for (const soci::row& row : ratings) {
    ProgressNoteRecord& note = *by_id.at(row.get<std::string>(0));
    note.ratings.push_back({row.get<std::string>(1), row.get<int>(2), row.get<std::string>(3),
                            note.text_withheld ? "" : row.get<std::string>(4)});
  }
  std::string guide = scope.guide_id;
  soci::rowset<soci::row> corrections =
      (sql.prepare << kSelectCorrections, soci::use(org_id, "org"), soci::use(joined, "notes"),
       soci::use(guide, "guide"));
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
      (sql.prepare << kSelectNotes, soci::use(org_id, "org"),
       soci::use(selection.client_id, "client"), soci::use(guide, "guide"), soci::use(note, "note"),
       soci::use(goal, "goal"), soci::use(role, "role"), soci::use(has_after, "has_after"),
       soci::use(after, "after"), soci::use(has_before, "has_before"), soci::use(before, "before"),
       soci::use(bounds.has_cursor, "has_cursor"), soci::use(bounds.micros, "micros"),
       soci::use(bounds.id, "cursor_id"), soci::use(bounds.limit, "limit"));
  Page<ProgressNoteRecord> result = CollectPage<ProgressNoteRecord>(
      rows, page, [&](const soci::row& row) { return ReadNote(row, org_id, selection.client_id); });
  AddRatingsAndCorrections(sql, org_id, scope, result.items);
  return result;
}

}  // namespace rinnalla::storage
