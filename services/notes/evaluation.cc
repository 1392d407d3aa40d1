#include "evaluation.h"

#include "outcomes.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::notes {

absl::Status Evaluation::GoalAttainment(const Call& call,
                                        const v1::GetGoalAttainmentRequest& request,
                                        v1::GoalAttainment& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.client(), "clients", "client"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadGoalAttainment, client));
  std::optional<std::string> assignment;
  if (!request.assignment().empty()) {
    std::optional<ResourceName> a = ParseResourceName(request.assignment(), "assignments");
    if (!a || a->org_id != client.org_id) {
      FieldViolations v;
      v.Add("assignment", "must be an assignment of the client's organization");
      return v.ToStatus();
    }
    assignment = a->id;
  }
  auto record = repository_.GoalAttainment(call.scope, client.id, assignment);
  RETURN_IF_ERROR(access_.Finish(call, client, record.status()));
  out = AttainmentOf(client.org_id, client.id, *record);
  return absl::OkStatus();
}

absl::Status Evaluation::Summarize(const Call& call, const v1::SummarizeOutcomesRequest& request,
                                   v1::OutcomeSummary& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(access_.policy().Authorize(call, Action::kSummarizeOutcomes, org_id));
  ASSIGN_OR_RETURN(storage::OutcomeQuery query, ReadOutcomeQuery(request, org_id, absl::Now()));
  ASSIGN_OR_RETURN(storage::OutcomeFigures figures,
                   repository_.SummarizeOutcomes(call.scope, query));
  out = SummaryOf(figures, query);
  return absl::OkStatus();
}

}  // namespace rinnalla::notes
