#ifndef RINNALLA_SERVICES_VISITS_VALIDATION_H_
#define RINNALLA_SERVICES_VISITS_VALIDATION_H_

// Pure checks of Visits input; each broken rule names its field. What needs the database (the
// assignment, the goals, the late-sync window) is checked with the write.

#include "absl/time/time.h"
#include "errors.h"
#include "resource_names.h"
#include "rinnalla/v1/visits.pb.h"

namespace rinnalla::visits {

inline constexpr int kMaxDurationMinutes = 1440;
inline constexpr int kMaxGoals = 20;
inline constexpr size_t kMaxSummaryChars = 4000;
inline constexpr size_t kMaxNoteChars = 1000;
inline constexpr size_t kMaxReasonChars = 1000;
inline constexpr size_t kMaxCorrectionNoteChars = 2000;

// A visit's content, as logged or as it stands after an amendment: start_time (given, not after
// `now` + kClockSkew), duration_minutes, mode, places, goals (names of `client`'s goals),
// summary and place_outcomes (one per place for an ACCOMPANIED visit, none otherwise). Fields
// are named "visit.<field>".
void CheckVisitContent(const v1::Visit& visit, const ResourceName& client, absl::Time now,
                       FieldViolations& v);

// A LogVisitRequest of `client` (its parent): the content, the assignment (of the client's
// organization), visit_id and request_id.
void CheckLogVisit(const v1::LogVisitRequest& request, const ResourceName& client, absl::Time now,
                   FieldViolations& v);

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VALIDATION_H_
