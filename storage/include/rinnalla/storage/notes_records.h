#ifndef RINNALLA_STORAGE_NOTES_RECORDS_H_
#define RINNALLA_STORAGE_NOTES_RECORDS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "rinnalla/storage/meeting_records.h"

namespace rinnalla::storage {

// A rating in a goal's history: where it came from and the time it holds for.
struct RatingInHistory {
  GoalRatingRecord rating;
  bool comment_withheld = false;  // a guide's words that staff may not read (no consent)
  std::string source_kind;        // NOTE or MEETING
  std::string source_id;
  absl::Time time;
};

struct ProgressNoteRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string assignment_id;
  std::string author;
  std::string author_role;  // GUIDE, SOCIAL_WORKER, COORDINATOR
  std::string text;
  bool text_withheld = false;
  std::string visibility;  // SHARED, STAFF_ONLY
  std::optional<std::string> corrects_id;
  std::vector<std::string> corrected_by_ids;  // those the viewer may see
  std::vector<GoalRatingRecord> ratings;      // comments empty when the text is withheld
  absl::Time create_time;
};

// What AddProgressNote writes; the author is the viewer.
struct NewProgressNote {
  std::string id;
  std::string client_id;
  std::optional<std::string> assignment_id;  // default: the client's open one (or corrected's)
  std::string text;
  std::string visibility;
  std::optional<std::string> corrects_id;
  std::vector<GoalRatingRecord> ratings;
};

struct NoteFilter {
  std::optional<std::string> goal_id;
  std::optional<std::string> author_role;
  std::optional<absl::Time> after;   // create_time >= after
  std::optional<absl::Time> before;  // create_time < before
};

// One entry of a client's timeline. `kind` is the TimelineEntry.Kind name; the rest describes the
// resource for a short summary.
struct TimelineEntryRecord {
  absl::Time time;
  std::string kind;
  std::string id;          // the resource's id (the assignment's for assignment changes)
  std::string actor_role;  // GUIDE, SOCIAL_WORKER, COORDINATOR or STAFF
  std::string assignment_id;
  std::string label;                 // meeting kind, goal title, visit mode, end reason, ...
  std::vector<std::string> details;  // visit places
  std::optional<absl::Time> scheduled_time;  // meetings
  int duration_minutes = 0;                  // visits
  std::string excerpt;                       // a note's or visit's first words, when visible
  bool text_withheld = false;
  int revision = 0;
  std::optional<std::string> corrects_id;  // notes
};

// A goal of one guidance with the ratings that stand, oldest first.
struct GoalWithRatings {
  std::string id;
  std::string title;
  std::string state;
  int weight = 1;
  std::vector<RatingInHistory> ratings;
};

struct GoalAttainmentRecord {
  std::string assignment_id;  // empty when the client has no guidance the viewer may see
  std::vector<GoalWithRatings> goals;
};

// SummarizeOutcomes: the period [start, end) and what to count.
struct OutcomeQuery {
  absl::Time start;
  absl::Time end;
  std::optional<std::string> guide_id;
  std::optional<std::string> municipality;  // the client's
};

// A goal's latest scores at an assignment's closing, for its T-score.
struct ClosingGoalScore {
  std::string assignment_id;
  int weight = 1;
  std::optional<int> latest;  // whoever rated
  // Each rater's own latest, by rater ("CLIENT", "GUIDE", "SOCIAL_WORKER"); a rater who never
  // scored the goal is absent.
  std::map<std::string, int> latest_by_rater;
};

struct OutcomeFigures {
  int assignments_started = 0;
  int assignments_ended = 0;
  std::vector<std::pair<std::string, int>> ended_by_reason;
  std::optional<double> median_guidance_days;
  int clients_guided = 0;
  int visits = 0;
  double visit_hours = 0;
  int goals_achieved = 0;
  int goals_not_achieved = 0;
  int goals_dropped = 0;
  std::vector<ClosingGoalScore> closing_scores;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_NOTES_RECORDS_H_
