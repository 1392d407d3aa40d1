#ifndef RINNALLA_SERVICES_SERVER_MEMORY_RETURN_H_
#define RINNALLA_SERVICES_SERVER_MEMORY_RETURN_H_

// Gives memory that large requests used back to the system. glibc keeps freed memory in its
// arenas (one per thread that allocated, up to 8 per core) and raises its mmap threshold after
// each large free, so after a burst of multi-megabyte requests the server's resident size stays
// at the burst's peak. Fewer arenas, a fixed mmap threshold (large buffers are mapped and
// unmapped on free) and a periodic malloc_trim bring it back down.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/time/time.h"

namespace rinnalla {

class MemoryReturn {
 public:
  // Sets the allocator's limits (once per process) and trims every `interval` until destroyed.
  explicit MemoryReturn(absl::Duration interval = absl::Seconds(5));
  ~MemoryReturn();
  MemoryReturn(const MemoryReturn&) = delete;
  MemoryReturn& operator=(const MemoryReturn&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread trimmer_;
};

// The process's resident set size in bytes (from /proc/self/statm), 0 when unknown.
long ResidentBytes();

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_SERVER_MEMORY_RETURN_H_
