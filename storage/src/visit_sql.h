#ifndef RINNALLA_STORAGE_SRC_VISIT_SQL_H_
#define RINNALLA_STORAGE_SRC_VISIT_SQL_H_

// The SQL that logging, amending and reading visits share: the write checks, writing revisions,
// and reading visits and revisions with the information-sharing rule applied in the query (a
// withheld text never leaves the database).

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/visit_records.h"

namespace rinnalla::storage {

// A batch of visits as one JSON parameter (an array of objects: n, id, client_id, assignment_id,
// guide_id, micros, duration, mode, places, goals, summary), read in SQL by json_to_recordset, so
// any text round-trips.
std::string VisitRowsJson(const std::vector<const VisitRecord*>& visits);

// What the write checks need to know about one visit, read for a whole batch in one statement.
struct VisitCheck {
  bool assignment_found = false;
  std::string assignment_guide_id;
  std::string assignment_client_id;
  std::string assignment_state;
  absl::Time assignment_first_day;  // midnight (kVisitTimeZone) of the day it started
  std::optional<absl::Time> assignment_end;
  absl::Time now;  // the transaction's
  bool visit_exists = false;
  std::optional<int> unknown_goal;  // position of the first goal that is not the client's
};
// CheckVisits' statement, kept prepared; binds :visits (VisitRowsJson), :count (their number)
// and :org (codec.h's WithBatchOfOrganization).
extern const std::string kCheckVisits;
std::vector<VisitCheck> CheckVisits(soci::session& sql, const std::string& org_id,
                                    const std::vector<const VisitRecord*>& visits);
// The write rules of VisitsRepository for `visit` (its guide, client, assignment and content).
absl::Status Admit(const VisitCheck& check, const VisitRecord& visit);

// Writes revisions, their place outcomes and the visits' goal links (which must not exist yet):
// a statement for each that has rows. `reason` is empty for first revisions; `author` is the
// sub of whoever wrote the revision.
struct RevisionWrite {
  const VisitRecord* visit;
  int revision;
  std::string reason;
  std::string author;
};
void WriteRevisions(soci::session& sql, const std::string& org_id,
                    const std::vector<RevisionWrite>& revisions);

// Reading. With `reveal` false (staff), the guide's texts are read only where the client agreed
// to information sharing; otherwise they come back empty and `text_withheld` is set.
// `client_id` empty: any client.
absl::StatusOr<VisitRecord> SelectVisit(soci::session& sql, const std::string& org_id,
                                        const std::string& client_id, const std::string& id,
                                        bool reveal, bool for_update = false);
// A visit's revisions, oldest first; `only` reads one.
std::vector<VisitRevisionRecord> SelectRevisions(soci::session& sql, const std::string& org_id,
                                                 const std::string& id, bool reveal,
                                                 std::optional<int> only = std::nullopt);
// Fills each visit's correction notes, in one statement.
void AttachCorrectionNotes(soci::session& sql, const std::string& org_id,
                           std::vector<VisitRecord>& visits);

// The visits query (columns and joins) for lists, to which a WHERE clause is added; binds
// `:reveal` (1: the guide's texts are always shown).
std::string VisitQuery();
VisitRecord ReadVisit(const soci::row& row);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_VISIT_SQL_H_
