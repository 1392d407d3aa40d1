// Past guidances in bulk: each table's rows as columns of one parameter each, unnested by
// PostgreSQL (a few statements for any number of guidances).

#include <cassert>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "access_log_writer.h"
#include "codec.h"
#include "json_rows.h"
#include "outbox.h"
#include "refusals.h"
#include "rinnalla/storage/past_guidance.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

// Rows of one statement as one JSON parameter (`:rows`), so any text round-trips: `Source()` is
// the FROM item that reads them as `i(name, ...)`, typed; `Run` binds them with :org and :by.
class Rows {
 public:
  Rows(std::vector<std::pair<std::string, std::string>> columns) : columns_(std::move(columns)) {}
  // One row: a value for each column, in the columns' order.
  template <typename... Values>
  void Add(const Values&... values) {
    assert(sizeof...(values) == columns_.size());
    rows_.Row();
    size_t k = 0;
    (rows_.Add(columns_[k++].first, values), ...);
  }
  bool empty() const { return rows_.empty(); }

  std::string Source() const {
    std::vector<std::string> columns;
    for (const auto& [name, type] : columns_) columns.push_back(absl::StrCat(name, " ", type));
    return absl::StrCat("json_to_recordset(CAST(:rows AS json)) AS i(",
                        absl::StrJoin(columns, ", "), ")");
  }

  // Runs `statement` (which names `Source()`); add no rows after the first run.
  void Run(soci::session& sql, const std::string& statement, const std::string& org,
           const std::string& by) {
    if (empty()) return;
    const std::string text = rows_.Text();
    sql << statement, soci::use(org, "org"), soci::use(by, "by"), soci::use(text, "rows");
  }

 private:
  std::vector<std::pair<std::string, std::string>> columns_;
  JsonRows rows_;
};

long long Micros(absl::Time t) { return ToMicros(t); }
std::string T(const std::string& column) { return TimeFromMicros(absl::StrCat("i.", column)); }

// All the rows of a batch of guidances, table by table.
struct Tables {
  Rows referrals{{{"id", "uuid"},
                  {"client", "uuid"},
                  {"needs", "text[]"},
                  {"languages", "text[]"},
                  {"municipality", "text"},
                  {"created", "bigint"},
                  {"matched", "bigint"}}};
  Rows assignments{{{"id", "uuid"},
                    {"client", "uuid"},
                    {"guide", "uuid"},
                    {"referral", "uuid"},
                    {"start", "bigint"}}};
  Rows endings{{{"id", "uuid"}, {"ended", "bigint"}, {"reason", "text"}}};
  Rows meetings{{{"id", "uuid"},
                 {"client", "uuid"},
                 {"assignment", "uuid"},
                 {"kind", "text"},
                 {"held", "bigint"},
                 {"guide", "text"},
                 {"summary", "text"}}};
  Rows goals{{{"id", "uuid"},
              {"client", "uuid"},
              {"assignment", "uuid"},
              {"title", "text"},
              {"area", "text"},
              {"levels", "text[]"},
              {"state", "text"},
              {"meeting", "uuid"},
              {"agreed_by", "text[]"},
              {"agreed", "bigint"},
              {"closed", "bigint"}}};
  Rows notes{{{"id", "uuid"},
              {"client", "uuid"},
              {"assignment", "uuid"},
              {"author", "text"},
              {"text", "text"},
              {"time", "bigint"}}};
  Rows ratings{{{"client", "uuid"},
                {"goal", "uuid"},
                {"score", "int"},
                {"rated_by", "text"},
                {"note", "uuid"},
                {"author", "text"},
                {"time", "bigint"}}};
  Rows visits{{{"id", "uuid"},
               {"client", "uuid"},
               {"assignment", "uuid"},
               {"guide", "uuid"},
               {"author", "text"},
               {"start", "bigint"},
               {"minutes", "int"},
               {"mode", "text"},
               {"places", "text[]"},
               {"goals", "uuid[]"},
               {"summary", "text"}}};
  Rows outcomes{
      {{"visit", "uuid"}, {"place", "text"}, {"position", "int"}, {"appointment", "text"}}};
  std::vector<EventRow> events;
};

