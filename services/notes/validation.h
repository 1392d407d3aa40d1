#ifndef RINNALLA_SERVICES_NOTES_VALIDATION_H_
#define RINNALLA_SERVICES_NOTES_VALIDATION_H_

// The field rules of the Notes RPCs. Each violation names its field (AIP-193); nothing is
// written when any is broken.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "errors.h"
#include "principal.h"
#include "resource_names.h"
#include "rinnalla/storage/notes_records.h"
#include "rinnalla/v1/notes.pb.h"

namespace rinnalla::notes {

inline constexpr size_t kMaxNoteChars = 8000;
inline constexpr size_t kMaxRatingCommentChars = 1000;
inline constexpr int kMaxRatingsPerNote = 50;

// The stored name of an author's role (GUIDE, SOCIAL_WORKER, COORDINATOR).
std::string AuthorRoleName(Role role);

// A note added to `client` by someone of role `author`.
void CheckProgressNote(const v1::ProgressNote& note, const ResourceName& client, Role author,
                       FieldViolations& v);

// The note to store: ids from names, defaults filled in. Call after CheckProgressNote passed.
storage::NewProgressNote NewNoteFrom(const v1::ProgressNote& note, const ResourceName& client,
                                     Role author);

// ListProgressNotes' filter: goal, author_role, after, before.
absl::StatusOr<storage::NoteFilter> ReadNoteFilter(absl::string_view text,
                                                   const ResourceName& client);

// SummarizeOutcomes' period and filter (guide, municipality); the period ends `now` by default.
absl::StatusOr<storage::OutcomeQuery> ReadOutcomeQuery(const v1::SummarizeOutcomesRequest& request,
                                                       const std::string& org_id, absl::Time now);

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_VALIDATION_H_
