#ifndef RINNALLA_STORAGE_EVENT_FEED_H_
#define RINNALLA_STORAGE_EVENT_FEED_H_

// The event feed that record systems follow: every change of an organization, from the `events`
// outbox that each change writes in its own transaction.
//
// Order and completeness. Sequence numbers are taken when rows are inserted, not when their
// transactions commit, so a low number can become visible after a higher one was read; a reader
// that follows `seq` alone would skip it. The feed therefore orders events by (transaction id,
// seq) and hands out only events of transactions below the oldest one still running
// (pg_snapshot_xmin): those transactions have all ended, so no event can ever appear before a
// position already read. Events of one transaction come together, in the order written.

#include <compare>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"

namespace rinnalla::storage {

// A place in the feed: after the event (xid, seq).
struct FeedPosition {
  uint64_t xid = 0;
  int64_t seq = 0;
  auto operator<=>(const FeedPosition&) const = default;
};

struct FeedEvent {
  FeedPosition position;
  std::string kind;      // e.g. "client.updated"
  std::string resource;  // a resource name
  std::vector<std::string> changed_fields;
  absl::Time time;  // when the change was written
};

struct FeedPage {
  std::vector<FeedEvent> events;
  // The page is full: more events may follow at once.
  bool full = false;
  // Committed events exist that are held back until older transactions end: read again soon,
  // as their end need not announce itself.
  bool held_back = false;
};

// Reads and prunes the feed; each call leases a pooled connection for one short transaction.
// Thread-safe.
class EventFeed {
 public:
  virtual ~EventFeed() = default;
  // Up to `limit` events of `org_id` after `after` (without one: from the oldest kept). Errors:
  // FAILED_PRECONDITION (reason CURSOR_EXPIRED) when events after `after` were pruned;
  // UNAVAILABLE when the database is unreachable.
  virtual absl::StatusOr<FeedPage> Read(const CallScope& scope, const std::string& org_id,
                                        const std::optional<FeedPosition>& after, int limit) = 0;
  // Deletes events written more than `retention` ago, moving each organization's horizon past
  // them. Returns how many were deleted.
  virtual absl::StatusOr<int64_t> Prune(const CallScope& scope, absl::Duration retention) = 0;
};

std::unique_ptr<EventFeed> MakePgEventFeed(Database& db);

// Tells feed readers that events of an organization may have committed: one dedicated
// connection LISTENs for the notifications that inserting events sends (migration V0007), for
// every reader of the server, so waiting readers hold no pooled connection. It reconnects by
// itself; after a reconnect every organization counts as changed, since notifications may have
// been missed. Thread-safe.
class EventSignal {
 public:
  // Starts listening in a thread of its own; a database that cannot be reached yet is retried.
  explicit EventSignal(std::string connection_string);
  ~EventSignal();
  EventSignal(const EventSignal&) = delete;
  EventSignal& operator=(const EventSignal&) = delete;

  // A value that changes whenever events of `org_id` may have committed.
  uint64_t Version(const std::string& org_id) const;
  // Waits until Version(org_id) differs from `seen`, `timeout` passes or Stop() is called.
  void WaitForChange(const std::string& org_id, uint64_t seen, absl::Duration timeout) const;
  // Stops listening and wakes every waiter; later waits return at once.
  void Stop();
  bool stopped() const;

 private:
  void Listen();
  void Bump(const std::string& org_id);
  void BumpAll();
  uint64_t VersionLocked(const std::string& org_id) const;

  const std::string connection_string_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  uint64_t tick_ = 0;
  uint64_t all_changed_at_ = 0;
  std::map<std::string, uint64_t> changed_at_;
  bool stopping_ = false;
  std::thread listener_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_EVENT_FEED_H_
