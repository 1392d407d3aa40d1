#include "outbox.h"

#include "codec.h"
#include "rinnalla/metrics/metrics.h"

namespace rinnalla::storage {

void AppendEvents(soci::session& sql, const std::string& org_id,
                  const std::vector<EventRow>& events) {
  if (events.empty()) return;
  std::vector<std::string> kind, resource, fields;
  for (const EventRow& e : events) {
    kind.push_back(e.kind);
    resource.push_back(e.resource);
    fields.push_back(JoinArray(e.changed_fields));
  }
  std::string kinds = JoinRows(kind), resources = JoinRows(resource), changed = JoinRows(fields);
  // WITH ORDINALITY keeps the events' seq in the order given.
  sql << "INSERT INTO events (org_id, kind, resource, changed_fields)"
         " SELECT :org, e.kind, e.resource, coalesce(string_to_array(e.fields, chr(31)), '{}')"
         " FROM unnest(string_to_array(:kinds, chr(30)), string_to_array(:resources, chr(30)),"
         " string_to_array(:fields, chr(30))) WITH ORDINALITY AS e(kind, resource, fields, n)"
         " ORDER BY e.n",
      soci::use(org_id), soci::use(kinds), soci::use(resources), soci::use(changed);
  metrics::Events().events_written.Increment(static_cast<double>(events.size()));
}

void AppendEvent(soci::session& sql, const std::string& org_id, const std::string& kind,
                 const std::string& resource, const std::vector<std::string>& changed_fields) {
  AppendEvents(sql, org_id, {{kind, resource, changed_fields}});
}

}  // namespace rinnalla::storage
