#include "timeline_query.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec.h"
#include "kept_statements.h"
#include "paging.h"

namespace rinnalla::storage {
namespace {

// Named parameters, each serving every branch: :guide is the guide reading ('' for staff),
// :cursor_micros, :cursor_kind and :cursor_id the cursor, :limit the rows to read.

// The assignments whose history the scope sees, and whether the client consented to sharing
// the guide's words in each.
const char kScope[] =
    "WITH scope AS MATERIALIZED (SELECT a.id, information_sharing_granted(a.org_id, a.id) AS shared"
    " FROM assignments a WHERE a.org_id = :org AND a.client_id = CAST(:client AS uuid)"
    " AND (:guide = '' OR a.guide_id = CAST(NULLIF(:guide, '') AS uuid))) ";

// Kinds order in byte order, whatever the database's collation.
std::string Kind(const std::string& kind) { return "(" + kind + ") COLLATE \"C\""; }

// After the cursor in (time DESC, kind, id DESC) order, written so that the time bound can use
// each branch's index.
std::string AfterCursor(const std::string& time, const std::string& kind, const std::string& id) {
  const std::string cursor = TimeFromMicros(":cursor_micros");
  return absl::StrCat("(", time, " <= ", cursor, " AND (", time, " < ", cursor, " OR ", Kind(kind),
                      " > :cursor_kind OR (", kind, " = :cursor_kind AND ", id,
                      " < CAST(:cursor_id AS uuid))))");
}

// Each branch: time, kind, id, actor, assignment_id, label, details, scheduled, minutes,
// excerpt, guide_words (the guide's own words, withheld from staff without consent), revision,
// corrects; at most :limit rows past the cursor.
std::string Branch(const std::string& select, const std::string& from_where,
                   const std::string& time, const std::string& kind, const std::string& id) {
  return absl::StrCat("(SELECT ", select, " ", from_where, " AND ", AfterCursor(time, kind, id),
                      " ORDER BY ", time, " DESC, ", Kind(kind), ", ", id, " DESC LIMIT :limit)");
}

// Who made a record, from its `created_by`: a guide's sub is their resource name.
std::string ActorOf(const std::string& created_by) {
  return "CASE WHEN " + created_by +
         " LIKE 'organizations/%/guides/%' THEN text 'GUIDE'"
         " ELSE text 'STAFF' END";
}

std::string TimelineSql() {
  const std::vector<std::string> branches = {
      Branch("n.create_time, text 'NOTE', n.id, n.author_role, n.assignment_id, text '', text '',"
             " CAST(NULL AS timestamptz), 0, left(n.text, 161), n.author_role = 'GUIDE', 0,"
             " n.corrects_id",
             "FROM progress_notes n WHERE n.org_id = :org AND n.client_id = CAST(:client AS uuid)"
             " AND (:guide = '' OR (n.visibility = 'SHARED'"
             " AND n.assignment_id IN (SELECT id FROM scope)))",
             "n.create_time", "text 'NOTE'", "n.id"),
      Branch("v.start_time, text 'VISIT', v.id, text 'GUIDE', v.assignment_id, v.mode,"
             " CAST(to_json(v.places) AS text), CAST(NULL AS timestamptz), v.duration_minutes,"
             " left(v.summary, 161), true, v.revision, CAST(NULL AS uuid)",
             "FROM visits v WHERE v.org_id = :org AND v.client_id = CAST(:client AS uuid)"
             " AND (:guide = '' OR v.guide_id = CAST(NULLIF(:guide, '') AS uuid))",
             "v.start_time", "text 'VISIT'", "v.id"),
      Branch("x.time, x.kind, m.id, x.actor, m.assignment_id, m.kind, text '', m.scheduled_time,"
             " 0, text '', false, x.revision, CAST(NULL AS uuid)",
             absl::StrCat(
                 "FROM meetings m LEFT JOIN meeting_outcomes o ON o.org_id = m.org_id"
                 " AND o.meeting_id = m.id AND o.revision = m.outcome_revision"
                 " CROSS JOIN LATERAL (VALUES (m.create_time, text 'MEETING_SCHEDULED', ",
                 ActorOf("m.created_by"),
                 ", 0),"
                 " (o.held_time, text 'MEETING_HELD', upper(o.recorded_role), m.outcome_revision),"
                 " (CASE WHEN m.state = 'CANCELLED' THEN m.update_time END,"
                 " text 'MEETING_CANCELLED', text 'STAFF', 0)) AS x(time, kind, actor, revision)"
                 " WHERE m.org_id = :org AND m.client_id = CAST(:client AS uuid)"
                 " AND m.assignment_id IN (SELECT id FROM scope) AND x.time IS NOT NULL"),
             "x.time", "x.kind", "m.id"),
      // Details are a JSON array of text (ReadEntry): a closed goal's state, or none.
      Branch("x.time, x.kind, g.id, text 'STAFF', g.assignment_id, left(g.title, 161), x.detail,"
             " CAST(NULL AS timestamptz), 0, text '', false, 0, CAST(NULL AS uuid)",
             "FROM goals g CROSS JOIN LATERAL (VALUES (g.agreed_time, text 'GOAL_AGREED', text ''),"
             " (g.closed_time, text 'GOAL_CLOSED', CAST(json_build_array(g.state) AS text)))"
             " AS x(time, kind, detail)"
             " WHERE g.org_id = :org AND g.client_id = CAST(:client AS uuid)"
             " AND g.assignment_id IN (SELECT id FROM scope) AND x.time IS NOT NULL",
             "x.time", "x.kind", "g.id"),
      // Assignments are changed by staff; the record does not say who.
      Branch(
          "c.time, text 'ASSIGNMENT_' || c.change, c.id, text 'STAFF', c.assignment_id,"
          " coalesce(c.end_reason, ''), text '', CAST(NULL AS timestamptz), 0, text '', false,"
          " 0, CAST(NULL AS uuid)",
          "FROM assignment_changes c WHERE c.org_id = :org AND c.client_id = CAST(:client AS uuid)"
          " AND c.assignment_id IN (SELECT id FROM scope)",
          "c.time", "text 'ASSIGNMENT_' || c.change", "c.id"),
  };
  return absl::StrCat(
      kScope, "SELECT ", MicrosOf("e.time"),
      ", e.kind, CAST(e.id AS text), e.actor, CAST(e.assignment_id AS text), e.label, e.details, ",
      MicrosOf("e.scheduled"),
      ", e.minutes, CASE WHEN w.withheld THEN '' ELSE e.excerpt END, CAST(w.withheld AS int),"
      " e.revision, CAST(e.corrects AS text) FROM (",
      absl::StrJoin(branches, " UNION ALL "),
      ") AS e(time, kind, id, actor, assignment_id, label, details, scheduled, minutes, excerpt,"
      " guide_words, revision, corrects)"
      " LEFT JOIN scope s ON s.id = e.assignment_id"
      " CROSS JOIN LATERAL (SELECT (:guide = '' AND e.guide_words AND NOT coalesce(s.shared, "
      "false))"
      " AS withheld) w"
      " ORDER BY e.time DESC, ",
      Kind("e.kind"), ", e.id DESC LIMIT :limit");
}

// A row of TimelineSql, from SOCI or a pipeline.
template <typename Row>
TimelineEntryRecord ReadEntry(const Row& row) {
  TimelineEntryRecord e;
  e.time = FromMicros(row.template get<long long>(0));
  e.kind = row.template get<std::string>(1);
  e.id = row.template get<std::string>(2);
  e.actor_role = OptionalString(row, 3).value_or("");
  e.assignment_id = row.template get<std::string>(4);
  e.label = row.template get<std::string>(5);
  e.details = FromJsonArray(row.template get<std::string>(6));
  e.scheduled_time = OptionalTime(row, 7);
  e.duration_minutes = row.template get<int>(8);
  e.excerpt = row.template get<std::string>(9);
  e.text_withheld = row.template get<int>(10) != 0;
  e.revision = row.template get<int>(11);
  e.corrects_id = OptionalString(row, 12);
  return e;
}

// Without a cursor: after the end of time, so every entry qualifies.
constexpr long long kEndOfTimeMicros = 253402300799000000;  // 9999-12-31
constexpr char kLastUuid[] = "ffffffff-ffff-ffff-ffff-ffffffffffff";

// The cursor's parameters, and the rows to read: one past the page, to know whether more follow.
struct Bounds {
  explicit Bounds(const PageRequest& page)
      : micros(page.after ? ToMicros(page.after->create_time) : kEndOfTimeMicros),
        kind(page.after ? page.after->kind : ""),
        id(page.after ? page.after->id : kLastUuid),
        limit(page.page_size + 1) {}
  long long micros;
  std::string kind;
  std::string id;
  int limit;
};

template <typename Rows>
Page<TimelineEntryRecord> Collect(Rows& rows, const PageRequest& page) {
  return CollectPage<TimelineEntryRecord>(
      rows, page, [](const auto& row) { return ReadEntry(row); },
      [](const TimelineEntryRecord& e) {
        return PageCursor{e.time, e.id, e.kind};
      });
}

}  // namespace

Page<TimelineEntryRecord> SelectTimeline(soci::session& sql, const std::string& org_id,
                                         const CallScope& scope, const std::string& client_id,
                                         const PageRequest& page) {
  static const std::string kSql = TimelineSql();
  Bounds bounds(page);
  std::string guide = scope.guide_id;
  // Kept prepared on the connection: planning this statement was half of its time.
  KeptRows rows(sql, kSql, soci::use(org_id, "org"), soci::use(client_id, "client"),
                soci::use(guide, "guide"), soci::use(bounds.micros, "cursor_micros"),
                soci::use(bounds.kind, "cursor_kind"), soci::use(bounds.id, "cursor_id"),
                soci::use(bounds.limit, "limit"));
  return Collect(rows, page);
}

PipelinedStatement StaffTimelineStatement(const std::string& org_id, const std::string& client_id,
                                          const PageRequest& page) {
  static const std::string kText = NumberedParameters(
      TimelineSql(),
      {"org", "client", "guide", "cursor_micros", "cursor_kind", "cursor_id", "limit"});
  Bounds bounds(page);
  return {kText,
          {org_id, client_id, "", std::to_string(bounds.micros), bounds.kind, bounds.id,
           std::to_string(bounds.limit)},
          true};
}

Page<TimelineEntryRecord> TimelinePage(const PipelineRows& rows, const PageRequest& page) {
  return Collect(rows, page);
}

}  // namespace rinnalla::storage
