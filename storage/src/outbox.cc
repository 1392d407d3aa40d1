#include "outbox.h"

#include "codec.h"

namespace rinnalla::storage {

void AppendEvent(soci::session& sql, const std::string& org_id, const std::string& kind,
                 const std::string& resource, const std::vector<std::string>& changed_fields) {
  std::string fields = JoinArray(changed_fields);
  sql << "INSERT INTO events (org_id, kind, resource, changed_fields)"
         " VALUES (:org, :kind, :resource, string_to_array(:fields, chr(31)))",
      soci::use(org_id), soci::use(kind), soci::use(resource), soci::use(fields);
}

}  // namespace rinnalla::storage
