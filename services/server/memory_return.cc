#include "memory_return.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace rinnalla {
namespace {

void SetAllocatorLimits() {
  static const bool once = [] {
    // Two arenas per core instead of eight: calls run on many pool threads, and each arena
    // keeps its own freed memory.
    mallopt(M_ARENA_MAX, 2 * static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN))));
    // Blocks of 256 KiB and more (request buffers, large strings) are mapped, and unmapped when
    // freed; setting it also stops glibc from raising the threshold after each large free.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    // Free memory at the top of the heap beyond 1 MiB is given back at once.
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
    return true;
  }();
  (void)once;
}

}  // namespace

MemoryReturn::MemoryReturn(absl::Duration interval) {
  SetAllocatorLimits();
  trimmer_ = std::thread([this, interval] {
    std::unique_lock lock(mutex_);
    while (!stop_.wait_for(lock, absl::ToChronoMilliseconds(interval), [&] { return stopping_; })) {
      // Returns the free pages inside every arena too, not only the heap's top (a few ms).
      malloc_trim(0);
    }
  });
}

MemoryReturn::~MemoryReturn() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  trimmer_.join();
}

long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace rinnalla
