#include "rpc.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "errors.h"
#include "log.h"
#include "resource_names.h"
#include "trace.h"

namespace rinnalla {
namespace {

// A caller's request id is kept only if it is short and plain, so it is safe in the log.
std::string RequestIdOf(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("x-request-id");
  if (it != context.client_metadata().end() && !it->second.empty() && it->second.size() <= 64) {
    std::string id(it->second.data(), it->second.size());
    bool plain = true;
    for (char c : id) plain = plain && (absl::ascii_isalnum(c) || c == '-' || c == '_');
    if (plain) return id;
  }
  return NewUuid();
}

std::optional<absl::string_view> TraceparentOf(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("traceparent");
  if (it == context.client_metadata().end()) return std::nullopt;
  return absl::string_view(it->second.data(), it->second.size());
}

std::optional<absl::Time> DeadlineOf(const grpc::ServerContext& context) {
  auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return std::nullopt;
  return absl::FromChrono(deadline);
}

// The one scope of the call. A guide's scope is their own id in their own organization; one
// whose token names no guide of it has none (GuideIdOf), and is refused by the policy.
storage::CallScope ScopeOf(const Call& call, std::optional<absl::Time> deadline,
                           const storage::TraceIds& trace) {
  storage::CallScope scope;
  scope.org_id = call.principal.org_id;
  scope.actor = call.principal.sub;
  scope.role = std::string(RoleName(call.principal.role));
  scope.method = call.method;
  scope.request_id = call.request_id;
  scope.deadline = deadline;
  scope.trace = trace;
  scope.is_guide = call.principal.role == Role::kGuide;
  scope.guide_id = GuideIdOf(call.principal).value_or("");
  return scope;
}

}  // namespace

grpc::Status RpcRunner::Run(grpc::ServerContext* context, absl::string_view method,
                            absl::FunctionRef<absl::Status(const Call&)> handler) const {
  return RunCall(context, method, handler, nullptr);
}

grpc::Status RpcRunner::Run(
    grpc::ServerContext* context, absl::string_view method,
    absl::FunctionRef<absl::Status(const Call&, StreamTally&)> handler) const {
  StreamTally tally;
  return RunCall(
      context, method, [&](const Call& call) { return handler(call, tally); }, &tally);
}

grpc::Status RpcRunner::RunCall(grpc::ServerContext* context, absl::string_view method,
                                absl::FunctionRef<absl::Status(const Call&)> handler,
                                const StreamTally* tally) const {
  const absl::Time start = absl::Now();
  Call call;
  call.method = std::string(method);
  call.request_id = RequestIdOf(*context);
  call.cancelled = [context] { return context->IsCancelled(); };
  context->AddInitialMetadata("x-request-id", call.request_id);
  const TraceContext trace = TraceFor(TraceparentOf(*context));
  context->AddInitialMetadata("traceparent", trace.Traceparent());
  ScopedLogTrace traced(trace.ids);
  absl::Status status;
  if (absl::StatusOr<Principal> principal = authenticator_.Authenticate(*context); principal.ok()) {
    call.principal = *std::move(principal);
    call.scope = ScopeOf(call, DeadlineOf(*context), trace.ids);
    status = handler(call);
  } else {
    status = principal.status();
  }
  if (tally != nullptr && context->IsCancelled()) {
    status = absl::CancelledError("the caller cancelled the stream");
  }
  LogCall(method, status.code(), absl::Now() - start, call.request_id,
          tally ? std::optional<int>(tally->messages) : std::nullopt);
  return ToGrpcStatus(status);
}

}  // namespace rinnalla
