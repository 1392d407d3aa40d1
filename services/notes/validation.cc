#include "validation.h"

#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "field_rules.h"
#include "goal_ratings.h"
#include "listing.h"
#include "proto_time.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::notes {
namespace {

// Besides the shared rules: a rating gives the client's view or the author's own.
bool IsRaterFor(v1::Rater rater, Role author) {
  if (rater == v1::RATER_UNSPECIFIED || rater == v1::CLIENT) return true;
  return rater == (author == Role::kGuide ? v1::GUIDE : v1::SOCIAL_WORKER);
}

std::optional<absl::Time> ParseRfc3339(const std::string& text) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) return std::nullopt;
  return t;
}

}  // namespace

std::string AuthorRoleName(Role role) { return absl::AsciiStrToUpper(RoleName(role)); }

void CheckProgressNote(const v1::ProgressNote& note, const ResourceName& client, Role author,
                       FieldViolations& v) {
  if (!note.assignment().empty()) {
    std::optional<ResourceName> a = ParseResourceName(note.assignment(), "assignments");
    if (!a || a->org_id != client.org_id) {
      v.Add("note.assignment",
            "must be organizations/{organization}/assignments/{uuid} of the "
            "client's organization");
    }
  }
  CheckOptionalProse(note.text(), kMaxNoteChars, "note.text", v);
  if (absl::StripAsciiWhitespace(note.text()).empty() && note.goal_ratings().empty()) {
    v.Add("note.text", "is required unless the note rates goals");
  }
  if (!v1::ProgressNote::Visibility_IsValid(note.visibility())) {
    v.Add("note.visibility", "must be SHARED or STAFF_ONLY");
  } else if (author == Role::kGuide && note.visibility() == v1::ProgressNote::STAFF_ONLY) {
    v.Add("note.visibility", "guides write SHARED notes only");
  }
  if (!note.corrects().empty() && !ClientChildIdOf(note.corrects(), client, "notes")) {
    v.Add("note.corrects", "must be a note of this client");
  }
  if (note.goal_ratings_size() > kMaxRatingsPerNote) {
    v.Add("note.goal_ratings", absl::StrCat("at most ", kMaxRatingsPerNote, " ratings"));
  }
  CheckGoalRatings(note.goal_ratings(), client, "note.goal_ratings", v);
  const std::vector<storage::GoalRatingRecord> ratings =
      GoalRatingRecords(note.goal_ratings(), author);
  std::set<std::pair<std::string, std::string>> rated;
  for (int i = 0; i < note.goal_ratings_size(); ++i) {
    const std::string field = absl::StrCat("note.goal_ratings[", i, "]");
    const v1::Rater rater = note.goal_ratings(i).rated_by();
    if (v1::Rater_IsValid(rater) && !IsRaterFor(rater, author)) {
      v.Add(field + ".rated_by",
            "must be CLIENT or the author's own view (GUIDE for a guide, SOCIAL_WORKER for staff)");
    }
    if (!rated.emplace(ratings[i].goal_id, ratings[i].rated_by).second) {
      v.Add(field, "rates the same goal for the same rater twice");
    }
  }
}

storage::NewProgressNote NewNoteFrom(const v1::ProgressNote& note, const ResourceName& client,
                                     Role author) {
  storage::NewProgressNote n;
  n.id = NewUuid();
  n.client_id = client.id;
  if (!note.assignment().empty())
    n.assignment_id = ParseResourceName(note.assignment(), "assignments")->id;
  n.text = note.text();
  // Unspecified is SHARED for a guide and STAFF_ONLY for staff: nothing reaches the guide unless
  // staff choose to share it.
  n.visibility = note.visibility() == v1::ProgressNote::VISIBILITY_UNSPECIFIED
                     ? (author == Role::kGuide ? "SHARED" : "STAFF_ONLY")
                     : v1::ProgressNote::Visibility_Name(note.visibility());
  if (!note.corrects().empty()) n.corrects_id = ClientChildIdOf(note.corrects(), client, "notes");
  n.ratings = GoalRatingRecords(note.goal_ratings(), author);
  return n;
}

absl::StatusOr<storage::NoteFilter> ReadNoteFilter(absl::string_view text,
                                                   const ResourceName& client) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(text, {"goal", "author_role", "after", "before"}));
  storage::NoteFilter filter;
  FieldViolations v;
  for (const auto& [field, value] : terms) {
    if (field == "goal") {
      filter.goal_id = GoalIdOf(value, client);
      if (!filter.goal_id) v.Add("filter", "goal must name a goal of this client");
    } else if (field == "author_role") {
      v1::ProgressNote::AuthorRole role;
      if (!v1::ProgressNote::AuthorRole_Parse(value, &role) ||
          role == v1::ProgressNote::AUTHOR_ROLE_UNSPECIFIED) {
        v.Add("filter", "author_role must be GUIDE, SOCIAL_WORKER or COORDINATOR");
      }
      filter.author_role = value;
    } else {
      std::optional<absl::Time> t = ParseRfc3339(value);
      if (!t) v.Add("filter", field + " must be an RFC 3339 time such as \"2025-03-01T00:00:00Z\"");
      (field == "after" ? filter.after : filter.before) = t;
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

absl::StatusOr<storage::OutcomeQuery> ReadOutcomeQuery(const v1::SummarizeOutcomesRequest& request,
                                                       const std::string& org_id, absl::Time now) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(request.filter(), {"guide", "municipality"}));
  storage::OutcomeQuery query;
  FieldViolations v;
  const google::type::Interval& period = request.period();
  if (!period.has_start_time()) v.Add("period.start_time", "is required");
  query.start = FromTimestamp(period.start_time());
  query.end = period.has_end_time() ? FromTimestamp(period.end_time()) : now;
  if (period.has_start_time() && query.end <= query.start) {
    v.Add("period.end_time", "must be after period.start_time");
  }
  for (const auto& [field, value] : terms) {
    if (field == "guide") {
      std::optional<ResourceName> guide = ParseResourceName(value, "guides");
      if (!guide || guide->org_id != org_id) {
        v.Add("filter", "guide must name a guide of the organization");
      } else {
        query.guide_id = guide->id;
      }
    } else if (!IsMunicipalityCode(value)) {
      v.Add("filter", "municipality must be a three-digit code such as 398");
    } else {
      query.municipality = value;
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return query;
}

}  // namespace rinnalla::notes
