#ifndef RINNALLA_SERVICES_NOTES_PROGRESS_NOTES_H_
#define RINNALLA_SERVICES_NOTES_PROGRESS_NOTES_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/v1/notes.pb.h"
#include "rpc.h"

namespace rinnalla::notes {

// Progress notes: the client's guide and staff add them; both read them, each what they may.
class ProgressNotes {
 public:
  ProgressNotes(storage::NotesRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Add(const Call& call, const v1::AddProgressNoteRequest& request,
                   v1::ProgressNote& out);
  absl::Status Get(const Call& call, const v1::GetProgressNoteRequest& request,
                   v1::ProgressNote& out);
  absl::Status List(const Call& call, const v1::ListProgressNotesRequest& request,
                    v1::ListProgressNotesResponse& out);

 private:
  storage::NotesRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_PROGRESS_NOTES_H_
