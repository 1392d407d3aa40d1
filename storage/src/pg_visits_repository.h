#ifndef RINNALLA_STORAGE_SRC_PG_VISITS_REPOSITORY_H_
#define RINNALLA_STORAGE_SRC_PG_VISITS_REPOSITORY_H_

// PostgreSQL implementation of VisitsRepository: writes in pg_visit_writes.cc, reads in
// pg_visit_reads.cc, the pilot's figures in pg_visit_figures.cc.

#include <soci/soci.h>

#include "rinnalla/storage/visits_repository.h"

namespace rinnalla::storage {

class PgVisitsRepository final : public VisitsRepository {
 public:
  explicit PgVisitsRepository(Database& db) : db_(db) {}

  std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>> LogVisits(
      const CallScope& scope, const std::vector<NewVisit>& visits,
      const ResponseEncoder<VisitRecord>& encode) override;
  std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>> LogVisitsOfCalls(
      const CallScope& group, const std::vector<CallVisit>& visits,
      const ResponseEncoder<VisitRecord>& encode) override;
  absl::StatusOr<VisitRecord> GetVisit(const CallScope& scope, const std::string& client_id,
                                       const std::string& id) override;
  absl::StatusOr<Page<VisitRecord>> ListVisits(const CallScope& scope, const VisitFilter& filter,
                                               const PageRequest& page) override;
  absl::StatusOr<std::vector<VisitRevisionRecord>> ListVisitRevisions(
      const CallScope& scope, const std::string& client_id, const std::string& id) override;
  absl::StatusOr<VisitRecord> AmendVisit(const CallScope& scope, const std::string& client_id,
                                         const std::string& id,
                                         std::optional<int64_t> expected_revision,
                                         const Change<VisitContent>& change,
                                         const std::string& reason) override;
  absl::StatusOr<CreateOutcome<VisitCorrectionNoteRecord>> AddCorrectionNote(
      const CallScope& scope, const VisitCorrectionNoteRecord& note,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<VisitCorrectionNoteRecord>& encode) override;
  absl::StatusOr<VisitSummaryRecord> SummarizeVisits(const CallScope& scope,
                                                     const VisitSummaryQuery& query) override;

 private:
  using Results = std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>>;
  // LogVisits' work for a batch of one organization's visits, in the caller's transaction.
  static absl::StatusOr<Results> LogBatch(soci::session& sql, const std::string& org,
                                          const std::vector<const CallVisit*>& visits,
                                          const ResponseEncoder<VisitRecord>& encode);

  Database& db_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PG_VISITS_REPOSITORY_H_
