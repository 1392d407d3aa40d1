#include "visit_log.h"

#include "mapping.h"
#include "requests.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::visits {
namespace {

std::string Encode(const storage::VisitRecord& visit) { return ToProto(visit).SerializeAsString(); }

}  // namespace

VisitLog::VisitLog(storage::VisitsRepository& repository, const ClientAccess& access,
                   WriteGroupOptions groups)
    : repository_(repository),
      access_(access),
      groups_(std::make_unique<WriteGroups<CallVisit, Outcome>>(
          groups,
          [this](const std::vector<const CallVisit*>& group, std::optional<absl::Time> deadline) {
            return StoreGroup(group, deadline);
          })) {}

absl::StatusOr<VisitLog::Prepared> VisitLog::Prepare(const Call& call,
                                                     const v1::LogVisitRequest& request) const {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kLogVisit, client));
  FieldViolations v;
  CheckLogVisit(request, client, absl::Now(), v);
  RETURN_IF_ERROR(v.ToStatus());
  Prepared prepared{client, {}};
  storage::VisitRecord& visit = prepared.visit.visit;
  visit.org_id = client.org_id;
  visit.id = IdOrNew(request.visit_id());
  visit.client_id = client.id;
  visit.assignment_id = ParseResourceName(request.visit().assignment(), "assignments")->id;
  visit.guide_id = call.scope.guide_id;
  visit.content = ContentOf(request.visit());
  // SyncVisits and LogVisit share request ids: a visit first sent alone may come again in a sync.
  prepared.visit.key = IdempotencyKeyOf(request.request_id(), "LogVisit", request);
  return prepared;
}

absl::StatusOr<v1::Visit> VisitLog::Answer(const Call& call, const Prepared& prepared,
                                           const Outcome& outcome) const {
  if (!outcome.ok()) return access_.Finish(call, prepared.client, outcome.status());
  v1::Visit visit;
  RETURN_IF_ERROR(DeliverCreated(
      *outcome, [](const auto& v) { return ToProto(v); }, visit));
  return visit;
}

std::vector<absl::StatusOr<v1::Visit>> VisitLog::Store(const Call& call,
                                                       const std::vector<Prepared>& batch) const {
  std::vector<storage::NewVisit> visits;
  for (const Prepared& p : batch) visits.push_back(p.visit);
  auto outcomes = repository_.LogVisits(call.scope, visits, Encode);
  std::vector<absl::StatusOr<v1::Visit>> results;
  for (size_t i = 0; i < batch.size(); ++i) results.push_back(Answer(call, batch[i], outcomes[i]));
  return results;
}

std::vector<VisitLog::Outcome> VisitLog::StoreGroup(const std::vector<const CallVisit*>& group,
                                                    std::optional<absl::Time> deadline) const {
  std::vector<storage::VisitsRepository::CallVisit> visits;
  for (const CallVisit* v : group) visits.push_back({v->scope, v->visit});
  // The group's transaction: bounded by the earliest caller's deadline, named by the first
  // caller's trace.
  storage::CallScope bound = storage::CallScope::Background(deadline);
  bound.trace = group.front()->scope->trace;
  std::vector<Outcome> outcomes = repository_.LogVisitsOfCalls(bound, visits, Encode);
  if (group.size() == 1) return outcomes;
  // The earliest caller's deadline ended the group's transaction (refused, never committed):
  // the others again, each within its own time.
  for (size_t i = 0; i < group.size(); ++i) {
    const std::optional<absl::Time>& own = group[i]->scope->deadline;
    if (outcomes[i].status().code() != absl::StatusCode::kDeadlineExceeded ||
        (own && *own <= absl::Now())) {
      continue;
    }
    outcomes[i] = repository_.LogVisitsOfCalls(*group[i]->scope, {visits[i]}, Encode).front();
  }
  return outcomes;
}

absl::Status VisitLog::Log(const Call& call, const v1::LogVisitRequest& request,
                           v1::Visit& out) const {
  ASSIGN_OR_RETURN(Prepared prepared, Prepare(call, request));
  // The call waits in Write until its visit is answered, so its scope outlives the wait.
  Outcome outcome =
      groups_->Write({&call.scope, prepared.visit}, call.scope.deadline, call.cancelled);
  ASSIGN_OR_RETURN(out, Answer(call, prepared, outcome));
  return absl::OkStatus();
}

absl::Status VisitLog::Sync(const Call& call, RequestStream<v1::LogVisitRequest>& requests,
                            v1::SyncVisitsResponse& out, StreamTally& tally) const {
  std::vector<Prepared> batch;
  std::vector<int> positions;  // of the batch's results in `out`
  auto store = [&] {
    std::vector<absl::StatusOr<v1::Visit>> stored = Store(call, batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      v1::SyncVisitResult* result = out.mutable_results(positions[i]);
      if (stored[i].ok()) {
        metrics::VisitsSynced().Increment();
        *result->mutable_visit() = *std::move(stored[i]);
      } else {
        metrics::VisitsSyncRefused().Increment();
        *result->mutable_error() = ToRpcStatus(stored[i].status());
      }
    }
    batch.clear();
    positions.clear();
  };
  absl::StatusOr<v1::LogVisitRequest> request;
  while (requests.Next(request)) {
    if (++tally.messages > kMaxVisitsPerSync) {
      store();
      return WithReason(absl::ResourceExhaustedError(
                            "a sync carries at most 500 visits: those read so far are stored; "
                            "send the same queue again and the rest in another sync"),
                        "SYNC_TOO_LONG");
    }
    const int position = out.results_size();
    v1::SyncVisitResult* result = out.add_results();
    absl::StatusOr<Prepared> prepared =
        request.ok() ? Prepare(call, *request) : absl::StatusOr<Prepared>(request.status());
    if (!prepared.ok()) {
      metrics::VisitsSyncRefused().Increment();
      *result->mutable_error() = ToRpcStatus(prepared.status());
      continue;
    }
    batch.push_back(*std::move(prepared));
    positions.push_back(position);
    if (batch.size() == kSyncBatch) store();
  }
  store();
  return absl::OkStatus();
}

}  // namespace rinnalla::visits
