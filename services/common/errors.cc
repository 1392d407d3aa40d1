#include "errors.h"

#include "absl/strings/cord.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/status_facts.h"

namespace rinnalla {
namespace {

constexpr char kBadRequestType[] = "type.googleapis.com/google.rpc.BadRequest";
constexpr char kDomain[] = "rinnalla.fi";

std::string DefaultReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case absl::StatusCode::kNotFound: return "NOT_FOUND";
    case absl::StatusCode::kAlreadyExists: return "ALREADY_EXISTS";
    case absl::StatusCode::kPermissionDenied: return "PERMISSION_DENIED";
    case absl::StatusCode::kUnauthenticated: return "UNAUTHENTICATED";
    case absl::StatusCode::kAborted: return "ABORTED";
    case absl::StatusCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case absl::StatusCode::kUnavailable: return "UNAVAILABLE";
    case absl::StatusCode::kDeadlineExceeded: return "DEADLINE_EXCEEDED";
    default: return "INTERNAL";
  }
}

}  // namespace

void FieldViolations::Add(std::string field, std::string description) {
  violations_.emplace_back(std::move(field), std::move(description));
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  google::rpc::BadRequest bad_request;
  for (const auto& [field, description] : violations_) {
    auto* v = bad_request.add_field_violations();
    v->set_field(field);
    v->set_description(description);
  }
  const auto& [field, description] = violations_.front();
  absl::Status status = absl::InvalidArgumentError(field + ": " + description);
  status.SetPayload(kBadRequestType, absl::Cord(bad_request.SerializeAsString()));
  return WithReason(status, "INVALID_FIELD");
}

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(std::string(status.message()));
  google::rpc::ErrorInfo info;
  info.set_reason(ReasonOf(status).value_or(DefaultReason(status.code())));
  info.set_domain(kDomain);
  for (const auto& [key, value] : FactsOf(status)) (*info.mutable_metadata())[key] = value;
  details.add_details()->PackFrom(info);
  if (auto payload = status.GetPayload(kBadRequestType)) {
    google::rpc::BadRequest bad_request;
    if (bad_request.ParseFromString(std::string(*payload))) details.add_details()->PackFrom(bad_request);
  }
  return details;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status details = ToRpcStatus(status);
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()),
                      details.SerializeAsString());
}

}  // namespace rinnalla
