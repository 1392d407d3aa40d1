#include "mapping.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "proto_time.h"
#include "resource_names.h"
#include "timeline_summary.h"

namespace rinnalla::notes {
namespace {

v1::Rater RaterOf(const std::string& name) {
  v1::Rater rater = v1::RATER_UNSPECIFIED;
  v1::Rater_Parse(name, &rater);
  return rater;
}

// The collection a timeline entry's resource is in; assignments are named by the organization.
absl::string_view CollectionOf(absl::string_view kind) {
  if (absl::StartsWith(kind, "MEETING_")) return "meetings";
  if (absl::StartsWith(kind, "GOAL_")) return "goals";
  if (kind == "VISIT") return "visits";
  return "notes";
}

}  // namespace

v1::ProgressNote ToProto(const storage::ProgressNoteRecord& n) {
  v1::ProgressNote out;
  out.set_name(ClientChildNameOf(n.org_id, n.client_id, "notes", n.id));
  out.set_assignment(ResourceNameOf(n.org_id, "assignments", n.assignment_id));
  out.set_author(n.author);
  v1::ProgressNote::AuthorRole role;
  if (v1::ProgressNote::AuthorRole_Parse(n.author_role, &role)) out.set_author_role(role);
  out.set_text(n.text);
  for (const storage::GoalRatingRecord& r : n.ratings) {
    v1::GoalRating* rating = out.add_goal_ratings();
    rating->set_goal(ClientChildNameOf(n.org_id, n.client_id, "goals", r.goal_id));
    rating->set_score(r.score);
    rating->set_rated_by(RaterOf(r.rated_by));
    rating->set_comment(r.comment);
  }
  v1::ProgressNote::Visibility visibility;
  if (v1::ProgressNote::Visibility_Parse(n.visibility, &visibility)) {
    out.set_visibility(visibility);
  }
  SetTimestamp(n.create_time, out.mutable_create_time());
  if (n.corrects_id)
    out.set_corrects(ClientChildNameOf(n.org_id, n.client_id, "notes", *n.corrects_id));
  for (const std::string& id : n.corrected_by_ids) {
    out.add_corrected_by(ClientChildNameOf(n.org_id, n.client_id, "notes", id));
  }
  out.set_text_withheld(n.text_withheld);
  return out;
}

v1::TimelineEntry ToProto(const std::string& org_id, const std::string& client_id,
                          const storage::TimelineEntryRecord& e) {
  v1::TimelineEntry out;
  SetTimestamp(e.time, out.mutable_time());
  v1::TimelineEntry::Kind kind;
  if (v1::TimelineEntry::Kind_Parse(e.kind, &kind)) out.set_kind(kind);
  v1::TimelineEntry::ActorRole actor;
  if (v1::TimelineEntry::ActorRole_Parse(e.actor_role, &actor)) out.set_actor_role(actor);
  out.set_assignment(ResourceNameOf(org_id, "assignments", e.assignment_id));
  out.set_resource(absl::StartsWith(e.kind, "ASSIGNMENT_")
                       ? out.assignment()
                       : ClientChildNameOf(org_id, client_id, CollectionOf(e.kind), e.id));
  *out.mutable_parts() = EntryParts(e);
  out.set_summary(SummarizeEntry(e, out.parts()));
  out.set_text_withheld(e.text_withheld);
  out.set_revision(e.revision);
  out.set_amended(e.revision > 1);
  return out;
}

v1::ScoreRecord ToProto(const std::string& org_id, const std::string& client_id,
                        const storage::RatingInHistory& r) {
  v1::ScoreRecord out;
  out.set_score(r.rating.score);
  out.set_rated_by(RaterOf(r.rating.rated_by));
  out.set_comment(r.rating.comment);
  out.set_comment_withheld(r.comment_withheld);
  out.set_source(ClientChildNameOf(org_id, client_id,
                                   r.source_kind == "NOTE" ? "notes" : "meetings", r.source_id));
  SetTimestamp(r.time, out.mutable_time());
  return out;
}

}  // namespace rinnalla::notes
