#include "timeline_summary.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "proto_time.h"

namespace rinnalla::notes {
namespace {

constexpr char kEllipsis[] = "…";
constexpr char kWithheld[] = "withheld: no consent to information sharing";

std::string Amended(int revision) {
  return revision > 1 ? absl::StrCat(" (amended, revision ", revision, ")") : "";
}

std::string Words(const storage::TimelineEntryRecord& e, const v1::TimelineEntryParts& parts) {
  return e.text_withheld ? kWithheld : parts.excerpt();
}

}  // namespace

std::string Excerpt(absl::string_view text, size_t max_chars) {
  // Where the character after the first `max_chars` starts: the text is cut there, copied once.
  size_t cut = text.size();
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && chars++ == max_chars) {
      cut = i;
      break;
    }
  }
  std::string out;
  out.reserve(cut + sizeof(kEllipsis) - 1);
  out.append(text.data(), cut);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  if (cut < text.size()) out += kEllipsis;
  return out;
}

std::string SummarizeEntry(const storage::TimelineEntryRecord& e,
                           const v1::TimelineEntryParts& parts) {
  const std::string& k = e.kind;
  if (k == "ASSIGNMENT_STARTED") return "Guidance started";
  if (k == "ASSIGNMENT_PAUSED") return "Guidance paused";
  if (k == "ASSIGNMENT_RESUMED") return "Guidance resumed";
  if (k == "ASSIGNMENT_ENDED") {
    return e.label.empty() ? "Guidance ended" : absl::StrCat("Guidance ended: ", e.label);
  }
  if (k == "MEETING_SCHEDULED") {
    return absl::StrCat(e.label, " meeting scheduled",
                        e.scheduled_time
                            ? " for " + absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *e.scheduled_time,
                                                         absl::UTCTimeZone())
                            : "");
  }
  if (k == "MEETING_HELD") return absl::StrCat(e.label, " meeting held", Amended(e.revision));
  if (k == "MEETING_CANCELLED") return absl::StrCat(e.label, " meeting cancelled");
  if (k == "GOAL_AGREED") return absl::StrCat("Goal agreed: ", parts.goal_title());
  if (k == "GOAL_CLOSED") {
    // The goal's final state (ACHIEVED, NOT_ACHIEVED or DROPPED) is in `details`.
    return absl::StrCat("Goal ", e.details.empty() ? "closed" : e.details.front(), ": ",
                        parts.goal_title());
  }
  if (k == "VISIT") {
    std::string words = Words(e, parts);
    return absl::StrCat(e.duration_minutes, " min ", e.label, " visit",
                        e.details.empty() ? "" : " (" + absl::StrJoin(e.details, ", ") + ")",
                        Amended(e.revision), words.empty() ? "" : ": " + words);
  }
  if (k == "NOTE") {
    std::string words = Words(e, parts);
    return absl::StrCat(e.corrects_id ? "Correction" : "Note", words.empty() ? "" : ": " + words);
  }
  return k;
}

v1::TimelineEntryParts EntryParts(const storage::TimelineEntryRecord& e) {
  v1::TimelineEntryParts parts;
  const std::string& k = e.kind;
  if (absl::StartsWith(k, "MEETING_")) {
    v1::Meeting::Kind kind;
    if (v1::Meeting::Kind_Parse(e.label, &kind)) parts.set_meeting_kind(kind);
    if (k == "MEETING_SCHEDULED" && e.scheduled_time) {
      SetTimestamp(*e.scheduled_time, parts.mutable_scheduled_time());
    }
  } else if (absl::StartsWith(k, "GOAL_")) {
    parts.set_goal_title(Excerpt(e.label));
    v1::Goal::State state;
    if (k == "GOAL_CLOSED" && !e.details.empty() &&
        v1::Goal::State_Parse(e.details.front(), &state)) {
      parts.set_goal_state(state);
    }
  } else if (k == "ASSIGNMENT_ENDED") {
    v1::Assignment::EndReason reason;
    if (v1::Assignment::EndReason_Parse(e.label, &reason)) parts.set_end_reason(reason);
  } else if (k == "VISIT") {
    v1::Visit::Mode mode;
    if (v1::Visit::Mode_Parse(e.label, &mode)) parts.set_visit_mode(mode);
    parts.set_duration_minutes(e.duration_minutes);
    for (const std::string& place : e.details) {
      v1::ServicePlace code;
      if (v1::ServicePlace_Parse(place, &code)) parts.add_places(code);
    }
  } else if (k == "NOTE") {
    parts.set_correction(e.corrects_id.has_value());
  }
  if ((k == "VISIT" || k == "NOTE") && !e.text_withheld) parts.set_excerpt(Excerpt(e.excerpt));
  return parts;
}

}  // namespace rinnalla::notes
