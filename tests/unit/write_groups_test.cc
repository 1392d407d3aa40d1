// Group commit (services/common/write_groups.h) with a writer that records its groups: who is
// written together, that each caller gets its own result, and that a caller whose deadline
// passes or who cancels while waiting is not written.

#include "write_groups.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace rinnalla {
namespace {

using Result = absl::StatusOr<int>;

// A writer whose first group can be held until released, so that later callers line up.
class RecordingWriter {
 public:
  std::vector<Result> Write(const std::vector<const int*>& items) {
    std::unique_lock lock(mutex_);
    groups_.emplace_back();
    for (const int* item : items) groups_.back().push_back(*item);
    changed_.notify_all();
    changed_.wait(lock, [&] { return !hold_first_ || groups_.size() > 1 || released_; });
    std::vector<Result> results;
    for (const int* item : items) results.push_back(*item * 10);
    return results;
  }
  void WaitForGroups(size_t n) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return groups_.size() >= n; });
  }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  std::vector<std::vector<int>> groups() {
    std::lock_guard lock(mutex_);
    return groups_;
  }
  bool hold_first_ = true;

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::vector<int>> groups_;
  bool released_ = false;
};

WriteGroups<int, Result> GroupsOf(RecordingWriter& writer, int max_items) {
  return WriteGroups<int, Result>(
      {.max_items = max_items, .writers = 1, .max_wait = absl::ZeroDuration()},
      [&writer](const std::vector<const int*>& items, std::optional<absl::Time>) {
        return writer.Write(items);
      });
}

void StartCallers(WriteGroups<int, Result>& groups, std::vector<std::thread>& threads,
                  std::vector<Result>& results, int first, int n) {
  for (int i = first; i < first + n; ++i) {
    threads.emplace_back([&groups, &results, i] {
      results[i] = groups.Write(i, std::nullopt, [] { return false; });
    });
  }
}

// Polls until `n` calls wait in line (a generous bound).
bool WaitInLine(WriteGroups<int, Result>& groups, int n) {
  for (int i = 0; i < 10000; ++i) {
    if (groups.waiting() == n) return true;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return false;
}

TEST(WriteGroups, ALoneCallIsWrittenAtOnceAndAlone) {
  RecordingWriter writer;
  writer.hold_first_ = false;
  auto groups = GroupsOf(writer, 8);
  EXPECT_EQ(*groups.Write(7, std::nullopt, {}), 70);
  EXPECT_EQ(writer.groups(), (std::vector<std::vector<int>>{{7}}));
}

TEST(WriteGroups, CallsArrivingDuringAWriteJoinTheNextGroupsOfAtMostMaxItems) {
  RecordingWriter writer;
  auto groups = GroupsOf(writer, 4);
  std::vector<Result> results(11, absl::UnknownError("not answered"));
  std::vector<std::thread> threads;
  StartCallers(groups, threads, results, 0, 1);
  writer.WaitForGroups(1);  // the first call is being written, held
  StartCallers(groups, threads, results, 1, 10);
  ASSERT_TRUE(WaitInLine(groups, 10));  // behind the held group, nobody answered yet
  for (int i = 1; i <= 10; ++i) EXPECT_FALSE(results[i].ok());
  writer.Release();
  for (auto& t : threads) t.join();
  for (int i = 0; i < 11; ++i) EXPECT_EQ(*results[i], i * 10) << i;  // each caller its own
  std::vector<std::vector<int>> written = writer.groups();
  size_t items = 0;
  for (const auto& group : written) items += group.size();
  EXPECT_EQ(items, 11u);  // everyone written once
  // The held one alone, then the ten in line in groups of at most four, in their order.
  ASSERT_EQ(written.size(), 4u);
  EXPECT_EQ(written[0], std::vector<int>{0});
  EXPECT_EQ(written[1].size(), 4u);
  EXPECT_EQ(written[2].size(), 4u);
  EXPECT_EQ(written[3].size(), 2u);
}

TEST(WriteGroups, ACallerWhoseDeadlinePassesInLineIsNotWritten) {
  RecordingWriter writer;
  auto groups = GroupsOf(writer, 8);
  std::vector<Result> results(1, absl::UnknownError("not answered"));
  std::vector<std::thread> threads;
  StartCallers(groups, threads, results, 0, 1);
  writer.WaitForGroups(1);
  Result late = groups.Write(5, absl::Now() + absl::Milliseconds(30), [] { return false; });
  EXPECT_EQ(late.status().code(), absl::StatusCode::kDeadlineExceeded);
  std::atomic<bool> cancel{false};
  std::thread canceller([&] { cancel = true; });
  Result gone = groups.Write(6, std::nullopt, [&] { return cancel.load(); });
  canceller.join();
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kCancelled);
  writer.Release();
  for (auto& t : threads) t.join();
  EXPECT_EQ(*results[0], 0);
  // Neither the late nor the cancelled call reached the writer.
  EXPECT_EQ(writer.groups(), (std::vector<std::vector<int>>{{0}}));
}

TEST(WriteGroups, TheGroupsDeadlineIsTheEarliestOfItsCallers) {
  std::mutex mutex;
  std::vector<std::optional<absl::Time>> seen;
  std::atomic<bool> hold{true};
  WriteGroups<int, Result> groups(
      {.max_items = 8, .writers = 1, .max_wait = absl::ZeroDuration()},
      [&](const std::vector<const int*>& items, std::optional<absl::Time> deadline) {
        {
          std::lock_guard lock(mutex);
          seen.push_back(deadline);
        }
        while (hold && items.size() == 1 && *items[0] == 0) std::this_thread::yield();
        return std::vector<Result>(items.size(), 1);
      });
  const absl::Time soon = absl::Now() + absl::Seconds(30);
  const absl::Time later = soon + absl::Seconds(30);
  std::thread first([&] { EXPECT_TRUE(groups.Write(0, std::nullopt, {}).ok()); });
  while (true) {
    std::lock_guard lock(mutex);
    if (!seen.empty()) break;
  }
  std::thread a([&] { EXPECT_TRUE(groups.Write(1, later, {}).ok()); });
  std::thread b([&] { EXPECT_TRUE(groups.Write(2, soon, {}).ok()); });
  // Both wait in line while the first group is held; then the first finishes.
  for (int i = 0; i < 10000 && groups.waiting() != 2; ++i) absl::SleepFor(absl::Milliseconds(1));
  ASSERT_EQ(groups.waiting(), 2);
  hold = false;
  first.join();
  a.join();
  b.join();
  std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 2u);  // the first alone, then the two together
  EXPECT_EQ(seen[0], std::nullopt);
  EXPECT_EQ(seen[1], soon);
}

}  // namespace
}  // namespace rinnalla
