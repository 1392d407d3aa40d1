#ifndef RINNALLA_SERVICES_COMMON_WRITE_GROUPS_H_
#define RINNALLA_SERVICES_COMMON_WRITE_GROUPS_H_

// Group commit: concurrent calls' single writes joined into one transaction. A call that arrives
// while the database is busy with a group waits in line; when a writer is free, the calls in
// line (at most `max_items`) are written together by one of the waiting calls' threads, and each
// caller is answered only once the group's transaction is over. With no write in progress a
// call is written at once, alone: a quiet server adds no delay.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rinnalla {

struct WriteGroupOptions {
  // The most items one transaction holds.
  int max_items = 64;
  // Groups written at the same time (each on a connection of its own).
  int writers = 2;
  // While another group is being written, a free writer waits up to this long (from the first
  // item's arrival) for its group to fill; with no write in progress it never waits.
  absl::Duration max_wait = absl::Milliseconds(1);
};

// `Result` is constructible from an absl::Status (an absl::StatusOr). Thread-safe.
template <typename Item, typename Result>
class WriteGroups {
 public:
  // Writes one group in one transaction: a result per item, in order. `deadline` is the earliest
  // of the items' deadlines (none when no item has one).
  using WriteGroup = std::function<std::vector<Result>(const std::vector<const Item*>& items,
                                                       std::optional<absl::Time> deadline)>;

  WriteGroups(WriteGroupOptions options, WriteGroup write)
      : options_(options), write_(std::move(write)) {}

  // Calls waiting in line for a group (not those being written).
  int waiting() {
    std::lock_guard lock(mutex_);
    return static_cast<int>(line_.size());
  }

  // Writes `item` with the group it joins and returns its result. While the item still waits for
  // its group, a passed `deadline` answers DEADLINE_EXCEEDED and `cancelled()` true answers
  // CANCELLED, and the item is not written; once its group is being written, the answer is the
  // group's (whose transaction is bounded by the earliest deadline in it).
  Result Write(Item item, std::optional<absl::Time> deadline,
               const std::function<bool()>& cancelled) {
    Waiter self{std::move(item), deadline, absl::Now()};
    std::unique_lock lock(mutex_);
    line_.push_back(&self);
    // A writer letting its group fill waits for a full line (or its time): waking it on every
    // arrival cost a context switch per call under load.
    if (LineFull()) filling_.notify_one();
    while (!self.done) {
      if (!self.taken && writing_ < options_.writers) {
        WriteNextGroup(lock, &self);
        continue;
      }
      if (!self.taken) {
        const bool expired = deadline && *deadline <= absl::Now();
        if (expired || (cancelled && cancelled())) {
          std::erase(line_, &self);
          if (line_.empty()) filling_.notify_one();  // a filling writer has nothing to wait for
          // Had it been woken to write, the next in line writes instead.
          if (writing_ < options_.writers && !line_.empty()) line_.front()->wake.notify_one();
          return Result(expired ? absl::DeadlineExceededError("the call's deadline passed")
                                : absl::CancelledError("the caller cancelled the call"));
        }
      }
      // Woken when its group is written or a writer is free for it; polled meanwhile, since a
      // caller's cancellation has no signal of its own here.
      absl::Time wake = absl::Now() + kPoll;
      if (deadline && !self.taken) wake = std::min(wake, *deadline);
      self.wake.wait_for(lock, absl::ToChronoNanoseconds(wake - absl::Now()));
    }
    return std::move(*self.result);
  }

 private:
  // How soon a cancelled call still in line is let go. Every poll is a context switch of a
  // waiting call: at 10 ms, calls waiting 40 ms in line under load woke four times for nothing.
  static constexpr absl::Duration kPoll = absl::Milliseconds(50);

  struct Waiter {
    Item item;
    std::optional<absl::Time> deadline;
    absl::Time arrived;
    bool taken = false;
    bool done = false;
    std::optional<Result> result;
    // Each waiter is woken alone: waking all on every group (notify_all) cost each call several
    // needless context switches under load.
    std::condition_variable wake;
  };

  // Whether the line holds a whole group: what a filling writer waits for. Under the lock.
  bool LineFull() const { return static_cast<int>(line_.size()) >= options_.max_items; }

  // Takes the line's first items as a group and writes it, the lock released meanwhile.
  void WriteNextGroup(std::unique_lock<std::mutex>& lock, const Waiter* self) {
    ++writing_;
    if (writing_ > 1 && !LineFull()) {
      // Another group is being written: let this one fill, briefly.
      const absl::Time until = line_.front()->arrived + options_.max_wait;
      while (!LineFull() && absl::Now() < until && !line_.empty()) {
        filling_.wait_for(lock, absl::ToChronoNanoseconds(until - absl::Now()));
      }
    }
    std::vector<Waiter*> group;
    while (!line_.empty() && static_cast<int>(group.size()) < options_.max_items) {
      group.push_back(line_.front());
      line_.pop_front();
    }
    std::vector<const Item*> items;
    std::optional<absl::Time> deadline;
    for (Waiter* w : group) {
      w->taken = true;
      items.push_back(&w->item);
      if (w->deadline) deadline = deadline ? std::min(*deadline, *w->deadline) : *w->deadline;
    }
    std::vector<Result> results;
    if (!group.empty()) {
      lock.unlock();
      results = write_(items, deadline);
      lock.lock();
    }
    for (size_t i = 0; i < group.size(); ++i) {
      group[i]->result.emplace(i < results.size() ? std::move(results[i])
                                                  : Result(absl::InternalError("not written")));
      group[i]->done = true;
      if (group[i] != self) group[i]->wake.notify_one();
    }
    --writing_;
    // A writer is free: the first in line writes the next group.
    if (!line_.empty()) line_.front()->wake.notify_one();
  }

  const WriteGroupOptions options_;
  const WriteGroup write_;
  std::mutex mutex_;
  std::condition_variable filling_;  // the line is full, or emptied
  std::deque<Waiter*> line_;
  int writing_ = 0;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_WRITE_GROUPS_H_
