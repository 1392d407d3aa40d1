#include "timeline_summary.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace rinnalla::notes {
namespace {

constexpr char kWithheld[] = "withheld: no consent to information sharing";

std::string Amended(int revision) {
  return revision > 1 ? absl::StrCat(" (amended, revision ", revision, ")") : "";
}

std::string Words(const storage::TimelineEntryRecord& e) {
  return e.text_withheld ? kWithheld : Excerpt(e.excerpt);
}

}  // namespace

std::string Excerpt(absl::string_view text, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    const bool starts_character = (c & 0xC0) != 0x80;
    if (starts_character && chars++ == max_chars) return out + "…";
    out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : text[i]);
  }
  return out;
}

std::string SummarizeEntry(const storage::TimelineEntryRecord& e) {
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
  if (k == "GOAL_AGREED") return absl::StrCat("Goal agreed: ", Excerpt(e.label));
  if (k == "GOAL_CLOSED") {
    // The goal's final state (ACHIEVED, NOT_ACHIEVED or DROPPED) is in `details`.
    return absl::StrCat("Goal ", e.details.empty() ? "closed" : e.details.front(), ": ",
                        Excerpt(e.label));
  }
  if (k == "VISIT") {
    std::string words = Words(e);
    return absl::StrCat(e.duration_minutes, " min ", e.label, " visit",
                        e.details.empty() ? "" : " (" + absl::StrJoin(e.details, ", ") + ")",
                        Amended(e.revision), words.empty() ? "" : ": " + words);
  }
  if (k == "NOTE") {
    std::string words = Words(e);
    return absl::StrCat(e.corrects_id ? "Correction" : "Note", words.empty() ? "" : ": " + words);
  }
  return k;
}

}  // namespace rinnalla::notes
