#include "visits_service.h"

namespace rinnalla::visits {

#define RINNALLA_RPC(Name, Request, Response, target) \
  RINNALLA_DEFINE_RPC(VisitsService, "Visits", Name, Request, Response, target)

RINNALLA_RPC(LogVisit, LogVisitRequest, v1::Visit, log_.Log)
RINNALLA_RPC(GetVisit, GetVisitRequest, v1::Visit, reads_.Get)
RINNALLA_RPC(ListVisits, ListVisitsRequest, v1::ListVisitsResponse, reads_.List)
RINNALLA_RPC(AmendVisit, AmendVisitRequest, v1::Visit, amendments_.Amend)
RINNALLA_RPC(ListVisitRevisions, ListVisitRevisionsRequest, v1::ListVisitRevisionsResponse,
             reads_.ListRevisions)
RINNALLA_RPC(AddVisitCorrectionNote, AddVisitCorrectionNoteRequest, v1::VisitCorrectionNote,
             amendments_.AddCorrectionNote)
RINNALLA_RPC(SummarizeVisits, SummarizeVisitsRequest, v1::SummarizeVisitsResponse,
             figures_.Summarize)

#undef RINNALLA_RPC

grpc::Status VisitsService::SyncVisitMessages(grpc::ServerContext* context,
                                              grpc::ServerReader<grpc::ByteBuffer>* reader,
                                              v1::SyncVisitsResponse* response) {
  return rpc_.Run(context, "/rinnalla.v1.Visits/SyncVisits",
                  [&](const Call& call, StreamTally& tally) {
                    RequestStream<v1::LogVisitRequest> requests(*reader);
                    return log_.Sync(call, requests, *response, tally);
                  });
}

}  // namespace rinnalla::visits
