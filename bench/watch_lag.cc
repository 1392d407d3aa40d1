// rinnalla-watch-lag: follows WatchEvents for a while and reports how long each event took from
// being written to being delivered (the event's `time` to its arrival here; both clocks are this
// machine's). Events written before the start are read but not counted. Used by
// bench/watch_lag.sh while rinnalla-load writes at full rate.

#include <grpcpp/create_channel.h>

#include <algorithm>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "flags.h"
#include "proto_time.h"
#include "rinnalla/v1/integration.grpc.pb.h"

int main(int argc, char** argv) {
  std::string server = "127.0.0.1:50051", org = "bench", token;
  absl::Duration duration = absl::Seconds(10);
  rinnalla::Flags flags("rinnalla-watch-lag", "measures WatchEvents' delivery lag.");
  flags.AddString("server", &server, "Server address.");
  flags.AddString("org", &org, "The organization to watch.");
  flags.AddString("token", &token, "A token of the integration role for --org.");
  flags.AddDuration("duration", &duration, "How long to watch.");
  int exit_code = 0;
  if (!flags.ParseCommandLine(argc, argv, &exit_code)) return exit_code;

  auto stub = rinnalla::v1::Integration::NewStub(
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token);
  rinnalla::v1::WatchEventsRequest request;
  request.set_parent("organizations/" + org);
  const absl::Time start = absl::Now();
  auto reader = stub->WatchEvents(&context, request);
  std::thread stop([&] {
    absl::SleepFor(duration);
    context.TryCancel();
  });
  std::vector<double> lags;
  rinnalla::v1::Event event;
  while (reader->Read(&event)) {
    absl::Time written = rinnalla::FromTimestamp(event.time());
    if (written < start) continue;
    lags.push_back(absl::ToDoubleMilliseconds(absl::Now() - written));
  }
  stop.join();
  grpc::Status status = reader->Finish();
  if (status.error_code() != grpc::StatusCode::CANCELLED) {
    std::cerr << "rinnalla-watch-lag: the stream ended: " << status.error_message() << "\n";
    return 1;
  }
  std::sort(lags.begin(), lags.end());
  auto pct = [&](double p) {
    return lags.empty() ? 0.0 : lags[static_cast<size_t>(p * (lags.size() - 1))];
  };
  std::cout << absl::StrFormat(
      "events=%d events_per_second=%.0f lag_p50_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f\n",
      lags.size(), lags.size() / absl::ToDoubleSeconds(duration), pct(0.5), pct(0.99),
      lags.empty() ? 0.0 : lags.back());
  return 0;
}
