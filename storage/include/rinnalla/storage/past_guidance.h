#ifndef RINNALLA_STORAGE_PAST_GUIDANCE_H_
#define RINNALLA_STORAGE_PAST_GUIDANCE_H_

// Guidances that happened in the past, written in bulk: what `rinnalla demo-data --history`
// uses to give an organization a year of work (referral, assignment, the INITIAL meeting and its
// agreed goals, rated notes, visits, and for an ended one the CLOSING meeting), so that the
// pilot's figures and the staff's screens have something to show.
//
// The services write with the clock's time; a past needs its own times, so these rows are
// written as the repositories would have written them at the times they carry, in a few
// set-based statements per batch, with the same access-log rows (one per client) and events.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/database.h"

namespace rinnalla::storage {

struct PastGoal {
  std::string id;  // UUID
  std::string title;
  std::string area;                     // an experience area
  std::vector<std::string> gas_levels;  // five
  std::string state;                    // AGREED while open; ACHIEVED, NOT_ACHIEVED, DROPPED
};

// A guide's SHARED note that rates each goal, by the guide and by the client with them.
struct PastNote {
  std::string id;  // UUID
  absl::Time time;
  std::string text;
  std::vector<int> guide_scores;   // one per goal of the guidance, -2..2
  std::vector<int> client_scores;  // one per goal of the guidance, -2..2
};

struct PastVisit {
  std::string id;  // UUID
  absl::Time start;
  int duration_minutes = 60;
  std::string mode;  // IN_PERSON, PHONE, VIDEO, ACCOMPANIED
  std::vector<std::string> places;
  // ACCOMPANIED: the appointment at each place (KEPT, MISSED, RESCHEDULED, WALK_IN).
  std::string appointment;
  std::string summary;
  int goal = 0;  // the goal it worked on: an index into the guidance's goals
};

struct PastGuidance {
  std::string client_id;
  std::string guide_id;
  std::string referral_id;      // UUID
  std::string assignment_id;    // UUID
  std::string initial_meeting;  // UUID
  std::string closing_meeting;  // UUID, when it ended
  std::vector<std::string> needs;
  std::vector<std::string> languages;
  std::string municipality;
  absl::Time start;
  std::optional<absl::Time> end;
  std::string end_reason;  // when it ended
  std::vector<PastGoal> goals;
  std::vector<PastNote> notes;
  std::vector<PastVisit> visits;
};

// Writes the guidances in one transaction; `social_worker` (a sub) made the referrals and
// recorded the meetings. The guides' caseloads (`active_client_count`) are recounted. Errors: as
// the database maps them (an invariant a guidance breaks, such as a second open assignment of a
// client, is FAILED_PRECONDITION or ALREADY_EXISTS and nothing is written).
absl::Status WritePastGuidances(Database& db, const CallScope& scope,
                                const std::string& social_worker,
                                const std::vector<PastGuidance>& guidances);

// After a bulk load: refreshes the planner's statistics (ANALYZE) so that the statements right
// after it are planned for the rows now there. Autovacuum would do it, but only a minute or more
// later; until then the planner takes a year of visits for an empty table and walks them one
// index entry at a time (the county's figures took 0.85 s instead of 0.15 s).
absl::Status RefreshStatistics(Database& db, const CallScope& scope);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_PAST_GUIDANCE_H_
