#ifndef RINNALLA_STORAGE_VISIT_RECORDS_H_
#define RINNALLA_STORAGE_VISIT_RECORDS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// What happened at one place of an ACCOMPANIED visit. Code lists by name.
struct PlaceOutcomeRecord {
  std::string place;
  std::string appointment;
  std::vector<std::string> actions;
  std::string acting;
  std::string note;  // empty when withheld from the reader
  bool operator==(const PlaceOutcomeRecord&) const = default;
};

// What the guide writes about a visit: logged as revision 1, changed by amendments.
struct VisitContent {
  absl::Time start_time;  // microsecond precision, as stored
  int duration_minutes = 0;
  std::string mode;
  std::vector<std::string> places;
  std::vector<std::string> goal_ids;
  std::string summary;  // empty when withheld from the reader
  std::vector<PlaceOutcomeRecord> outcomes;
  bool operator==(const VisitContent&) const = default;

  // The names of the fields that differ from `before` (for the event feed).
  std::vector<std::string> ChangedFields(const VisitContent& before) const;
};

struct VisitCorrectionNoteRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string visit_id;
  std::string text;
  std::string author;
  std::string author_role;
  absl::Time create_time;
};

struct VisitRecord {
  std::string org_id;
  std::string id;
  std::string client_id;
  std::string assignment_id;
  std::string guide_id;
  VisitContent content;  // the latest revision
  int revision = 0;
  // The reader is staff and the client has not agreed to information sharing: the summary and
  // the outcomes' notes were not read.
  bool text_withheld = false;
  std::vector<VisitCorrectionNoteRecord> correction_notes;  // oldest first
  absl::Time create_time;
  absl::Time update_time;
};

struct VisitRevisionRecord {
  int revision = 0;
  VisitContent content;
  bool text_withheld = false;
  std::string reason;  // empty for the first
  std::string author;
  absl::Time create_time;
};

// A visit to log: `visit.id` is the caller's visit_id or a new one; `guide_id` the caller's.
struct NewVisit {
  VisitRecord visit;
  std::optional<IdempotencyKey> key;
};

struct VisitFilter {
  std::optional<std::string> client_id;
  std::optional<std::string> guide_id;
  std::optional<std::string> mode;
  // start_time >= from, < until.
  std::optional<absl::Time> from;
  std::optional<absl::Time> until;
};

struct PlaceVisitsRecord {
  int accompanied_visits = 0;
  int appointments_kept = 0;
};

struct PlaceHoursRecord {
  int visits = 0;
  int64_t minutes = 0;
};

struct VisitTotalsRecord {
  int visits = 0;
  int64_t minutes = 0;
  int accompanied_visits = 0;
  std::map<std::string, PlaceVisitsRecord> accompanied_by_place;  // by place name
  std::map<std::string, PlaceHoursRecord> by_place;               // by place name, every mode
};

struct VisitSummaryQuery {
  absl::Time from;
  absl::Time until;
  std::optional<std::string> guide_id;
  std::optional<std::string> client_id;
  // Only the totals: no per-guide or per-client figures (nor their access-log rows).
  bool totals_only = false;
};

struct VisitSummaryRecord {
  VisitTotalsRecord totals;
  std::map<std::string, VisitTotalsRecord> by_guide;   // by guide id
  std::map<std::string, VisitTotalsRecord> by_client;  // by client id
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_VISIT_RECORDS_H_
