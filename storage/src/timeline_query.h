#ifndef RINNALLA_STORAGE_SRC_TIMELINE_QUERY_H_
#define RINNALLA_STORAGE_SRC_TIMELINE_QUERY_H_

// A client's timeline: assignment changes, meetings, goals, visits and notes in one list, newest
// first by (time DESC, kind, id DESC). Each kind is read from its own index up to a page past
// the cursor and the kinds are merged, so a page costs the same however long the history; the
// keyset cursor holds all three keys, so pages neither skip nor repeat entries while new ones
// arrive.

#include <soci/soci.h>

#include <string>

#include "pipeline.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/notes_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// A guide sees their own periods with the client only (their assignments, their visits, the
// SHARED notes); staff see everything, a guide's words withheld without the client's consent.
Page<TimelineEntryRecord> SelectTimeline(soci::session& sql, const std::string& org_id,
                                         const CallScope& scope, const std::string& client_id,
                                         const PageRequest& page);

// The same read for staff as one statement of a pipeline (ReadWithAccess), and its page.
PipelinedStatement StaffTimelineStatement(const std::string& org_id, const std::string& client_id,
                                          const PageRequest& page);
Page<TimelineEntryRecord> TimelinePage(const PipelineRows& rows, const PageRequest& page);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_TIMELINE_QUERY_H_
