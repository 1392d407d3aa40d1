#ifndef RINNALLA_SERVICES_NOTES_TIMELINE_SUMMARY_H_
#define RINNALLA_SERVICES_NOTES_TIMELINE_SUMMARY_H_

#include <string>

#include "absl/strings/string_view.h"
#include "rinnalla/storage/notes_records.h"
#include "rinnalla/v1/notes.pb.h"

namespace rinnalla::notes {

inline constexpr size_t kExcerptChars = 160;

// The parts of a timeline entry's sentence, as fields (kinds and codes as enums, free text cut to
// kExcerptChars characters), so an app words the entry in the user's language.
v1::TimelineEntryParts EntryParts(const storage::TimelineEntryRecord& entry);

// A timeline entry in one line, e.g. "45 min IN_PERSON visit (KELA, HOUSING): Kävimme Kelassa…",
// made of its `parts` (EntryParts); when the guide's words are withheld it says so.
std::string SummarizeEntry(const storage::TimelineEntryRecord& entry,
                           const v1::TimelineEntryParts& parts);

// `text` on one line (line breaks and tabs become spaces), cut to `max_chars` characters with
// "…" when longer.
std::string Excerpt(absl::string_view text, size_t max_chars = kExcerptChars);

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_TIMELINE_SUMMARY_H_
