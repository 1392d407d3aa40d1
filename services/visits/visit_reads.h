#ifndef RINNALLA_SERVICES_VISITS_VISIT_READS_H_
#define RINNALLA_SERVICES_VISITS_VISIT_READS_H_

#include "client_access.h"
#include "rinnalla/storage/visits_repository.h"
#include "rinnalla/v1/visits.pb.h"

namespace rinnalla::visits {

// Reading visits: staff read the organization's (the guide's texts only with the client's
// consent to information sharing); a guide reads their own, of clients they guide now.
class VisitReads {
 public:
  VisitReads(storage::VisitsRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Get(const Call& call, const v1::GetVisitRequest& request, v1::Visit& out) const;
  absl::Status List(const Call& call, const v1::ListVisitsRequest& request,
                    v1::ListVisitsResponse& out) const;
  absl::Status ListRevisions(const Call& call, const v1::ListVisitRevisionsRequest& request,
                             v1::ListVisitRevisionsResponse& out) const;

 private:
  storage::VisitsRepository& repository_;
  const ClientAccess& access_;
};

// A visit's name (organizations/{org}/clients/{client}/visits/{visit}) as its client and id;
// INVALID_ARGUMENT naming `field`.
struct VisitName {
  ResourceName client;
  std::string id;
};
absl::StatusOr<VisitName> ReadVisitName(absl::string_view name, const std::string& field);

}  // namespace rinnalla::visits

#endif  // RINNALLA_SERVICES_VISITS_VISIT_READS_H_
