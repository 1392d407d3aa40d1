#ifndef RINNALLA_SERVICES_COMMON_LOG_H_
#define RINNALLA_SERVICES_COMMON_LOG_H_

// Structured logging: one JSON object per line on stdout. Messages are JSON members
// ("key":value,...) that the pattern wraps with time and level. No personal data is ever logged.

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rinnalla {

void ConfigureJsonLogging();

// A JSON string literal (quoted and escaped).
std::string JsonString(absl::string_view text);

// One line per call; `messages` for streaming calls (how many the stream carried).
void LogCall(absl::string_view method, absl::StatusCode code, absl::Duration latency,
             absl::string_view request_id, std::optional<int> messages = std::nullopt);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_LOG_H_
