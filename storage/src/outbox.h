#ifndef RINNALLA_STORAGE_SRC_OUTBOX_H_
#define RINNALLA_STORAGE_SRC_OUTBOX_H_

#include <soci/soci.h>

#include <string>
#include <vector>

namespace rinnalla::storage {

// Records a change for the event feed, inside the change's transaction. `kind` is e.g.
// "assignment.created"; `resource` the resource name; `changed_fields` the fields that changed.
void AppendEvent(soci::session& sql, const std::string& org_id, const std::string& kind,
                 const std::string& resource, const std::vector<std::string>& changed_fields);
// One event of `kind` per resource, in the order given, in one statement.
void AppendEvents(soci::session& sql, const std::string& org_id, const std::string& kind,
                  const std::vector<std::string>& resources,
                  const std::vector<std::string>& changed_fields);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_OUTBOX_H_
