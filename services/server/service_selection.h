#ifndef RINNALLA_SERVICES_SERVER_SERVICE_SELECTION_H_
#define RINNALLA_SERVICES_SERVER_SERVICE_SELECTION_H_

// Which of the Rinnalla services one server runs (--services): every one by default, or a few,
// so each can run and scale in a deployment of its own (one binary, many roles).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rinnalla {

enum class ServiceName { kDirectory, kMatching, kMeetings, kVisits, kNotes, kIntegration, kAudit };

class ServiceSelection {
 public:
  // Every service.
  static ServiceSelection All();
  // "all", or names separated by commas ("directory,matching"). An unknown or repeated name, or
  // an empty list, is INVALID_ARGUMENT naming the known ones.
  static absl::StatusOr<ServiceSelection> Parse(absl::string_view text);

  bool Runs(ServiceName service) const;
  // The selected services' full gRPC names ("rinnalla.v1.Directory"), in a fixed order.
  std::vector<std::string> FullNames() const;

 private:
  std::vector<ServiceName> services_;
};

// "rinnalla.v1.Directory" for kDirectory.
std::string FullNameOf(ServiceName service);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_SERVER_SERVICE_SELECTION_H_
