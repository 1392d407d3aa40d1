#ifndef RINNALLA_SERVICES_VISITS_VISIT_LOG_H_
#define RINNALLA_SERVICES_VISITS_VISIT_LOG_H_

#include <grpcpp/support/sync_stream.h>

#include <memory>
#include <optional>
#include <vector>

#include "client_access.h"
#include "request_stream.h"
#include "rinnalla/storage/visits_repository.h"
#include "rinnalla/v1/visits.pb.h"
#include "rpc.h"
#include "write_groups.h"

namespace rinnalla::visits {

// A phone's sync is stored in batches of this many visits (one transaction each), and carries at
// most kMaxVisitsPerSync (the response holds every visit; its size stays well within gRPC's
// 4 MiB default).
inline constexpr size_t kSyncBatch = 50;
inline constexpr int kMaxVisitsPerSync = 500;

// Logging visits: one with LogVisit, or a phone's queue with SyncVisits. Both go the same way:
// validate, authorize (a guide), then store, where the assignment, its late-sync window and the
// goals are checked in the writing transaction. Concurrent LogVisit calls are stored together
// (WriteGroups, `groups`): each visit with its own call's access-log row, event and request id,
// each caller answered after the commit that holds its visit. A group that fails unexpectedly
// is stored again one visit per transaction; one that ran out of its earliest caller's time,
// again for each caller with time left, within that caller's own deadline.
class VisitLog {
 public:
  VisitLog(storage::VisitsRepository& repository, const ClientAccess& access,
           WriteGroupOptions groups = {});

  absl::Status Log(const Call& call, const v1::LogVisitRequest& request, v1::Visit& out) const;
  // One result per request, in order. Visits are stored as their batch fills and when the stream
  // ends or breaks, so what was read is stored even if the caller never sees the response.
  absl::Status Sync(const Call& call, RequestStream<v1::LogVisitRequest>& requests,
                    v1::SyncVisitsResponse& out, StreamTally& tally) const;

 private:
  struct Prepared {
    ResourceName client;
    storage::NewVisit visit;
  };
  // Validates and authorizes one request: the visit to store, or why not.
  absl::StatusOr<Prepared> Prepare(const Call& call, const v1::LogVisitRequest& request) const;
  using Outcome = absl::StatusOr<storage::CreateOutcome<storage::VisitRecord>>;
  // A LogVisit call's visit waiting for its group.
  struct CallVisit {
    const storage::CallScope* scope;  // the waiting call's own (its deadline, accessor, trace)
    storage::NewVisit visit;
  };
  // Stores a batch; one result per visit, refusals and failures logged for their clients.
  std::vector<absl::StatusOr<v1::Visit>> Store(const Call& call,
                                               const std::vector<Prepared>& batch) const;
  // The caller's answer for one stored (or refused) visit.
  absl::StatusOr<v1::Visit> Answer(const Call& call, const Prepared& prepared,
                                   const Outcome& outcome) const;
  // WriteGroups' writer: one transaction for the group.
  std::vector<Outcome> StoreGroup(const std::vector<const CallVisit*>& group,
                                  std::optional<absl::Time> deadline) const;

  storage::VisitsRepository& repository_;
  const ClientAccess& access_;
  std::unique_ptr<WriteGroups<CallVisit, Outcome>> groups_;
};

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISIT_LOG_H_
