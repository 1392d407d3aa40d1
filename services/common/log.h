#ifndef RINNALLA_SERVICES_COMMON_LOG_H_
#define RINNALLA_SERVICES_COMMON_LOG_H_

// Structured logging: one JSON object per line on stdout. Messages are JSON members
// ("key":value,...) that the pattern wraps with time and level. No personal data is ever logged.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "rinnalla/storage/trace.h"

namespace rinnalla {

void ConfigureJsonLogging();

// A JSON string literal (quoted and escaped).
std::string JsonString(absl::string_view text);

// One line per call; `messages` for streaming calls (how many the stream carried).
void LogCall(absl::string_view method, absl::StatusCode code, absl::Duration latency,
             absl::string_view request_id, std::optional<int> messages = std::nullopt);

// Stamps every log line this thread writes while it lives with the call's trace id (the log's
// own concern: a line written deep in a library cannot be handed the call). The RPC edge opens
// one per call; `trace` must outlive it. SQL is named by the trace through the CallScope.
class ScopedLogTrace {
 public:
  explicit ScopedLogTrace(const storage::TraceIds& trace);
  ~ScopedLogTrace();
  ScopedLogTrace(const ScopedLogTrace&) = delete;
  ScopedLogTrace& operator=(const ScopedLogTrace&) = delete;

 private:
  const storage::TraceIds* previous_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_LOG_H_
