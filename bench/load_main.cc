// rinnalla-load: calls one RPC from many concurrent callers for a while and reports throughput
// and latency. Used by bench/*.sh, which put the figure next to pgbench's for the same SQL.

#include <grpcpp/create_channel.h>

#include <algorithm>
#include <fstream>
#include <atomic>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "flags.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rinnalla/v1/matching.grpc.pb.h"
#include "rinnalla/v1/notes.grpc.pb.h"

namespace {

struct Options {
  std::string server = "127.0.0.1:50051";
  std::string org = "bench";
  std::string method = "CreateGuide";
  std::string token;  // a coordinator's token of `org`
  std::string referral;  // SuggestGuides: the referral
  std::string plan;      // AssignGuide: a file of "referral guide" lines, each assigned once
  std::string client;    // GetClientTimeline: the client
  int clients_per_call = 10000;  // ImportClients: new clients streamed per call
  int callers = 16;
  absl::Duration duration = absl::Seconds(10);
};

// AssignGuide's plan: pairs handed out once each, to whichever caller asks next.
class Plan {
 public:
  explicit Plan(const std::string& path) {
    std::ifstream in(path);
    std::string referral, guide;
    while (in >> referral >> guide) pairs_.push_back({referral, guide});
  }
  bool Next(std::pair<std::string, std::string>* pair) {
    size_t i = next_.fetch_add(1);
    if (i >= pairs_.size()) return false;
    *pair = pairs_[i];
    return true;
  }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::atomic<size_t> next_{0};
};

// A client of the load: a new one for every (caller, n, i), unique across runs.
rinnalla::v1::Client LoadClient(int caller, int n, int i) {
  static const std::string run = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  rinnalla::v1::Client c;
  c.set_display_name(absl::StrCat("Client ", caller, "-", n, "-", i));
  rinnalla::v1::ExternalRef* ref = c.add_external_refs();
  ref->set_system("load");
  ref->set_id(absl::StrCat(run, "-", caller, "-", n, "-", i));
  c.set_birth_year(1970 + i % 40);
  c.set_municipality("398");
  c.add_languages("fi");
  return c;
}

// ImportClients: one stream of --clients-per-call new clients; all must be CREATED.
bool ImportOnce(const std::shared_ptr<grpc::Channel>& channel, const Options& options,
                grpc::ClientContext& context, int caller, int n) {
  rinnalla::v1::ImportClientsResponse response;
  auto writer = rinnalla::v1::Integration::NewStub(channel)->ImportClients(&context, &response);
  rinnalla::v1::ImportClientRequest request;
  request.set_parent("organizations/" + options.org);
  for (int i = 0; i < options.clients_per_call; ++i) {
    *request.mutable_client() = LoadClient(caller, n, i);
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  return writer->Finish().ok() && response.created_count() == options.clients_per_call;
}

// One call of the chosen method; returns whether it succeeded.
bool CallOnce(const std::shared_ptr<grpc::Channel>& channel, const Options& options, int caller,
              int n, const std::string& guide_name, Plan* plan, bool* exhausted) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + options.token);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  if (options.method == "ImportClients") return ImportOnce(channel, options, context, caller, n);
  if (options.method == "CreateClient") {
    rinnalla::v1::CreateClientRequest request;
    request.set_parent("organizations/" + options.org);
    *request.mutable_client() = LoadClient(caller, n, 0);
    rinnalla::v1::Client client;
    return rinnalla::v1::Directory::NewStub(channel)->CreateClient(&context, request, &client).ok();
  }
  if (options.method == "SuggestGuides") {
    rinnalla::v1::SuggestGuidesRequest request;
    request.set_referral(options.referral);
    rinnalla::v1::SuggestGuidesResponse response;
    return rinnalla::v1::Matching::NewStub(channel)->SuggestGuides(&context, request, &response).ok();
  }
  if (options.method == "GetClientTimeline") {
    rinnalla::v1::GetClientTimelineRequest request;
    request.set_client(options.client);
    rinnalla::v1::GetClientTimelineResponse response;
    return rinnalla::v1::Notes::NewStub(channel)
        ->GetClientTimeline(&context, request, &response)
        .ok();
  }
  if (options.method == "AssignGuide") {
    std::pair<std::string, std::string> pair;
    if (!plan->Next(&pair)) {
      *exhausted = true;
      return true;
    }
    rinnalla::v1::AssignGuideRequest request;
    request.set_referral(pair.first);
    request.set_guide(pair.second);
    rinnalla::v1::Assignment response;
    return rinnalla::v1::Matching::NewStub(channel)->AssignGuide(&context, request, &response).ok();
  }
  auto stub = rinnalla::v1::Directory::NewStub(channel);
  rinnalla::v1::Guide guide;
  if (options.method == "GetGuide") {
    rinnalla::v1::GetGuideRequest request;
    request.set_name(guide_name);
    return stub->GetGuide(&context, request, &guide).ok();
  }
  rinnalla::v1::CreateGuideRequest request;
  request.set_parent("organizations/" + options.org);
  rinnalla::v1::Guide* g = request.mutable_guide();
  g->set_display_name(absl::StrCat("Guide ", caller, "-", n));
  g->add_experience_areas(rinnalla::v1::MENTAL_HEALTH);
  g->add_languages("fi");
  g->add_municipalities("398");
  g->set_max_active_clients(5);
  g->set_state(rinnalla::v1::Guide::ACTIVE);
  return stub->CreateGuide(&context, request, &guide).ok();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  rinnalla::Flags flags("rinnalla-load", "drives one Directory RPC from concurrent callers.");
  flags.AddString("server", &options.server, "Server address.");
  flags.AddString("org", &options.org, "The organization the guides belong to.");
  flags.AddString("token", &options.token, "A coordinator's token for --org.");
  flags.AddString("method", &options.method,
                  "CreateGuide, GetGuide, CreateClient, SuggestGuides (--referral), AssignGuide "
                  "(--plan), GetClientTimeline (--client) or ImportClients (--clients-per-call; "
                  "a token of the integration role).");
  flags.AddString("referral", &options.referral, "SuggestGuides: the referral's name.");
  flags.AddString("plan", &options.plan, "AssignGuide: file of \"referral guide\" lines.");
  flags.AddString("client", &options.client, "GetClientTimeline: the client's name.");
  flags.AddInt("clients-per-call", &options.clients_per_call,
               "ImportClients: new clients streamed per call.");
  flags.AddInt("callers", &options.callers, "Concurrent callers.");
  flags.AddDuration("duration", &options.duration, "How long to run.");
  int exit_code = 0;
  if (!flags.ParseCommandLine(argc, argv, &exit_code)) return exit_code;
  auto channel = grpc::CreateChannel(options.server, grpc::InsecureChannelCredentials());
  auto stub = rinnalla::v1::Directory::NewStub(channel);

