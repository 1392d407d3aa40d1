#ifndef RINNALLA_SERVICES_VISITS_VISITS_SERVICE_H_
#define RINNALLA_SERVICES_VISITS_VISITS_SERVICE_H_

#include "rinnalla/v1/visits.grpc.pb.h"
#include "rpc.h"
#include "visit_amendments.h"
#include "visit_figures.h"
#include "visit_log.h"
#include "visit_reads.h"

namespace rinnalla::visits {

// The Visits RPCs: each runs through the RpcRunner into the log, the reads, the amendments or
// the figures.
class VisitsService final : public v1::Visits::Service {
 public:
  VisitsService(storage::VisitsRepository& repository, const ClientAccess& access,
                const RpcRunner& rpc)
      : rpc_(rpc),
        log_(repository, access),
        reads_(repository, access),
        amendments_(repository, access),
        figures_(repository, access) {}

#define RINNALLA_VISITS_RPC(Name, Request, Response)                                              \
  grpc::Status Name(grpc::ServerContext* context, const v1::Request* request, Response* response) \
      override;
  RINNALLA_VISITS_RPC(LogVisit, LogVisitRequest, v1::Visit)
  RINNALLA_VISITS_RPC(GetVisit, GetVisitRequest, v1::Visit)
  RINNALLA_VISITS_RPC(ListVisits, ListVisitsRequest, v1::ListVisitsResponse)
  RINNALLA_VISITS_RPC(AmendVisit, AmendVisitRequest, v1::Visit)
  RINNALLA_VISITS_RPC(ListVisitRevisions, ListVisitRevisionsRequest, v1::ListVisitRevisionsResponse)
  RINNALLA_VISITS_RPC(AddVisitCorrectionNote, AddVisitCorrectionNoteRequest,
                      v1::VisitCorrectionNote)
  RINNALLA_VISITS_RPC(SummarizeVisits, SummarizeVisitsRequest, v1::SummarizeVisitsResponse)
#undef RINNALLA_VISITS_RPC
  grpc::Status SyncVisits(grpc::ServerContext* context,
                          grpc::ServerReader<v1::LogVisitRequest>* reader,
                          v1::SyncVisitsResponse* response) override;

 private:
  const RpcRunner& rpc_;
  VisitLog log_;
  VisitReads reads_;
  VisitAmendments amendments_;
  VisitFigures figures_;
};

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISITS_SERVICE_H_
