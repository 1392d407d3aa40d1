#ifndef RINNALLA_STORAGE_SRC_OUTBOX_H_
#define RINNALLA_STORAGE_SRC_OUTBOX_H_

#include <soci/soci.h>

#include <string>
#include <vector>

namespace rinnalla::storage {

// A change for the event feed: `kind` is e.g. "assignment.created"; `resource` the resource
// name; `changed_fields` the fields that changed. Never personal data.
struct EventRow {
  std::string kind;
  std::string resource;
  std::vector<std::string> changed_fields;
};

// Records changes for the event feed, inside the changes' transaction, in one statement.
void AppendEvents(soci::session& sql, const std::string& org_id,
                  const std::vector<EventRow>& events);

void AppendEvent(soci::session& sql, const std::string& org_id, const std::string& kind,
                 const std::string& resource, const std::vector<std::string>& changed_fields);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_OUTBOX_H_
