#include "progress_notes.h"

#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::notes {
namespace {

std::string Encode(const storage::ProgressNoteRecord& n) { return ToProto(n).SerializeAsString(); }

}  // namespace

absl::Status ProgressNotes::Add(const Call& call, const v1::AddProgressNoteRequest& request,
                                v1::ProgressNote& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kAddProgressNote, client));
  FieldViolations v;
  CheckProgressNote(request.note(), client, call.principal.role, v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  auto outcome = repository_.AddNote(
      call.scope, NewNoteFrom(request.note(), client, call.principal.role),
      IdempotencyKeyOf(request.request_id(), "AddProgressNote", request), Encode);
  RETURN_IF_ERROR(access_.Finish(call, client, outcome.status()));
  return DeliverCreated(
      *outcome, [](const auto& n) { return ToProto(n); }, out);
}

absl::Status ProgressNotes::Get(const Call& call, const v1::GetProgressNoteRequest& request,
                                v1::ProgressNote& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "notes"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadProgressNotes, client));
  auto note = repository_.GetNote(call.scope, client.id, name.id);
  RETURN_IF_ERROR(access_.Finish(call, client, note.status()));
  out = ToProto(*note);
  return absl::OkStatus();
}

absl::Status ProgressNotes::List(const Call& call, const v1::ListProgressNotesRequest& request,
                                 v1::ListProgressNotesResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadProgressNotes, client));
  ASSIGN_OR_RETURN(storage::NoteFilter filter, ReadNoteFilter(request.filter(), client));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  auto notes = repository_.ListNotes(call.scope, client.id, filter, page);
  RETURN_IF_ERROR(access_.Finish(call, client, notes.status()));
  for (const auto& n : notes->items) *out.add_notes() = ToProto(n);
  out.set_next_page_token(NextPageToken(notes->next, query));
  return absl::OkStatus();
}

}  // namespace rinnalla::notes