void Collect(const std::string& org, const std::string& social_worker, const PastGuidance& g,
             Tables& t) {
  const std::string guide = ResourceName(org, "guides", g.guide_id);
  t.referrals.Add(g.referral_id, g.client_id, g.needs, g.languages, g.municipality,
                  Micros(g.start - absl::Hours(24 * 7)), Micros(g.start));
  t.assignments.Add(g.assignment_id, g.client_id, g.guide_id, g.referral_id, Micros(g.start));
  t.meetings.Add(g.initial_meeting, g.client_id, g.assignment_id, "INITIAL", Micros(g.start), guide,
                 "Sovimme tavoitteet yhdessä.");
  t.events.push_back({"referral.created", ResourceName(org, "referrals", g.referral_id), {}});
  t.events.push_back({"assignment.created", ResourceName(org, "assignments", g.assignment_id), {}});
  t.events.push_back(
      {"meeting.created", ClientChildName(org, g.client_id, "meetings", g.initial_meeting), {}});
  const std::vector<std::string> agreed_by = {
      "CLIENT", absl::StrCat("SOCIAL_WORKER:", social_worker), absl::StrCat("GUIDE:", guide)};
  std::vector<std::string> goal_ids;
  for (const PastGoal& goal : g.goals) {
    const bool closed = goal.state != "AGREED";
    t.goals.Add(goal.id, g.client_id, g.assignment_id, goal.title, goal.area, goal.gas_levels,
                goal.state, g.initial_meeting, agreed_by, Micros(g.start),
                closed && g.end ? Micros(*g.end) : 0);
    t.events.push_back({"goal.created", ClientChildName(org, g.client_id, "goals", goal.id), {}});
    goal_ids.push_back(goal.id);
  }
  for (const PastNote& note : g.notes) {
    t.notes.Add(note.id, g.client_id, g.assignment_id, guide, note.text, Micros(note.time));
    for (size_t k = 0; k < g.goals.size(); ++k) {
      t.ratings.Add(g.client_id, goal_ids[k], note.guide_scores[k], "GUIDE", note.id, guide,
                    Micros(note.time));
      t.ratings.Add(g.client_id, goal_ids[k], note.client_scores[k], "CLIENT", note.id, guide,
                    Micros(note.time));
    }
    t.events.push_back({"note.created", ClientChildName(org, g.client_id, "notes", note.id), {}});
  }
  for (const PastVisit& v : g.visits) {
    t.visits.Add(v.id, g.client_id, g.assignment_id, g.guide_id, guide, Micros(v.start),
                 v.duration_minutes, v.mode, v.places,
                 goal_ids.empty() ? std::vector<std::string>{}
                                  : std::vector<std::string>{goal_ids[v.goal % goal_ids.size()]},
                 v.summary);
    if (v.mode == "ACCOMPANIED") {
      for (size_t k = 0; k < v.places.size(); ++k)
        t.outcomes.Add(v.id, v.places[k], k, v.appointment);
    }
    t.events.push_back({"visit.created", ClientChildName(org, g.client_id, "visits", v.id), {}});
  }
  if (g.end) {
    t.endings.Add(g.assignment_id, Micros(*g.end), g.end_reason);
    t.meetings.Add(g.closing_meeting, g.client_id, g.assignment_id, "CLOSING", Micros(*g.end),
                   guide, "Arvioimme ohjauksen yhdessä.");
    t.events.push_back(
        {"meeting.created", ClientChildName(org, g.client_id, "meetings", g.closing_meeting), {}});
    t.events.push_back(
        {"assignment.updated", ResourceName(org, "assignments", g.assignment_id), {"state"}});
  }
}

