#ifndef RINNALLA_SERVICES_VISITS_VISITS_SERVICE_H_
#define RINNALLA_SERVICES_VISITS_VISITS_SERVICE_H_

#include "request_stream.h"
#include "rinnalla/v1/visits.grpc.pb.h"
#include "rpc.h"
#include "visit_amendments.h"
#include "visit_figures.h"
#include "visit_log.h"
#include "visit_reads.h"

namespace rinnalla::visits {

// The Visits RPCs: each runs through the RpcRunner into the log, the reads, the amendments or
// the figures.
class VisitsService final : public v1::Visits::StreamedUnaryService {
 public:
  VisitsService(storage::VisitsRepository& repository, const ClientAccess& access,
                const RpcRunner& rpc, WriteGroupOptions visit_groups = {})
      : rpc_(rpc),
        log_(repository, access, visit_groups),
        reads_(repository, access),
        amendments_(repository, access),
        figures_(repository, access) {
    MarkMethodStreamed(MethodIndex(v1::Visits::service_full_name(), "SyncVisits"),
                       ClientStreamOfBytes(this, &VisitsService::SyncVisitMessages));
  }

  RINNALLA_DECLARE_RPC(LogVisit, LogVisitRequest, v1::Visit)
  RINNALLA_DECLARE_RPC(GetVisit, GetVisitRequest, v1::Visit)
  RINNALLA_DECLARE_RPC(ListVisits, ListVisitsRequest, v1::ListVisitsResponse)
  RINNALLA_DECLARE_RPC(AmendVisit, AmendVisitRequest, v1::Visit)
  RINNALLA_DECLARE_RPC(ListVisitRevisions, ListVisitRevisionsRequest,
                       v1::ListVisitRevisionsResponse)
  RINNALLA_DECLARE_RPC(AddVisitCorrectionNote, AddVisitCorrectionNoteRequest,
                       v1::VisitCorrectionNote)
  RINNALLA_DECLARE_RPC(SummarizeVisits, SummarizeVisitsRequest, v1::SummarizeVisitsResponse)
 private:
  // SyncVisits, each message parsed by the handler (RequestStream).
  grpc::Status SyncVisitMessages(grpc::ServerContext* context,
                                 grpc::ServerReader<grpc::ByteBuffer>* reader,
                                 v1::SyncVisitsResponse* response);

  const RpcRunner& rpc_;
  VisitLog log_;
  VisitReads reads_;
  VisitAmendments amendments_;
  VisitFigures figures_;
};

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISITS_SERVICE_H_
