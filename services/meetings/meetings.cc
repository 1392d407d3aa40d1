#include "meetings.h"

#include "field_rules.h"
#include "goal_ratings.h"
#include "listing.h"
#include "mapping.h"
#include "proto_time.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::meetings {
namespace {

std::string EncodeMeeting(const storage::MeetingRecord& m) {
  return ToProto(m).SerializeAsString();
}
std::string EncodeConsent(const storage::ConsentRecord& c) {
  return ToProto(c).SerializeAsString();
}

absl::StatusOr<storage::MeetingFilter> ReadMeetingFilter(const ResourceName& client,
                                                         absl::string_view text) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(text, {"assignment", "state", "kind", "when"}));
  storage::MeetingFilter filter;
  filter.client_id = client.id;
  FieldViolations v;
  for (const auto& [field, value] : terms) {
    if (field == "assignment") {
      std::optional<ResourceName> a = ParseResourceName(value, "assignments");
      if (!a || a->org_id != client.org_id) {
        v.Add("filter", "assignment must name an assignment of the client's organization");
      } else {
        filter.assignment_id = a->id;
      }
    } else if (field == "state") {
      v1::Meeting::State state;
      if (!v1::Meeting::State_Parse(value, &state) || state == v1::Meeting::STATE_UNSPECIFIED) {
        v.Add("filter", "state must be SCHEDULED, HELD or CANCELLED");
      }
      filter.state = value;
    } else if (field == "kind") {
      v1::Meeting::Kind kind;
      if (!v1::Meeting::Kind_Parse(value, &kind) || kind == v1::Meeting::KIND_UNSPECIFIED) {
        v.Add("filter", "kind must be INITIAL, REVIEW or CLOSING");
      }
      filter.kind = value;
    } else if (value == "UPCOMING" || value == "PAST") {
      filter.upcoming = value == "UPCOMING";
    } else {
      v.Add("filter", "when must be UPCOMING or PAST");
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

}  // namespace

absl::Status Meetings::Create(const Call& call, const v1::CreateMeetingRequest& request,
                              v1::Meeting& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kManageMeetings, client));
  FieldViolations v;
  CheckNewMeeting(request.meeting(), client, v);
  CheckOptionalUuid(request.meeting_id(), "meeting_id", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  const v1::Meeting& in = request.meeting();
  storage::MeetingRecord meeting;
  meeting.org_id = client.org_id;
  meeting.id = IdOrNew(request.meeting_id());
  meeting.client_id = client.id;
  meeting.assignment_id = ParseResourceName(in.assignment(), "assignments")->id;
  meeting.kind = v1::Meeting::Kind_Name(in.kind());
  meeting.scheduled_time = FromTimestamp(in.scheduled_time());
  meeting.place = in.place();
  auto outcome = repository_.CreateMeeting(
      call.scope, meeting, IdempotencyKeyOf(request.request_id(), "CreateMeeting", request),
      EncodeMeeting);
  RETURN_IF_ERROR(access_.Finish(call, client, outcome.status()));
  return DeliverCreated(
      *outcome, [](const auto& m) { return ToProto(m); }, out);
}

absl::Status Meetings::Get(const Call& call, const v1::GetMeetingRequest& request,
                           v1::Meeting& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "meetings"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMeetings, client));
  auto meeting = repository_.GetMeeting(call.scope, client.id, name.id);
  RETURN_IF_ERROR(access_.Finish(call, client, meeting.status()));
  out = ToProto(*meeting);
  return absl::OkStatus();
}

absl::Status Meetings::List(const Call& call, const v1::ListMeetingsRequest& request,
                            v1::ListMeetingsResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMeetings, client));
  ASSIGN_OR_RETURN(storage::MeetingFilter filter, ReadMeetingFilter(client, request.filter()));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  auto result = repository_.ListMeetings(call.scope, filter, page);
  RETURN_IF_ERROR(access_.Finish(call, client, result.status()));
  for (const auto& m : result->items) *out.add_meetings() = ToProto(m);
  out.set_next_page_token(NextPageToken(result->next, query));
  return absl::OkStatus();
}

absl::Status Meetings::Reschedule(const Call& call, const v1::RescheduleMeetingRequest& request,
                                  v1::Meeting& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "meetings"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kManageMeetings, client));
  FieldViolations v;
  if (!request.has_scheduled_time()) {
    v.Add("scheduled_time", "is required");
  }
  CheckOptionalText(request.place(), 200, "place", v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.etag()));
  auto meeting =
      repository_.RescheduleMeeting(call.scope, client.id, name.id, revision,
                                    FromTimestamp(request.scheduled_time()), request.place());
  RETURN_IF_ERROR(access_.Finish(call, client, meeting.status()));
  out = ToProto(*meeting);
  return absl::OkStatus();
}

