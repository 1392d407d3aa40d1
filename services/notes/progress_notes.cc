#include "progress_notes.h"

#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"
#include "viewer.h"

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
  ASSIGN_OR_RETURN(storage::NoteViewer author, ViewerOf(call.principal));
  auto outcome = repository_.AddNote(
      AccessorOf(call), author, NewNoteFrom(request.note(), client, call.principal.role),
      IdempotencyKeyOf(request.request_id(), "AddProgressNote", request), Encode);
  if (!outcome.ok()) return access_.Finish(call, client, outcome.status());
  return DeliverCreated(
      *outcome, [](const auto& n) { return ToProto(n); }, out);
}

absl::Status ProgressNotes::Get(const Call& call, const v1::GetProgressNoteRequest& request,
                                v1::ProgressNote& out) {
  ASSIGN_OR_RETURN(ChildName name, ReadClientChildName(request.name(), "notes"));
  const ResourceName client{name.org_id, name.parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadProgressNotes, client));
  ASSIGN_OR_RETURN(storage::NoteViewer viewer, ViewerOf(call.principal));
  auto note = repository_.GetNote(AccessorOf(call), viewer, client.id, name.id);
  if (note.ok()) out = ToProto(*note);
  return access_.Finish(call, client, note.status());
}

absl::Status ProgressNotes::List(const Call& call, const v1::ListProgressNotesRequest& request,
                                 v1::ListProgressNotesResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadProgressNotes, client));
  ASSIGN_OR_RETURN(storage::NoteFilter filter, ReadNoteFilter(request.filter(), client));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  ASSIGN_OR_RETURN(storage::NoteViewer viewer, ViewerOf(call.principal));
  auto notes = repository_.ListNotes(AccessorOf(call), viewer, client.id, filter, page);
  if (notes.ok()) {
    for (const auto& n : notes->items) *out.add_notes() = ToProto(n);
    out.set_next_page_token(NextPageToken(notes->next, query));
  }
  return access_.Finish(call, client, notes.status());
}

}  // namespace rinnalla::notes
