#ifndef RINNALLA_SERVICES_NOTES_MAPPING_H_
#define RINNALLA_SERVICES_NOTES_MAPPING_H_

#include "absl/time/time.h"
#include "rinnalla/storage/notes_records.h"
#include "rinnalla/v1/notes.pb.h"

namespace rinnalla::notes {

v1::ProgressNote ToProto(const storage::ProgressNoteRecord& record);
v1::TimelineEntry ToProto(const std::string& org_id, const std::string& client_id,
                          const storage::TimelineEntryRecord& record);
v1::ScoreRecord ToProto(const std::string& org_id, const std::string& client_id,
                        const storage::RatingInHistory& record);

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_MAPPING_H_