  std::string guide_name;
  if (options.method == "GetGuide") {  // a guide to read
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + options.token);
    rinnalla::v1::CreateGuideRequest request;
    request.set_parent("organizations/" + options.org);
    request.mutable_guide()->set_display_name("Read Me");
    request.mutable_guide()->add_languages("fi");
    request.mutable_guide()->set_max_active_clients(3);
    rinnalla::v1::Guide guide;
    if (!stub->CreateGuide(&context, request, &guide).ok()) {
      std::cerr << "rinnalla-load: cannot create the guide to read\n";
      return 1;
    }
    guide_name = guide.name();
  }

  Plan plan(options.plan);
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(options.callers);
  std::vector<int> failures(options.callers, 0);
  std::vector<std::thread> callers;
  const absl::Time start = absl::Now();
  for (int c = 0; c < options.callers; ++c) {
    callers.emplace_back([&, c] {
      bool exhausted = false;
      for (int n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        absl::Time t0 = absl::Now();
        bool ok = CallOnce(channel, options, c, n, guide_name, &plan, &exhausted);
        if (exhausted) break;
        latencies[c].push_back(absl::ToDoubleMilliseconds(absl::Now() - t0));
        failures[c] += !ok;
      }
    });
  }
  // Stop at the duration, or earlier when every caller ran out of work.
  std::thread timer([&] {
    for (absl::Time end = absl::Now() + options.duration; absl::Now() < end && !stop;) {
      absl::SleepFor(absl::Milliseconds(20));
    }
    stop = true;
  });
  for (auto& t : callers) t.join();
  stop = true;
  timer.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);

  std::vector<double> all;
  int failed = 0;
  for (int c = 0; c < options.callers; ++c) {
    all.insert(all.end(), latencies[c].begin(), latencies[c].end());
    failed += failures[c];
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))]; };
  std::cout << absl::StrFormat(
      "method=%s callers=%d calls=%d failed=%d seconds=%.1f calls_per_second=%.1f "
      "p50_ms=%.2f p99_ms=%.2f",
      options.method, options.callers, all.size(), failed, seconds, all.size() / seconds,
      pct(0.50), pct(0.99));
  if (options.method == "ImportClients") {
    std::cout << absl::StrFormat(" clients_per_second=%.0f",
                                 all.size() * options.clients_per_call / seconds);
  }
  std::cout << "\n";
  return failed == 0 ? 0 : 1;
}
