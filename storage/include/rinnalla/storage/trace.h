#ifndef RINNALLA_STORAGE_TRACE_H_
#define RINNALLA_STORAGE_TRACE_H_

#include <string>

namespace rinnalla::storage {

// A call's W3C trace: 32 and 16 lower-case hex digits (the caller checks them; they go into SQL).
struct TraceIds {
  std::string trace_id;
  std::string span_id;
};

// Names the SQL run by this thread while it lives with the call's trace: every transaction
// started under it sets `application_name` to "rinnalla/<trace_id>/<span_id>", so one call can be
// followed in pg_stat_activity and in PostgreSQL's log. The RPC layer opens one per call; `trace`
// must outlive it. Logging reads it too, so every log line of the call carries the trace.
class ScopedTrace {
 public:
  explicit ScopedTrace(const TraceIds& trace);
  ~ScopedTrace();
  ScopedTrace(const ScopedTrace&) = delete;
  ScopedTrace& operator=(const ScopedTrace&) = delete;
  // The trace of the call this thread serves, or null.
  static const TraceIds* Current();

 private:
  const TraceIds* previous_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_TRACE_H_
