#ifndef RINNALLA_STORAGE_MATCHING_RECORDS_H_
#define RINNALLA_STORAGE_MATCHING_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"

namespace rinnalla::storage {

struct ReferralRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::vector<std::string> needs;  // experience area names
  std::vector<std::string> languages;
  std::string municipality;
  std::string preferences;
  std::string note;
  std::string state;  // OPEN, MATCHED, CANCELLED
  std::string cancel_reason;
  std::string created_by;
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct MatchExclusionRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string guide_id;
  std::string reason;
  std::string created_by;
  absl::Time create_time;
};

struct AssignmentRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string guide_id;
  std::string referral_id;
  std::string state;  // ACTIVE, PAUSED, ENDED
  absl::Time start_time;
  std::optional<absl::Time> end_time;
  std::optional<std::string> end_reason;
  std::string end_note;
  std::optional<absl::Time> first_meeting_time;  // the first joint meeting held
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// The experience areas in DOMAIN.md's order; bit i of an experience mask is area i. The same
// order as the database's experience_mask() (migration V0003).
inline constexpr std::array<const char*, 12> kExperienceAreas = {
    "SUBSTANCE_USE",          "OPIOID_SUBSTITUTION_TREATMENT",
    "MENTAL_HEALTH",          "HOMELESSNESS",
    "LONG_TERM_UNEMPLOYMENT", "IMMIGRATION",
    "CRIMINAL_SANCTIONS",     "DEBT",
    "DOMESTIC_VIOLENCE",      "FAMILY_AND_PARENTING",
    "CHRONIC_ILLNESS",        "GAMBLING"};

// The mask of a list of area names (unknown names add nothing).
uint32_t ExperienceMask(const std::vector<std::string>& areas);

// A guide who may be suggested for a referral: ACTIVE, with room, sharing a language with the
// referral, not excluded for its client. What scoring needs, and no more.
// Its id and name view the pool's strings: a suggestion scores thousands of candidates and copies
// only those it returns.
struct GuideCandidate {
  std::string_view id;
  std::string_view display_name;
  uint32_t experience_mask = 0;
  bool works_in_municipality = false;  // serves the referral's municipality
  int active_client_count = 0;
  int max_active_clients = 0;
  bool guided_client_before = false;  // an earlier assignment with this client (not a rematch)
};

// An ACTIVE guide as suggestions see them, from the guide pool.
struct PoolGuide {
  std::string id;
  std::string display_name;
  uint32_t experience_mask = 0;
  std::vector<std::string> languages;
  std::vector<std::string> municipalities;
  int active_client_count = 0;
  int max_active_clients = 0;
};

// An organization's ACTIVE guides as of a database snapshot (pg_snapshot text). Every change to a
// guide or a caseload writes an event; the pool is out of date once an event is visible that its
// snapshot did not see.
struct GuidePool {
  std::string snapshot;
  std::vector<PoolGuide> guides;
};

// What a suggestion needs besides the pool, read in one transaction (one snapshot).
struct SuggestionContext {
  ReferralRecord referral;
  std::vector<std::string> excluded_guide_ids;
  std::vector<std::string> earlier_guide_ids;  // ended assignments, not as REMATCH
  // Given a pool's snapshot: whether a guide changed since (a guide.* event committed that the
  // snapshot did not see; other events do not alter a suggestion's pool), which guides (ids as
  // the events name them), and those of them that are ACTIVE now. With these the pool is as of
  // `snapshot`, the snapshot this context was read in.
  bool pool_out_of_date = true;
  std::vector<std::string> changed_guide_ids;
  std::vector<PoolGuide> changed_active_guides;
  std::string snapshot;
};

struct AssignmentFilter {
  std::optional<std::string> guide_id;
  std::optional<std::string> client_id;
  std::optional<std::string> state;
};

struct ReferralFilter {
  std::optional<std::string> state;
  std::optional<std::string> client_id;
};

// A change of an assignment's state.
struct AssignmentChange {
  enum class Kind { kPause, kResume, kEnd } kind;
  std::string end_reason;  // for kEnd
  std::string end_note;    // for kEnd
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_MATCHING_RECORDS_H_
