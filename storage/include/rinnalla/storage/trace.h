#ifndef RINNALLA_STORAGE_TRACE_H_
#define RINNALLA_STORAGE_TRACE_H_

#include <string>

namespace rinnalla::storage {

// A call's W3C trace: 32 and 16 lower-case hex digits (the caller checks them; they go into SQL).
struct TraceIds {
  std::string trace_id;
  std::string span_id;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_TRACE_H_
