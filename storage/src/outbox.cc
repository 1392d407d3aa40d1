#include "outbox.h"

#include "json_rows.h"
#include "kept_statements.h"
#include "rinnalla/metrics/metrics.h"

namespace rinnalla::storage {

void AppendEvents(soci::session& sql, const std::string& org_id,
                  const std::vector<EventRow>& events) {
  if (events.empty()) return;
  JsonRows rows;
  for (const EventRow& e : events) {
    rows.Row()
        .Add("n", rows.size() - 1)
        .Add("kind", e.kind)
        .Add("resource", e.resource)
        .Add("fields", e.changed_fields);
  }
  // In the order given: the events' seq follows it.
  static const std::string kAppend =
      "INSERT INTO events (org_id, kind, resource, changed_fields)"
      " SELECT :org, e.kind, e.resource, e.fields"
      " FROM json_to_recordset(CAST(:events AS json))"
      "  AS e(n int, kind text, resource text, fields text[])"
      " ORDER BY e.n";
  const std::string param = rows.Text();
  RunKept(sql, kAppend, soci::use(org_id, "org"), soci::use(param, "events"));
  metrics::Events().events_written.Increment(static_cast<double>(events.size()));
}

void AppendEvent(soci::session& sql, const std::string& org_id, const std::string& kind,
                 const std::string& resource, const std::vector<std::string>& changed_fields) {
  AppendEvents(sql, org_id, {{kind, resource, changed_fields}});
}

}  // namespace rinnalla::storage