absl::Status Meetings::Cancel(const Call& call, const v1::CancelMeetingRequest& request,
                              v1::Meeting& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "meetings"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kManageMeetings, client));
  FieldViolations v;
  CheckRequiredText(request.reason(), 1000, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.etag()));
  auto meeting =
      repository_.CancelMeeting(call.scope, client.id, name.id, revision, request.reason());
  RETURN_IF_ERROR(access_.Finish(call, client, meeting.status()));
  out = ToProto(*meeting);
  return absl::OkStatus();
}

absl::Status Meetings::RecordOutcome(const Call& call,
                                     const v1::RecordMeetingOutcomeRequest& request,
                                     v1::Meeting& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "meetings"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kManageMeetings, client));
  FieldViolations v;
  CheckRecordOutcome(request, client, absl::Now(), v);
  RETURN_IF_ERROR(v.ToStatus());

  storage::OutcomeRecording recording;
  recording.meeting_id = name.id;
  recording.outcome = OutcomeFromProto(request.held_time(), request.participants(),
                                       request.support_needs(), request.summary());
  for (const v1::AgreedGoal& g : request.agreed_goals()) {
    storage::GoalRecord record = GoalFromProto(GoalOf(g));
    record.id = IdOrNew(g.goal_id());
    recording.agreed_goals.push_back(std::move(record));
  }
  recording.ratings = GoalRatingRecords(request.goal_ratings(), call.principal.role);
  for (const v1::GoalClosing& c : request.goal_closings()) {
    recording.closings.push_back(
        {*GoalIdOf(c.goal(), client), v1::Goal::State_Name(c.final_state())});
  }
  if (request.has_consent()) recording.consent = request.consent();
  recording.end_assignment = request.end_assignment();
  auto outcome = repository_.RecordOutcome(
      call.scope, client.id, recording,
      IdempotencyKeyOf(request.request_id(), "RecordMeetingOutcome", request), EncodeMeeting);
  RETURN_IF_ERROR(access_.Finish(call, client, outcome.status()));
  return DeliverCreated(
      *outcome, [](const auto& m) { return ToProto(m); }, out);
}

absl::Status Meetings::AmendOutcome(const Call& call, const v1::AmendMeetingOutcomeRequest& request,
                                    v1::Meeting& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "meetings"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kManageMeetings, client));
  const v1::MeetingOutcome& in = request.outcome();
  FieldViolations v;
  CheckOutcome(in.has_held_time() ? &in.held_time() : nullptr, in.participants(),
               in.support_needs(), in.summary(), "outcome.", absl::Now(), v);
  CheckRequiredText(request.reason(), 1000, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.etag()));
  storage::MeetingOutcomeRecord amended =
      OutcomeFromProto(in.held_time(), in.participants(), in.support_needs(), in.summary());
  amended.amend_reason = request.reason();
  auto meeting = repository_.AmendOutcome(call.scope, client.id, name.id, revision, amended);
  RETURN_IF_ERROR(access_.Finish(call, client, meeting.status()));
  out = ToProto(*meeting);
  return absl::OkStatus();
}

absl::Status Meetings::ListOutcomeRevisions(const Call& call,
                                            const v1::ListMeetingOutcomeRevisionsRequest& request,
                                            v1::ListMeetingOutcomeRevisionsResponse& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "meetings"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMeetings, client));
  auto outcomes = repository_.ListOutcomeRevisions(call.scope, client.id, name.id);
  RETURN_IF_ERROR(access_.Finish(call, client, outcomes.status()));
  for (const auto& o : *outcomes) *out.add_outcomes() = ToProto(o);
  return absl::OkStatus();
}

absl::Status Meetings::SetConsent(const Call& call,
                                  const v1::SetInformationSharingConsentRequest& request,
                                  v1::InformationSharingConsent& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kRecordConsent, client));
  FieldViolations v;
  std::optional<ResourceName> assignment = ParseResourceName(request.assignment(), "assignments");
  if (!assignment || assignment->org_id != client.org_id) {
    v.Add("assignment", "must be organizations/{organization}/assignments/{uuid} of the client's");
  }
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  storage::ConsentRecord consent;
  consent.org_id = client.org_id;
  consent.client_id = client.id;
  consent.assignment_id = assignment->id;
  consent.granted = request.granted();
  auto outcome = repository_.SetConsent(
      call.scope, consent,
      IdempotencyKeyOf(request.request_id(), "SetInformationSharingConsent", request),
      EncodeConsent);
  RETURN_IF_ERROR(access_.Finish(call, client, outcome.status()));
  return DeliverCreated(
      *outcome, [](const auto& c) { return ToProto(c); }, out);
}

absl::Status Meetings::ListConsents(const Call& call,
                                    const v1::ListInformationSharingConsentsRequest& request,
                                    v1::ListInformationSharingConsentsResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMeetings, client));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), request.parent()));
  auto result = repository_.ListConsents(call.scope, client.id, page);
  RETURN_IF_ERROR(access_.Finish(call, client, result.status()));
  for (const auto& c : result->items) *out.add_consents() = ToProto(c);
  out.set_next_page_token(NextPageToken(result->next, request.parent()));
  return absl::OkStatus();
}

}  // namespace rinnalla::meetings
