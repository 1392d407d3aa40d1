#include "rinnalla/metrics/metrics.h"

#include <prometheus/text_serializer.h>

namespace rinnalla::metrics {
namespace {

prometheus::Counter& NewCounter(const std::string& name, const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(*Registry()).Add({});
}

prometheus::Gauge& NewGauge(const std::string& name, const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(*Registry()).Add({});
}

prometheus::Histogram& NewHistogram(const std::string& name, const std::string& help,
                                    const prometheus::Histogram::BucketBoundaries& buckets) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(*Registry()).Add({}, buckets);
}

// Waiting for a connection is usually well under a millisecond; the pool's timeout is seconds.
const prometheus::Histogram::BucketBoundaries kWaitBuckets = {
    .0001, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};

}  // namespace

std::shared_ptr<prometheus::Registry> Registry() {
  static const auto* registry =
      new std::shared_ptr<prometheus::Registry>(std::make_shared<prometheus::Registry>());
  return *registry;
}

void RegisterAll() {
  Pool();
  Events();
  TransactionRetries();
  AccessLogWriteFailures();
  SuggestionPoolRefreshes();
  VisitsSynced();
  VisitsSyncRefused();
}

std::string RenderText() {
  RegisterAll();
  return prometheus::TextSerializer().Serialize(Registry()->Collect());
}

const prometheus::Histogram::BucketBoundaries& DefaultBuckets() {
  static const auto* buckets =
      new prometheus::Histogram::BucketBoundaries{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
  return *buckets;
}

const DatabasePool& Pool() {
  static const auto* pool = new DatabasePool{
      NewGauge("rinnalla_db_pool_connections", "Connections in the database pool."),
      NewGauge("rinnalla_db_pool_connections_in_use", "Database connections leased to a call."),
      NewGauge("rinnalla_db_pool_waiting", "Calls waiting for a free database connection."),
      NewHistogram("rinnalla_db_pool_wait_seconds",
                   "Time a call waited to get a database connection.", kWaitBuckets)};
  return *pool;
}

prometheus::Counter& TransactionRetries() {
  static auto& counter = NewCounter("rinnalla_db_transaction_retries_total",
                                    "Transactions run again after a serialization failure or a "
                                    "deadlock.");
  return counter;
}

prometheus::Counter& AccessLogWriteFailures() {
  static auto& counter = NewCounter("rinnalla_access_log_write_failures_total",
                                    "Access-log rows that could not be written (no data was "
                                    "served).");
  return counter;
}

const EventFeed& Events() {
  static const auto* events = new EventFeed{
      NewCounter("rinnalla_events_written_total", "Events written to the feed."),
      NewGauge("rinnalla_event_watchers", "WatchEvents streams open on this server."),
      NewHistogram("rinnalla_event_delivery_lag_seconds",
                   "Time from an event's commit to its delivery to a watcher.", DefaultBuckets())};
  return *events;
}

prometheus::Counter& SuggestionPoolRefreshes() {
  static auto& counter = NewCounter("rinnalla_suggestion_pool_refreshes_total",
                                    "Times the cached candidates for guide suggestions were read "
                                    "again from the database.");
  return counter;
}

prometheus::Counter& VisitsSynced() {
  static auto& counter =
      NewCounter("rinnalla_visits_synced_total", "Visits stored by SyncVisits (offline queues).");
  return counter;
}

prometheus::Counter& HttpRequests(const std::string& route, int status) {
  static auto& family = prometheus::BuildCounter()
                            .Name("http_server_requests_total")
                            .Help("HTTP requests answered, by route template and status code.")
                            .Register(*Registry());
  return family.Add({{"route", route}, {"code", std::to_string(status)}});
}

prometheus::Counter& VisitsSyncRefused() {
  static auto& counter = NewCounter("rinnalla_visits_sync_refused_total",
                                    "Visits of SyncVisits refused (their result is an error).");
  return counter;
}

}  // namespace rinnalla::metrics
