#include "absl/strings/string_view.h"
#include "rinnalla/storage/status.h"

#include "absl/strings/cord.h"

namespace rinnalla {
namespace {
constexpr absl::string_view kReasonPayload = "rinnalla/reason";
}

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  status.SetPayload(kReasonPayload, absl::Cord(reason));
  return status;
}

std::optional<std::string> ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonPayload);
  if (!payload) return std::nullopt;
  return std::string(*payload);
}

absl::Status PermissionDenied() {
  return WithReason(absl::PermissionDeniedError("the caller may not do this"), "NOT_PERMITTED");
}

}  // namespace rinnalla
