// rinnalla-failover-load: LogVisit from many callers, each visit with a fresh visit_id, while the
// database fails over underneath; and one WatchEvents watcher that reconnects from its last
// cursor whenever its stream breaks. A call that fails is sent again, the same request (visit_id
// and request_id), as a phone does, until it is acknowledged. Writes what happened for
// deploy/ha/failover.sh to check against the database:
//   --acks FILE    one line per acknowledged visit: "<unix ms of the answer> <unix ms the
//                  answered attempt was sent> <visit name>"
//   --events FILE  one line per event the watcher received: "<cursor> <kind> <resource>"
// After --duration the callers finish their last visits, and the watcher follows the feed until
// it has been quiet for --settle. It stops logging new visits after --duration or once the file
// --until exists.

#include <grpcpp/create_channel.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "flags.h"
#include "proto_time.h"
#include "resource_names.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace {

struct Options {
  std::string server = "127.0.0.1:50051";
  std::string plan;         // "guide-token client assignment" lines, one per caller
  std::string watch_token;  // an integration token of --org
  std::string org = "bench";
  std::string acks;
  std::string events;
  int callers = 16;
  absl::Duration duration = absl::Seconds(600);
  std::string until;  // stop logging new visits once this file exists
  absl::Duration settle = absl::Seconds(5);
};

std::vector<std::vector<std::string>> ReadPlan(const std::string& path) {
  std::vector<std::vector<std::string>> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (fields.size() == 3) lines.push_back(std::move(fields));
  }
  return lines;
}

rinnalla::v1::LogVisitRequest NewVisit(const std::vector<std::string>& guidance) {
  rinnalla::v1::LogVisitRequest request;
  request.set_parent(guidance[1]);
  request.set_visit_id(rinnalla::NewUuid());
  request.set_request_id(rinnalla::NewUuid());
  rinnalla::v1::Visit* visit = request.mutable_visit();
  visit->set_assignment(guidance[2]);
  rinnalla::SetTimestamp(absl::Now() - absl::Hours(1), visit->mutable_start_time());
  visit->set_duration_minutes(45);
  visit->set_mode(rinnalla::v1::Visit::IN_PERSON);
  visit->add_places(rinnalla::v1::PUBLIC_PLACE);
  visit->set_summary("Kävimme kirjastossa.");
  return request;
}

int64_t NowMs() { return absl::ToUnixMillis(absl::Now()); }

}  // namespace

int main(int argc, char** argv) {
  Options o;
  rinnalla::Flags flags("rinnalla-failover-load",
                        "logs visits and follows the event feed while the database fails over.");
  flags.AddString("server", &o.server, "Server address.");
  flags.AddString("plan", &o.plan, "File of \"guide-token client assignment\" lines.");
  flags.AddString("watch-token", &o.watch_token, "An integration token for --org (the watcher).");
  flags.AddString("org", &o.org, "The organization.");
  flags.AddString("acks", &o.acks, "Where to write the acknowledged visits.");
  flags.AddString("events", &o.events, "Where to write the events received.");
  flags.AddInt("callers", &o.callers, "Concurrent callers.");
  flags.AddDuration("duration", &o.duration, "How long to log new visits, at most.");
  flags.AddString("until", &o.until, "Stop logging new visits once this file exists.");
  flags.AddDuration("settle", &o.settle, "How long the feed must be quiet before the end.");
  int exit_code = 0;
  if (!flags.ParseCommandLine(argc, argv, &exit_code)) return exit_code;
  const auto plan = ReadPlan(o.plan);
  if (plan.empty() || o.acks.empty() || o.events.empty() || o.watch_token.empty()) {
    std::cerr << "rinnalla-failover-load: --plan, --watch-token, --acks and --events are needed\n";
    return 2;
  }
  auto channel = grpc::CreateChannel(o.server, grpc::InsecureChannelCredentials());
  std::ofstream acks(o.acks), events(o.events);
  std::mutex acks_mutex;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> acknowledged{0}, retries{0};

  std::vector<std::thread> callers;
  for (int c = 0; c < o.callers; ++c) {
    callers.emplace_back([&, c] {
      const auto& guidance = plan[c % plan.size()];
      auto stub = rinnalla::v1::Visits::NewStub(channel);
      while (!stop) {
        const rinnalla::v1::LogVisitRequest request = NewVisit(guidance);
        // Sent until acknowledged: never given up, so every visit made is accounted for.
        for (;;) {
          grpc::ClientContext context;
          context.AddMetadata("authorization", "Bearer " + guidance[0]);
          context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
          const int64_t sent = NowMs();
          rinnalla::v1::Visit visit;
          grpc::Status status = stub->LogVisit(&context, request, &visit);
          if (status.ok()) {
            std::lock_guard lock(acks_mutex);
            acks << NowMs() << " " << sent << " " << visit.name() << "\n";
            ++acknowledged;
            break;
          }
          ++retries;
          absl::SleepFor(absl::Milliseconds(50));
        }
      }
    });
  }

  std::atomic<int64_t> received{0}, reconnects{0};
  std::atomic<int64_t> last_event_ms{NowMs()};
  std::atomic<bool> load_done{false};
  std::thread watcher([&] {
    auto stub = rinnalla::v1::Integration::NewStub(channel);
    std::string cursor;
    for (bool first = true;; first = false) {
      if (!first) ++reconnects;
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + o.watch_token);
      rinnalla::v1::WatchEventsRequest request;
      request.set_parent("organizations/" + o.org);
      request.set_after_cursor(cursor);
      auto stream = stub->WatchEvents(&context, request);
      rinnalla::v1::Event event;
      std::atomic<bool> reading{true};
      // Ends the stream once the load is over and the feed has been quiet for --settle.
      std::thread closer([&] {
        while (reading) {
          if (load_done && NowMs() - last_event_ms > absl::ToInt64Milliseconds(o.settle)) {
            context.TryCancel();
            return;
          }
          absl::SleepFor(absl::Milliseconds(50));
        }
      });
      while (stream->Read(&event)) {
        events << event.cursor() << " " << event.kind() << " " << event.resource() << "\n";
        cursor = event.cursor();
        ++received;
        last_event_ms = NowMs();
      }
      grpc::Status status = stream->Finish();
      reading = false;
      closer.join();
      if (load_done && NowMs() - last_event_ms > absl::ToInt64Milliseconds(o.settle)) break;
      if (!status.ok() && status.error_code() != grpc::StatusCode::UNAVAILABLE &&
          status.error_code() != grpc::StatusCode::CANCELLED) {
        std::cerr << "watch ended: " << status.error_code() << " " << status.error_message()
                  << "\n";
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  });

  for (absl::Time end = absl::Now() + o.duration; absl::Now() < end;) {
    if (!o.until.empty() && std::ifstream(o.until).good()) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  stop = true;
  for (auto& t : callers) t.join();
  last_event_ms = NowMs();
  load_done = true;
  watcher.join();
  acks.flush();
  events.flush();
  std::cout << absl::StrFormat(
      "acknowledged=%d retried_calls=%d events_received=%d reconnects=%d\n", acknowledged.load(),
      retries.load(), received.load(), reconnects.load());
  return 0;
}
