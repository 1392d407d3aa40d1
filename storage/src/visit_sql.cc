#include "visit_sql.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec.h"
#include "guide_hold.h"
#include "json_rows.h"
#include "kept_statements.h"
#include "lockable_select.h"
#include "refusals.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/visits_repository.h"

namespace rinnalla::storage {
namespace {

// The content columns of revision `r`, with the lateral `s(shown)` deciding whether the guide's
// texts are read; arrays and the place outcomes as JSON. Read by ReadContent.
const std::string kContentColumns = absl::StrCat(
    MicrosOf("r.start_time"), ", r.duration_minutes, r.mode, ", JsonOf("r.places"), ", ",
    JsonOf("r.goal_ids"),
    ", CASE WHEN s.shown THEN r.summary ELSE '' END, (NOT s.shown)::int,"
    " (SELECT CAST(json_agg(json_build_object('place', o.place, 'appointment', o.appointment,"
    "    'actions', o.actions, 'acting', o.acting,"
    "    'note', CASE WHEN s.shown THEN o.note ELSE '' END) ORDER BY o.position) AS text)"
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
  c.places = FromJsonArray(row.get<std::string>(first + 3));
  c.goal_ids = FromJsonArray(row.get<std::string>(first + 4));
  c.summary = row.get<std::string>(first + 5);
  const bool withheld = row.get<int>(first + 6) != 0;
  if (std::optional<std::string> outcomes = OptionalString(row, first + 7)) {
    for (const nlohmann::json& o : nlohmann::json::parse(*outcomes)) {
      c.outcomes.push_back({o.at("place").get<std::string>(),
                            o.at("appointment").get<std::string>(),
                            o.at("actions").get<std::vector<std::string>>(),
                            o.at("acting").get<std::string>(), o.at("note").get<std::string>()});
    }
  }
  return withheld;
}

}  // namespace

std::string VisitRowsJson(const std::vector<const VisitRecord*>& visits) {
  JsonRows rows;
  for (const VisitRecord* v : visits) {
    const VisitContent& c = v->content;
    rows.Row()
        .Add("n", rows.size() - 1)
        .Add("id", v->id)
        .Add("client_id", v->client_id)
        .Add("assignment_id", v->assignment_id)
        .Add("guide_id", v->guide_id)
        .Add("micros", ToMicros(c.start_time))
        .Add("duration", c.duration_minutes)
        .Add("mode", c.mode)
        .Add("places", c.places)
        .Add("goals", c.goal_ids)
        .Add("summary", c.summary);
  }
  return rows.Text();
}

const std::string kCheckVisits = absl::StrCat(
    WithBatchOfOrganization("i", "visits",
                            "n int, assignment_id uuid, id uuid, client_id uuid, goals uuid[]"),
    " SELECT CAST(a.guide_id AS text), CAST(a.client_id AS text), a.state, ",
    MicrosOf(absl::StrCat("date_trunc('day', a.start_time, '", kVisitTimeZone, "')")), ", ",
    MicrosOf("a.end_time"), ", ", MicrosOf("now()"),
    ", EXISTS (SELECT 1 FROM visits v WHERE v.org_id = p.org_id AND v.id = i.id)::int,"
    " (SELECT CAST(min(g.n) - 1 AS int) FROM unnest(i.goals) WITH ORDINALITY AS g(id, n)"
    "   WHERE NOT EXISTS (SELECT 1 FROM goals x WHERE x.org_id = p.org_id"
    "   AND x.id = g.id AND x.client_id = i.client_id))"
    " FROM i CROSS JOIN p"
    " LEFT JOIN assignments a ON a.org_id = p.org_id AND a.id = i.assignment_id"
    " ORDER BY i.n");

std::vector<VisitCheck> CheckVisits(soci::session& sql, const std::string& org_id,
                                    const std::vector<const VisitRecord*>& visits) {
  if (visits.empty()) return {};
  const std::string rows = VisitRowsJson(visits);
  // Into vectors, one row per visit: one round trip (a rowset would prepare, execute and
  // deallocate), on a statement kept prepared.
  const size_t n = visits.size();
  std::vector<std::string> guides(n), clients(n), states(n);
  std::vector<long long> first_days(n), ends(n), nows(n);
  std::vector<int> exists(n), unknown_goals(n);
  std::vector<soci::indicator> found(n), end_found(n), goal_found(n), i1(n), i2(n), i3(n);
  const int count = static_cast<int>(n);
  RunKept(sql, kCheckVisits, soci::use(rows, "visits"), soci::use(count, "count"),
          soci::use(org_id, "org"), soci::into(guides, found), soci::into(clients, i1),
          soci::into(states, i2), soci::into(first_days, i3), soci::into(ends, end_found),
          soci::into(nows), soci::into(exists), soci::into(unknown_goals, goal_found));
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
    return Refusal(
        "LATE_SYNC_WINDOW_CLOSED",
        "the assignment ended more than 30 days ago: its visits can no longer be "
        "logged or amended",
        {{"late_sync_window_days", std::to_string(absl::ToInt64Hours(kLateSyncWindow) / 24)}});
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

void WriteRevisions(soci::session& sql, const std::string& org_id,
                    const std::vector<RevisionWrite>& revisions) {
  if (revisions.empty()) return;
  // Each kind of row as one JSON parameter; outcomes and goal links written only when there are
  // any.
  JsonRows rows, outcomes, links;
  for (const RevisionWrite& w : revisions) {
    const VisitContent& c = w.visit->content;
    rows.Row()
        .Add("visit_id", w.visit->id)
        .Add("revision", w.revision)
        .Add("micros", ToMicros(c.start_time))
        .Add("duration", c.duration_minutes)
        .Add("mode", c.mode)
        .Add("places", c.places)
        .Add("goals", c.goal_ids)
        .Add("summary", c.summary)
        .Add("reason", w.reason)
        .Add("author", w.author);
    for (size_t i = 0; i < c.outcomes.size(); ++i) {
      const PlaceOutcomeRecord& o = c.outcomes[i];
      outcomes.Row()
          .Add("visit_id", w.visit->id)
          .Add("revision", w.revision)
          .Add("place", o.place)
          .Add("position", i)
          .Add("appointment", o.appointment)
          .Add("actions", o.actions)
          .Add("acting", o.acting)
          .Add("note", o.note);
    }
    for (const std::string& goal : c.goal_ids) {
      links.Row().Add("visit_id", w.visit->id).Add("goal_id", goal);
    }
  }
  static const std::string kRevisions = absl::StrCat(
      "INSERT INTO visit_revisions (org_id, visit_id, revision, start_time, duration_minutes,"
      " mode, places, goal_ids, summary, amend_reason, author)"
      " SELECT :org, r.visit_id, r.revision, ",
      TimeFromMicros("r.micros"),
      ", r.duration, r.mode, r.places, r.goals, r.summary, r.reason, r.author"
      " FROM json_to_recordset(CAST(:revisions AS json)) AS r(visit_id uuid, revision int,"
      "  micros bigint, duration int, mode text, places text[], goals uuid[], summary text,"
      "  reason text, author text)");
  const std::string revision_rows = rows.Text();
  RunKept(sql, kRevisions, soci::use(org_id, "org"), soci::use(revision_rows, "revisions"));
  if (!outcomes.empty()) {
    static const std::string kOutcomes =
        "INSERT INTO visit_place_outcomes (org_id, visit_id, revision, place, position,"
        " appointment, actions, acting, note)"
        " SELECT :org, o.visit_id, o.revision, o.place, o.position, o.appointment, o.actions,"
        "  o.acting, o.note"
        " FROM json_to_recordset(CAST(:outcomes AS json)) AS o(visit_id uuid, revision int,"
        "  place text, position int, appointment text, actions text[], acting text, note text)";
    const std::string outcome_rows = outcomes.Text();
    RunKept(sql, kOutcomes, soci::use(org_id, "org"), soci::use(outcome_rows, "outcomes"));
  }
  if (!links.empty()) {
    static const std::string kLinks =
        "INSERT INTO visit_goals (org_id, visit_id, goal_id) SELECT :org, g.visit_id, g.goal_id"
        " FROM json_to_recordset(CAST(:links AS json)) AS g(visit_id uuid, goal_id uuid)";
    const std::string link_rows = links.Text();
    RunKept(sql, kLinks, soci::use(org_id, "org"), soci::use(link_rows, "links"));
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
  // Function-local: VisitQuery() reads this file's constants, made at start-up.
  static const LockableSelect kSelectVisit(
      absl::StrCat(VisitQuery(),
                   " WHERE v.org_id = :org AND v.id = CAST(:id AS uuid)"
                   " AND (:client = '' OR v.client_id = CAST(NULLIF(:client, '') AS uuid))"),
      " FOR UPDATE OF v");
  int reveal_all = reveal ? 1 : 0;
  std::optional<VisitRecord> found;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << kSelectVisit(for_update), soci::use(reveal_all, "reveal"),
         soci::use(org_id, "org"), soci::use(id, "id"), soci::use(client_id, "client"));
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
  static const std::string kSelectRevisions = absl::StrCat(
      "SELECT r.revision, r.amend_reason, r.author, ", MicrosOf("r.create_time"), ", ",
      kContentColumns,
      " FROM visit_revisions r JOIN visits v ON v.org_id = r.org_id AND v.id = r.visit_id", kShown,
      " WHERE r.org_id = :org AND r.visit_id = CAST(:id AS uuid)"
      " AND (:only = 0 OR r.revision = :only) ORDER BY r.revision");
  int reveal_all = reveal ? 1 : 0, revision = only.value_or(0);
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectRevisions, soci::use(reveal_all, "reveal"), soci::use(org_id, "org"),
       soci::use(id, "id"), soci::use(revision, "only"));
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
  std::string id_list = ToJsonArray(ids);
  static const std::string kNotes =
      absl::StrCat("SELECT CAST(id AS text), CAST(visit_id AS text), text, author, author_role, ",
                   MicrosOf("create_time"),
                   " FROM visit_correction_notes WHERE org_id = :org AND visit_id = ANY (",
                   UuidArrayOf(":ids"), ") ORDER BY create_time, id");
  KeptRows rows(sql, kNotes, soci::use(org_id, "org"), soci::use(id_list, "ids"));
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
