#ifndef RINNALLA_SERVICES_VISITS_VISIT_LOG_H_
#define RINNALLA_SERVICES_VISITS_VISIT_LOG_H_

#include <grpcpp/support/sync_stream.h>

#include <vector>

#include "client_access.h"
#include "request_stream.h"
#include "rinnalla/storage/visits_repository.h"
#include "rinnalla/v1/visits.pb.h"
#include "rpc.h"

namespace rinnalla::visits {

// A phone's sync is stored in batches of this many visits (one transaction each), and carries at
// most kMaxVisitsPerSync (the response holds every visit; its size stays well within gRPC's
// 4 MiB default).
inline constexpr size_t kSyncBatch = 50;
inline constexpr int kMaxVisitsPerSync = 500;

// Logging visits: one with LogVisit, or a phone's queue with SyncVisits. Both go the same way:
// validate, authorize (a guide), then store, where the assignment, its late-sync window and the
// goals are checked in the writing transaction.
class VisitLog {
 public:
  VisitLog(storage::VisitsRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

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
  // Stores a batch; one result per visit, refusals and failures logged for their clients.
  std::vector<absl::StatusOr<v1::Visit>> Store(const Call& call,
                                               const std::vector<Prepared>& batch) const;

  storage::VisitsRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISIT_LOG_H_