void Write(soci::session& sql, const std::string& org, const std::string& by, Tables& t) {
  t.referrals.Run(
      sql,
      absl::StrCat(
          "INSERT INTO referrals (org_id, id, client_id, needs, languages,"
          " municipality, state, created_by, create_time, update_time)"
          " SELECT :org, i.id, i.client, i.needs, i.languages, i.municipality, 'MATCHED', :by, ",
          T("created"), ", ", T("matched"), " FROM ", t.referrals.Source()),
      org, by);
  // Inserted ACTIVE and then ended, so the trigger records both changes at their times.
  t.assignments.Run(sql,
                    absl::StrCat("INSERT INTO assignments (org_id, id, client_id, guide_id,"
                                 " referral_id, state, start_time, first_meeting_time,"
                                 " create_time, update_time) SELECT :org, i.id, i.client, i.guide,"
                                 " i.referral, 'ACTIVE', ",
                                 T("start"), ", ", T("start"), ", ", T("start"), ", ", T("start"),
                                 " FROM ", t.assignments.Source()),
                    org, by);
  t.endings.Run(
      sql,
      absl::StrCat("UPDATE assignments a SET state = 'ENDED', end_time = ", T("ended"),
                   ", end_reason = i.reason, revision = a.revision + 1, update_time = ", T("ended"),
                   " FROM ", t.endings.Source(), " WHERE a.org_id = :org AND a.id = i.id"),
      org, by);
  t.meetings.Run(sql,
                 absl::StrCat("INSERT INTO meetings (org_id, id, client_id, assignment_id, kind,"
                              " scheduled_time, state, outcome_revision, created_by, create_time,"
                              " update_time) SELECT :org, i.id, i.client, i.assignment, i.kind, ",
                              T("held"), ", 'HELD', 1, :by, ", T("held"), ", ", T("held"), " FROM ",
                              t.meetings.Source()),
                 org, by);
  t.meetings.Run(sql,
                 absl::StrCat("INSERT INTO meeting_outcomes (org_id, meeting_id, revision,"
                              " held_time, summary, recorded_by, recorded_role, create_time)"
                              " SELECT :org, i.id, 1, ",
                              T("held"), ", i.summary, :by, 'social_worker', ", T("held"), " FROM ",
                              t.meetings.Source()),
                 org, by);
  t.meetings.Run(sql,
                 absl::StrCat("INSERT INTO meeting_participants (org_id, meeting_id, revision,"
                              " position, role, identity, present) SELECT :org, i.id, 1, p.n,"
                              " p.role, CASE p.role WHEN 'GUIDE' THEN i.guide WHEN"
                              " 'SOCIAL_WORKER' THEN :by ELSE '' END, true FROM ",
                              t.meetings.Source(),
                              " CROSS JOIN (VALUES (0, 'CLIENT'), (1, 'SOCIAL_WORKER'),"
                              " (2, 'GUIDE')) AS p(n, role)"),
                 org, by);
  t.goals.Run(sql,
              absl::StrCat("INSERT INTO goals (org_id, id, client_id, assignment_id, title, area,"
                           " gas_levels, state, agreed_meeting_id, agreed_by, agreed_time,"
                           " closed_time, created_by, create_time, update_time)"
                           " SELECT :org, i.id, i.client, i.assignment, i.title, i.area, ",
                           "i.levels, i.state, i.meeting, i.agreed_by, ", T("agreed"),
                           ", CASE WHEN i.closed = 0 THEN NULL ELSE ", T("closed"), " END, :by, ",
                           T("agreed"), ", greatest(", T("agreed"), ", ", T("closed"), ") FROM ",
                           t.goals.Source()),
              org, by);
  t.notes.Run(sql,
              absl::StrCat("INSERT INTO progress_notes (org_id, id, client_id, assignment_id,"
                           " author, author_role, text, visibility, observed_time, create_time)"
                           " SELECT :org, i.id, i.client, i.assignment, i.author, 'GUIDE',"
                           " i.text, 'SHARED', ",
                           T("time"), ", ", T("time"), " FROM ", t.notes.Source()),
              org, by);
  t.ratings.Run(sql,
                absl::StrCat("INSERT INTO goal_ratings (org_id, client_id, goal_id, score,"
                             " rated_by, source_kind, source_id, recorded_by, time)"
                             " SELECT :org, i.client, i.goal, i.score, i.rated_by, 'NOTE',"
                             " i.note, i.author, ",
                             T("time"), " FROM ", t.ratings.Source()),
                org, by);
  t.visits.Run(sql,
               absl::StrCat("INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id,"
                            " start_time, duration_minutes, mode, places, summary, create_time,"
                            " update_time) SELECT :org, i.id, i.client, i.assignment, i.guide, ",
                            T("start"), ", i.minutes, i.mode, i.places, i.summary, ", T("start"),
                            ", ", T("start"), " FROM ", t.visits.Source()),
               org, by);
  t.visits.Run(
      sql,
      absl::StrCat("INSERT INTO visit_revisions (org_id, visit_id, revision, start_time,"
                   " duration_minutes, mode, places, goal_ids, summary, author,"
                   " create_time) SELECT :org, i.id, 1, ",
                   T("start"), ", i.minutes, i.mode, i.places, i.goals, i.summary, i.author, ",
                   T("start"), " FROM ", t.visits.Source()),
      org, by);
  t.visits.Run(sql,
               absl::StrCat("INSERT INTO visit_goals (org_id, visit_id, goal_id) SELECT :org,"
                            " i.id, g FROM ",
                            t.visits.Source(), " CROSS JOIN unnest(i.goals) AS g"),
               org, by);
  t.outcomes.Run(sql,
                 absl::StrCat("INSERT INTO visit_place_outcomes (org_id, visit_id, revision,"
                              " place, position, appointment, acting) SELECT :org, i.visit, 1,"
                              " i.place, i.position, i.appointment, 'CLIENT_WITH_GUIDE' FROM ",
                              t.outcomes.Source()),
                 org, by);
}

}  // namespace

