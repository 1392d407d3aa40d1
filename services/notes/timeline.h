#ifndef RINNALLA_SERVICES_NOTES_TIMELINE_H_
#define RINNALLA_SERVICES_NOTES_TIMELINE_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/v1/notes.pb.h"
#include "rpc.h"

namespace rinnalla::notes {

// A client's timeline: one list, newest first, of everything that happened with them that the
// caller may see.
class ClientTimeline {
 public:
  ClientTimeline(storage::NotesRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Get(const Call& call, const v1::GetClientTimelineRequest& request,
                   v1::GetClientTimelineResponse& out);

 private:
  storage::NotesRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_TIMELINE_H_
