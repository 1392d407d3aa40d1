#ifndef RINNALLA_STORAGE_MEETING_RECORDS_H_
#define RINNALLA_STORAGE_MEETING_RECORDS_H_

// Joint meetings, their recorded outcomes, goals with GAS levels, goal ratings and the client's
// information-sharing consent, as stored.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace rinnalla::storage {

struct ParticipantRecord {
  std::string role;  // CLIENT, SOCIAL_WORKER, GUIDE, OTHER
  std::string identity;
  std::string display_name;
  bool present = false;
  bool operator==(const ParticipantRecord&) const = default;
};

struct SupportNeedRecord {
  std::optional<std::string> area;  // an experience area
  std::string description;
  bool operator==(const SupportNeedRecord&) const = default;
};

struct MeetingOutcomeRecord {
  int revision = 0;
  absl::Time held_time;
  std::vector<ParticipantRecord> participants;
  std::vector<SupportNeedRecord> support_needs;
  std::string summary;
  std::string amend_reason;
  std::string recorded_by;
  absl::Time record_time;
};

struct MeetingRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string assignment_id;
  std::string kind;  // INITIAL, REVIEW, CLOSING
  absl::Time scheduled_time;
  std::string place;
  std::string state;  // SCHEDULED, HELD, CANCELLED
  std::string cancel_reason;
  int outcome_revision = 0;                     // 0 until HELD
  std::optional<MeetingOutcomeRecord> outcome;  // the latest, once HELD
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct GoalRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string assignment_id;
  std::string title;
  std::optional<std::string> area;
  std::vector<std::string> gas_levels;  // for -2..+2
  std::optional<absl::CivilDay> target_date;
  int weight = 1;
  std::string state;  // PROPOSED, AGREED, ACHIEVED, NOT_ACHIEVED, DROPPED
  std::optional<std::string> agreed_meeting_id;
  std::vector<std::string> agreed_by;
  std::optional<absl::Time> agree_time;
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct GoalRatingRecord {
  std::string goal_id;
  int score = 0;
  std::string rated_by;  // CLIENT, GUIDE, SOCIAL_WORKER
  std::string comment;
};

// A CLOSING meeting's decision on one goal.
struct GoalClosingRecord {
  std::string goal_id;
  std::string final_state;  // ACHIEVED, NOT_ACHIEVED, DROPPED
};

struct ConsentRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string assignment_id;
  bool granted = false;
  std::optional<std::string> meeting_id;
  std::string recorded_by;
  absl::Time record_time;
};

// Everything RecordMeetingOutcome writes, in one transaction.
struct OutcomeRecording {
  std::string meeting_id;
  MeetingOutcomeRecord outcome;
  std::vector<GoalRecord> agreed_goals;  // ids chosen; the rest is filled in storage
  std::vector<GoalRatingRecord> ratings;
  std::vector<GoalClosingRecord> closings;
  std::optional<bool> consent;
  bool end_assignment = false;
};

struct MeetingFilter {
  std::string client_id;
  std::optional<std::string> assignment_id;
  std::optional<std::string> state;
  std::optional<std::string> kind;
  std::optional<bool> upcoming;  // true: scheduled after now; false: at or before now
};

struct GoalFilter {
  std::string client_id;
  std::optional<std::string> assignment_id;
  std::optional<std::string> state;
};

// The fields of a goal an update names; `fields` says which of them are set.
struct GoalUpdate {
  std::vector<std::string> fields;  // of: title, area, gas_levels, target_date, weight, state
  GoalRecord values;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_MEETING_RECORDS_H_
