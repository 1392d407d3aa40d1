#ifndef RINNALLA_METRICS_METRICS_H_
#define RINNALLA_METRICS_METRICS_H_

// The process's metrics, in one Prometheus registry. Every series is made here, once, with fixed
// label values (never personal data, never ids), so what an operator sees is listed in one place
// (docs/operations.md explains each). Thread-safe: counting is lock-free for counters and gauges.

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace rinnalla::metrics {

// The registry every metric of this process lives in (gRPC server metrics add theirs to it).
std::shared_ptr<prometheus::Registry> Registry();

// Makes every series of this file, so each is scraped (at zero) before it is first counted.
// The server calls it at start; RenderText calls it too.
void RegisterAll();

// Every metric in the Prometheus text exposition format, for GET /metrics on any listener.
std::string RenderText();
inline constexpr char kTextContentType[] = "text/plain; version=0.0.4; charset=utf-8";

// prometheus.DefBuckets, as go-grpc-prometheus uses for grpc_server_handling_seconds.
const prometheus::Histogram::BucketBoundaries& DefaultBuckets();

// The database connection pool.
struct DatabasePool {
  prometheus::Gauge& connections;       // the pool's size
  prometheus::Gauge& in_use;            // connections leased to a call now
  prometheus::Gauge& waiting;           // calls waiting for a free connection now
  prometheus::Histogram& wait_seconds;  // how long getting a connection took
};
const DatabasePool& Pool();

// Transactions run again after a serialization failure or a deadlock.
prometheus::Counter& TransactionRetries();
// Access-log rows that could not be written (the call then served no data).
prometheus::Counter& AccessLogWriteFailures();

// The event feed: events written (in the transactions of the changes), watchers following it on
// this server, and how long after an event was committed it reached a watcher.
struct EventFeed {
  prometheus::Counter& events_written;
  prometheus::Gauge& watchers;
  prometheus::Histogram& delivery_lag_seconds;
};
const EventFeed& Events();

// Guide suggestions: the cached pool of candidates read again from the database.
prometheus::Counter& SuggestionPoolRefreshes();
// Visits stored by SyncVisits (a phone's offline queue), and those refused.
prometheus::Counter& VisitsSynced();
prometheus::Counter& VisitsSyncRefused();

// Requests the HTTP listener answered, by route template ("GET /v1/{parent=organizations/*}/
// guides", never a path with ids) and HTTP status: http_server_requests_total{route,code}.
prometheus::Counter& HttpRequests(const std::string& route, int status);

// Seconds as Prometheus counts them.
inline double Seconds(absl::Duration d) { return absl::ToDoubleSeconds(d); }

}  // namespace rinnalla::metrics

#endif  // RINNALLA_METRICS_METRICS_H_
