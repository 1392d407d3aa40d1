#ifndef RINNALLA_STORAGE_SRC_NOTE_QUERIES_H_
#define RINNALLA_STORAGE_SRC_NOTE_QUERIES_H_

// Reading progress notes as their reader may see them: a guide, the SHARED notes of their own
// periods with the client; staff, every note, with a guide's words withheld unless the client
// consented to information sharing for that assignment.

#include <soci/soci.h>

#include <optional>
#include <string>

#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/notes_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

struct NoteSelection {
  std::string client_id;
  std::optional<std::string> note_id;  // one note
  NoteFilter filter;
};

// Newest first, each with its ratings and the corrections the reader may see.
Page<ProgressNoteRecord> SelectNotes(soci::session& sql, const std::string& org_id,
                                     const CallScope& scope, const NoteSelection& selection,
                                     const PageRequest& page);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_NOTE_QUERIES_H_
