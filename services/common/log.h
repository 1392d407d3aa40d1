#ifndef RINNALLA_SERVICES_COMMON_LOG_H_
#define RINNALLA_SERVICES_COMMON_LOG_H_

// Structured logging: one JSON object per line on stdout. Messages are JSON members
// ("key":value,...) that the pattern wraps with time and level. No personal data is ever logged.

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rinnalla {

void ConfigureJsonLogging();

// A JSON string literal (quoted and escaped).
std::string JsonString(absl::string_view text);

// `messages`: for a streaming call, how many messages it streamed (omitted when negative).
void LogCall(absl::string_view method, absl::StatusCode code, absl::Duration latency,
             absl::string_view request_id, int64_t messages = -1);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_LOG_H_
