#include "outbox.h"

#include "codec.h"

namespace rinnalla::storage {

void AppendEvent(soci::session& sql, const std::string& org_id, const std::string& kind,
                 const std::string& resource, const std::vector<std::string>& changed_fields) {
  AppendEvents(sql, org_id, kind, {resource}, changed_fields);
}

void AppendEvents(soci::session& sql, const std::string& org_id, const std::string& kind,
                  const std::vector<std::string>& resources,
                  const std::vector<std::string>& changed_fields) {
  if (resources.empty()) return;
  std::string fields = JoinArray(changed_fields), names = JoinArray(resources);
  // WITH ORDINALITY keeps the given order in the sequence numbers.
  sql << "INSERT INTO events (org_id, kind, resource, changed_fields)"
         " SELECT :org, :kind, r.name, string_to_array(:fields, chr(31))"
         " FROM unnest(string_to_array(:names, chr(31))) WITH ORDINALITY AS r(name, n) ORDER BY r.n",
      soci::use(org_id), soci::use(kind), soci::use(fields), soci::use(names);
}

}  // namespace rinnalla::storage