absl::Status WritePastGuidances(Database& db, const CallScope& scope,
                                const std::string& social_worker,
                                const std::vector<PastGuidance>& guidances) {
  if (guidances.empty()) return absl::OkStatus();
  const Accessor& accessor = scope;
  Tables tables;
  std::set<std::string> clients, guides;
  for (const PastGuidance& g : guidances) {
    Collect(accessor.org_id, social_worker, g, tables);
    clients.insert(g.client_id);
    guides.insert(g.guide_id);
  }
  return Transact(db, scope, [&](soci::session& sql) -> absl::Status {
    Write(sql, accessor.org_id, social_worker, tables);
    const std::string guide_ids = ToJsonArray({guides.begin(), guides.end()});
    sql << "UPDATE guides g SET active_client_count = (SELECT count(*) FROM assignments a"
           " WHERE a.org_id = g.org_id AND a.guide_id = g.id AND a.state IN ('ACTIVE', 'PAUSED'))"
           " WHERE g.org_id = :org AND g.id = ANY("
        << UuidArrayOf(":ids") << ")",
        soci::use(accessor.org_id, "org"), soci::use(guide_ids, "ids");
    for (const std::string& id : guides) {
      tables.events.push_back(
          {"guide.updated", ResourceName(accessor.org_id, "guides", id), {"active_client_count"}});
    }
    AppendEvents(sql, accessor.org_id, tables.events);
    return AppendAccessForEach(sql, accessor, accessor.org_id, {clients.begin(), clients.end()});
  });
}

absl::Status RefreshStatistics(Database& db, const CallScope& scope) {
  return Transact(db, scope, [](soci::session& sql) -> absl::Status {
    sql << "ANALYZE";
    return absl::OkStatus();
  });
}

}  // namespace rinnalla::storage
