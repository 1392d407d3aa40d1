#ifndef RINNALLA_SERVICES_INTEGRATION_EVENT_WATCH_H_
#define RINNALLA_SERVICES_INTEGRATION_EVENT_WATCH_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/sync_stream.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "policy.h"
#include "rinnalla/storage/event_feed.h"
#include "rinnalla/v1/integration.pb.h"
#include "rpc.h"

namespace rinnalla::integration {

// How a watch paces its reads of the feed.
struct WatchPacing {
  // Events read (and sent) per transaction while catching up.
  int page_size = 500;
  // Reads are at least this far apart while events trickle in, so a busy organization costs a
  // read per interval, not one per commit.
  absl::Duration min_read_interval = absl::Milliseconds(10);
  // How soon to look again while committed events wait for older transactions to end.
  absl::Duration held_back_recheck = absl::Milliseconds(10);
  // How long an idle watch waits for a notification before reading anyway.
  absl::Duration idle_recheck = absl::Seconds(2);
};

// WatchEvents: sends the organization's feed from a cursor on, then follows it live, until the
// caller leaves, the token expires or the server stops. Between reads it holds no database
// connection: it waits on the server's EventSignal.
class EventWatch {
 public:
  EventWatch(storage::EventFeed& feed, const storage::EventSignal& signal,
             const AccessPolicy& policy, WatchPacing pacing = {})
      : feed_(feed), signal_(signal), policy_(policy), pacing_(pacing) {}

  // Returns when the stream ends: OK when the caller went away; FAILED_PRECONDITION
  // CURSOR_EXPIRED; UNAUTHENTICATED TOKEN_EXPIRED; UNAVAILABLE SERVER_STOPPING (reconnect with
  // the last cursor); the feed's errors.
  absl::Status Watch(const Call& call, const v1::WatchEventsRequest& request,
                     grpc::ServerContext& context,
                     grpc::ServerReaderWriterInterface<v1::Event, v1::WatchEventsRequest>& writer,
                     StreamTally& tally) const;

 private:
  storage::EventFeed& feed_;
  const storage::EventSignal& signal_;
  const AccessPolicy& policy_;
  WatchPacing pacing_;
};

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_EVENT_WATCH_H_
