#include "goals.h"

#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::meetings {
namespace {

const std::set<std::string> kUpdatable = {"title",       "area",   "gas_levels",
                                          "target_date", "weight", "state"};

std::string Encode(const storage::GoalRecord& g) { return ToProto(g).SerializeAsString(); }

absl::StatusOr<storage::GoalFilter> ReadGoalFilter(const ResourceName& client,
                                                   absl::string_view text) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(text, {"assignment", "state"}));
  storage::GoalFilter filter;
  filter.client_id = client.id;
  FieldViolations v;
  if (auto it = terms.find("assignment"); it != terms.end()) {
    std::optional<ResourceName> a = ParseResourceName(it->second, "assignments");
    if (!a || a->org_id != client.org_id) {
      v.Add("filter", "assignment must name an assignment of the client's organization");
    } else {
      filter.assignment_id = a->id;
    }
  }
  if (auto it = terms.find("state"); it != terms.end()) {
    v1::Goal::State state;
    if (!v1::Goal::State_Parse(it->second, &state) || state == v1::Goal::STATE_UNSPECIFIED) {
      v.Add("filter", "state must be PROPOSED, AGREED, ACHIEVED, NOT_ACHIEVED or DROPPED");
    }
    filter.state = it->second;
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

}  // namespace

absl::Status Goals::Create(const Call& call, const v1::CreateGoalRequest& request, v1::Goal& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kProposeGoal, client));
  FieldViolations v;
  CheckNewGoal(request.goal(), client, v);
  CheckOptionalUuid(request.goal_id(), "goal_id", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  storage::GoalRecord goal = GoalFromProto(request.goal());
  goal.org_id = client.org_id;
  goal.id = IdOrNew(request.goal_id());
  goal.client_id = client.id;
  goal.assignment_id = ParseResourceName(request.goal().assignment(), "assignments")->id;
  auto outcome = repository_.CreateGoal(
      call.scope, goal, IdempotencyKeyOf(request.request_id(), "CreateGoal", request), Encode);
  RETURN_IF_ERROR(access_.Finish(call, client, outcome.status()));
  return DeliverCreated(
      *outcome, [](const auto& g) { return ToProto(g); }, out);
}

absl::Status Goals::Get(const Call& call, const v1::GetGoalRequest& request, v1::Goal& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "goals"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMeetings, client));
  auto goal = repository_.GetGoal(call.scope, client.id, name.id);
  RETURN_IF_ERROR(access_.Finish(call, client, goal.status()));
  out = ToProto(*goal);
  return absl::OkStatus();
}

absl::Status Goals::List(const Call& call, const v1::ListGoalsRequest& request,
                         v1::ListGoalsResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMeetings, client));
  ASSIGN_OR_RETURN(storage::GoalFilter filter, ReadGoalFilter(client, request.filter()));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  auto result = repository_.ListGoals(call.scope, filter, page);
  RETURN_IF_ERROR(access_.Finish(call, client, result.status()));
  for (const auto& g : result->items) *out.add_goals() = ToProto(g);
  out.set_next_page_token(NextPageToken(result->next, query));
  return absl::OkStatus();
}

absl::Status Goals::Update(const Call& call, const v1::UpdateGoalRequest& request, v1::Goal& out) {
  ASSIGN_OR_RETURN(ChildName name,
                   ReadClientChildName(request.goal().name(), "goals", "goal.name"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kUpdateGoal, client));
  ASSIGN_OR_RETURN(std::set<std::string> fields, ReadUpdateMask(request.update_mask(), kUpdatable));
  FieldViolations v;
  CheckGoalFields(request.goal(), fields, v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.goal().etag()));
  storage::GoalUpdate update;
  update.fields.assign(fields.begin(), fields.end());
  update.values = GoalFromProto(request.goal());
  auto goal = repository_.UpdateGoal(call.scope, client.id, name.id, revision, update);
  RETURN_IF_ERROR(access_.Finish(call, client, goal.status()));
  out = ToProto(*goal);
  return absl::OkStatus();
}

}  // namespace rinnalla::meetings
