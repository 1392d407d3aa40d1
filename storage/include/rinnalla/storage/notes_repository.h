#ifndef RINNALLA_STORAGE_NOTES_REPOSITORY_H_
#define RINNALLA_STORAGE_NOTES_REPOSITORY_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/notes_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Progress notes, a client's timeline, goal attainment and a pilot's figures, all in
// `scope.org_id`. Each method is one transaction that writes an access-log row per client
// whose data it reads or writes (AddNote also an outbox event "note.created").
//
// A guide (`scope.is_guide`) is held to their ACTIVE or PAUSED assignment with the client inside
// the transaction (HoldGuideToClient): PERMISSION_DENIED otherwise, also for a note they may not
// see. Staff see everything, but a guide's words only where the client consented to information
// sharing; a guide sees SHARED notes and the rest of their own periods with the client only. Errors of
// AddNote, FAILED_PRECONDITION unless said: NO_OPEN_ASSIGNMENT, ASSIGNMENT_OF_ANOTHER_CLIENT,
// ASSIGNMENT_NOT_OPEN (a guide writing on an ended one), NOT_OWN_NOTE (`corrects` is not one of
// the author's notes of the client), CORRECTION_OF_OTHER_ASSIGNMENT, GOAL_NOT_AGREED and
// GOAL_OF_ANOTHER_ASSIGNMENT (a rated goal must be an AGREED goal of the note's assignment),
// NOT_FOUND (no such goal of the client); PERMISSION_DENIED (a guide on another guide's
// assignment). Nothing is written on any error. Thread-safe.
class NotesRepository {
 public:
  virtual ~NotesRepository() = default;

  virtual absl::StatusOr<CreateOutcome<ProgressNoteRecord>> AddNote(
      const CallScope& scope, const NewProgressNote& note, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ProgressNoteRecord>& encode) = 0;
  // NOT_FOUND for staff when there is no such note of the client.
  virtual absl::StatusOr<ProgressNoteRecord> GetNote(const CallScope& scope,
                                                     const std::string& client_id,
                                                     const std::string& id) = 0;
  // Newest first.
  virtual absl::StatusOr<Page<ProgressNoteRecord>> ListNotes(const CallScope& scope,
                                                             const std::string& client_id,
                                                             const NoteFilter& filter,
                                                             const PageRequest& page) = 0;

  // Newest first by (time DESC, kind, id DESC); the page cursor carries all three.
  virtual absl::StatusOr<Page<TimelineEntryRecord>> Timeline(const CallScope& scope,
                                                             const std::string& client_id,
                                                             const PageRequest& page) = 0;

  // The goals of one assignment of the client (default: the latest the viewer may see) with the
  // ratings that stand. FAILED_PRECONDITION ASSIGNMENT_OF_ANOTHER_CLIENT for another's.
  virtual absl::StatusOr<GoalAttainmentRecord> GoalAttainment(
      const CallScope& scope, const std::string& client_id,
      const std::optional<std::string>& assignment_id) = 0;

  // The organization's figures over the period; an access-log row for every client counted.
  virtual absl::StatusOr<OutcomeFigures> SummarizeOutcomes(const CallScope& scope,
                                                           const OutcomeQuery& query) = 0;
};

std::unique_ptr<NotesRepository> MakePgNotesRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_NOTES_REPOSITORY_H_
