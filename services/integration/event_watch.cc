#include "event_watch.h"

#include <string>
#include <vector>

#include "feed_cursor.h"
#include "proto_time.h"
#include "requests.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::integration {
namespace {

v1::Event ToProto(const storage::FeedEvent& e) {
  v1::Event event;
  event.set_cursor(EncodeCursor(e.position));
  event.set_kind(e.kind);
  event.set_resource(e.resource);
  event.mutable_changed_fields()->Add(e.changed_fields.begin(), e.changed_fields.end());
  SetTimestamp(e.time, event.mutable_time());
  return event;
}

}  // namespace

absl::Status EventWatch::Watch(
    const Call& call, const v1::WatchEventsRequest& request, grpc::ServerContext& context,
    grpc::ServerReaderWriterInterface<v1::Event, v1::WatchEventsRequest>& writer,
    StreamTally& tally) const {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(policy_.Authorize(call, Action::kWatchEvents, org_id));
  ASSIGN_OR_RETURN(std::optional<storage::FeedPosition> position,
                   DecodeCursor(request.after_cursor()));
  FieldViolations v;
  CheckEventKinds(request.kinds(), v);
  RETURN_IF_ERROR(v.ToStatus());
  const std::vector<std::string> kinds(request.kinds().begin(), request.kinds().end());
  const metrics::EventFeed& counted = metrics::Events();
  counted.watchers.Increment();
  struct Leaving {
    const metrics::EventFeed& counted;
    ~Leaving() { counted.watchers.Decrement(); }
  } leaving{counted};

  for (;;) {
    if (context.IsCancelled()) return absl::OkStatus();
    if (signal_.stopped()) {
      return WithReason(absl::UnavailableError("the server is stopping; reconnect with the cursor "
                                               "of the last event received"),
                        "SERVER_STOPPING");
    }
    if (absl::Now() >= call.principal.expires) {
      return WithReason(absl::UnauthenticatedError("the token expired; reconnect with a new "
                                                   "token and the cursor of the last event"),
                        "TOKEN_EXPIRED");
    }
    // Taken before the read: a commit after this point wakes the wait below.
    const uint64_t seen = signal_.Version(org_id);
    const absl::Time read_at = absl::Now();
    ASSIGN_OR_RETURN(storage::FeedPage page,
                     feed_.Read(call.scope, org_id, position, pacing_.page_size));
    for (const storage::FeedEvent& event : page.events) {
      position = event.position;
      if (!KindSelected(kinds, event.kind)) continue;
      if (!writer.Write(ToProto(event))) return absl::OkStatus();  // the caller went away
      counted.delivery_lag_seconds.Observe(metrics::Seconds(absl::Now() - event.time));
      ++tally.messages;
    }
    if (page.full) continue;
    signal_.WaitForChange(org_id, seen,
                          page.held_back ? pacing_.held_back_recheck : pacing_.idle_recheck);
    if (absl::Duration early = read_at + pacing_.min_read_interval - absl::Now();
        early > absl::ZeroDuration()) {
      absl::SleepFor(early);
    }
  }
}

}  // namespace rinnalla::integration
