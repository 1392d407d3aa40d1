#ifndef RINNALLA_SERVICES_COMMON_TRACE_H_
#define RINNALLA_SERVICES_COMMON_TRACE_H_

// W3C Trace Context (https://www.w3.org/TR/trace-context/): a call joins its caller's trace from
// the `traceparent` metadata (the HTTP layer passes the header on as metadata), or starts one.
// The trace id goes into every log line of the call and into PostgreSQL's application_name, so
// one call can be followed from the proxy through the server into the database.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "rinnalla/storage/trace.h"

namespace rinnalla {

struct TraceContext {
  storage::TraceIds ids;     // the trace, and this server's span in it (new for every call)
  std::string flags = "01";  // trace-flags: the caller's, or sampled for a new trace

  // "00-<trace_id>-<span_id>-<flags>", for the response metadata and calls made onwards.
  std::string Traceparent() const;
};

// The parts of a version-00 `traceparent`, or nullopt when it is malformed (wrong length, not
// lower-case hex, an all-zero trace or parent id, version ff). Later versions are read as 00.
std::optional<TraceContext> ParseTraceparent(absl::string_view traceparent);

// The caller's trace with a new span of this server, or a new trace when `traceparent` is absent
// or malformed.
TraceContext TraceFor(std::optional<absl::string_view> traceparent);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_TRACE_H_
