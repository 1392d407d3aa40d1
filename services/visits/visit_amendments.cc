#include "visit_amendments.h"

#include <google/protobuf/util/field_mask_util.h>

#include "absl/strings/ascii.h"
#include "field_rules.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"
#include "visit_reads.h"

namespace rinnalla::visits {
namespace {

const std::set<std::string> kAmendable = {
    "start_time", "duration_minutes", "mode", "places", "goals", "summary", "place_outcomes"};

// Replaces the fields named by `paths` in `to` with those of `from`, lists and messages whole.
void Overwrite(const std::set<std::string>& paths, const v1::Visit& from, v1::Visit& to) {
  google::protobuf::FieldMask mask;
  for (const std::string& path : paths) mask.add_paths(path);
  google::protobuf::util::FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(from, mask, options, &to);
}

}  // namespace

absl::Status VisitAmendments::Amend(const Call& call, const v1::AmendVisitRequest& request,
                                    v1::Visit& out) const {
  ASSIGN_OR_RETURN(VisitName name, ReadVisitName(request.visit().name(), "visit.name"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kAmendVisit, name.client));
  ASSIGN_OR_RETURN(std::set<std::string> paths, ReadUpdateMask(request.update_mask(), kAmendable));
  FieldViolations v;
  CheckRequiredText(request.reason(), kMaxReasonChars, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.visit().etag()));
  const absl::Time now = absl::Now();
  // The amendment applies to the latest content, under the visit's lock; the result must pass
  // the same rules as a visit being logged.
  auto change = [&](storage::VisitContent& content) -> absl::Status {
    v1::Visit merged;
    SetContent(content, name.client.org_id, name.client.id, &merged);
    Overwrite(paths, request.visit(), merged);
    FieldViolations violations;
    CheckVisitContent(merged, name.client, now, violations);
    RETURN_IF_ERROR(violations.ToStatus());
    content = ContentOf(merged);
    return absl::OkStatus();
  };
  auto amended = repository_.AmendVisit(call.scope, name.client.id, name.id, revision, change,
                                        request.reason());
  RETURN_IF_ERROR(access_.Finish(call, name.client, amended.status()));
  out = ToProto(*amended);
  return absl::OkStatus();
}

absl::Status VisitAmendments::AddCorrectionNote(const Call& call,
                                                const v1::AddVisitCorrectionNoteRequest& request,
                                                v1::VisitCorrectionNote& out) const {
  ASSIGN_OR_RETURN(VisitName name, ReadVisitName(request.parent(), "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kAddVisitCorrectionNote, name.client));
  const std::string& text = request.correction_note().text();
  FieldViolations v;
  if (absl::StripAsciiWhitespace(text).empty()) {
    v.Add("correction_note.text", "is required");
  } else {
    CheckOptionalProse(text, kMaxCorrectionNoteChars, "correction_note.text", v);
  }
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  storage::VisitCorrectionNoteRecord note;
  note.org_id = name.client.org_id;
  note.id = NewUuid();
  note.client_id = name.client.id;
  note.visit_id = name.id;
  note.text = text;
  auto outcome = repository_.AddCorrectionNote(
      call.scope, note, IdempotencyKeyOf(request.request_id(), "AddVisitCorrectionNote", request),
      [](const auto& n) { return ToProto(n).SerializeAsString(); });
  RETURN_IF_ERROR(access_.Finish(call, name.client, outcome.status()));
  return DeliverCreated(
      *outcome, [](const auto& n) { return ToProto(n); }, out);
}

}  // namespace rinnalla::visits
