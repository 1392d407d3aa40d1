// rinnalla-load: calls one RPC from many concurrent callers for a while and reports throughput
// and latency. Used by bench/*.sh, which put the figure next to pgbench's for the same SQL.

#include <google/protobuf/util/json_util.h>
#include <grpcpp/create_channel.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "flags.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "proto_time.h"
#include "resource_names.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "rinnalla/v1/matching.grpc.pb.h"
#include "rinnalla/v1/notes.grpc.pb.h"
#include "rinnalla/v1/visits.grpc.pb.h"

namespace {

struct Options {
  std::string server = "127.0.0.1:50051";
  std::string org = "bench";
  std::string method = "CreateGuide";
  std::string token;     // a coordinator's token of `org`
  std::string referral;  // SuggestGuides: the referral
  std::string plan;      // AssignGuide: a file of "referral guide" lines, each assigned once;
                         // LogVisit, SyncVisits: "guide-token client assignment", one per caller
  std::string client;    // GetClientTimeline, GetClient: the client
  int clients_per_call = 10000;  // ImportClients: new clients streamed per call
  int visits_per_stream = 50;    // SyncVisits
  std::string latency_log;       // if set, every call's latency (ms), one per line
  std::string http;              // if set (HOST:PORT), GetGuide and LogVisit go through REST
  int callers = 16;
  absl::Duration duration = absl::Seconds(10);
};

// A plan file: lines of whitespace-separated fields. AssignGuide's "referral guide" pairs are
// handed out once each, to whichever caller asks next; the visit methods' lines are guidances
// ("guide-token client assignment"), caller i logging as line i (mod the lines).
class Plan {
 public:
  explicit Plan(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
      if (!fields.empty()) lines_.push_back(std::move(fields));
    }
  }
  bool Next(std::vector<std::string>* line) {
    size_t i = next_.fetch_add(1);
    if (i >= lines_.size()) return false;
    *line = lines_[i];
    return true;
  }
  const std::vector<std::string>& Line(int i) const { return lines_[i % lines_.size()]; }
  bool empty() const { return lines_.empty(); }

 private:
  std::vector<std::vector<std::string>> lines_;
  std::atomic<size_t> next_{0};
};

// A new visit of a guidance ("guide-token client assignment"), named by its own visit_id and
// request id, as a phone sends it.
rinnalla::v1::LogVisitRequest NewVisit(const std::vector<std::string>& guidance) {
  rinnalla::v1::LogVisitRequest request;
  request.set_parent(guidance[1]);
  request.set_visit_id(rinnalla::NewUuid());
  request.set_request_id(rinnalla::NewUuid());
  rinnalla::v1::Visit* visit = request.mutable_visit();
  visit->set_assignment(guidance[2]);
  rinnalla::SetTimestamp(absl::Now() - absl::Hours(1), visit->mutable_start_time());
  visit->set_duration_minutes(60);
  visit->set_mode(rinnalla::v1::Visit::IN_PERSON);
  visit->add_places(rinnalla::v1::PUBLIC_PLACE);
  visit->set_summary("Kahvilla kirjastossa; puhuttiin asuntohakemuksesta ja Kelan tuesta.");
  return request;
}

// One stream of `options.visits_per_stream` new visits; whether every one was stored.
bool SyncOnce(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context,
              const Options& options, const std::vector<std::string>& guidance) {
  rinnalla::v1::SyncVisitsResponse response;
  auto stream = rinnalla::v1::Visits::NewStub(channel)->SyncVisits(&context, &response);
  for (int i = 0; i < options.visits_per_stream; ++i) stream->Write(NewVisit(guidance));
  stream->WritesDone();
  if (!stream->Finish().ok() || response.results_size() != options.visits_per_stream) return false;
  for (const auto& result : response.results()) {
    if (!result.has_visit()) return false;
  }
  return true;
}

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
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  if (options.method == "LogVisit" || options.method == "SyncVisits") {
    // Each caller is a guide: the token is the guidance's.
    const std::vector<std::string>& guidance = plan->Line(caller);
    context.AddMetadata("authorization", "Bearer " + guidance[0]);
    if (options.method == "SyncVisits") return SyncOnce(channel, context, options, guidance);
    rinnalla::v1::Visit response;
    return rinnalla::v1::Visits::NewStub(channel)
        ->LogVisit(&context, NewVisit(guidance), &response)
        .ok();
  }
  if (options.method == "Health") {
    // The floor of any call here: one gRPC round trip that reads nothing from the database.
    grpc::health::v1::HealthCheckResponse response;
    return grpc::health::v1::Health::NewStub(channel)
               ->Check(&context, grpc::health::v1::HealthCheckRequest(), &response)
               .ok() &&
           response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
  }
  context.AddMetadata("authorization", "Bearer " + options.token);
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
    return rinnalla::v1::Matching::NewStub(channel)
        ->SuggestGuides(&context, request, &response)
        .ok();
  }
  if (options.method == "GetClientTimeline") {
    rinnalla::v1::GetClientTimelineRequest request;
    request.set_client(options.client);
    rinnalla::v1::GetClientTimelineResponse response;
    return rinnalla::v1::Notes::NewStub(channel)
        ->GetClientTimeline(&context, request, &response)
        .ok();
  }
  if (options.method == "GetClient") {
    rinnalla::v1::GetClientRequest request;
    request.set_name(options.client);
    rinnalla::v1::Client client;
    return rinnalla::v1::Directory::NewStub(channel)->GetClient(&context, request, &client).ok();
  }
  if (options.method == "AssignGuide") {
    std::vector<std::string> pair;
    if (!plan->Next(&pair)) {
      *exhausted = true;
      return true;
    }
    rinnalla::v1::AssignGuideRequest request;
    request.set_referral(pair[0]);
    request.set_guide(pair[1]);
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

// GetGuide or LogVisit through REST (the server's HTTP listener), as a record system or the web
// app calls them: the same requests as CallOnce's, as JSON on a kept-alive connection.
bool RestCallOnce(httplib::Client& http, const Options& options, int caller,
                  const std::string& guide_name, Plan* plan) {
  if (options.method == "GetGuide") {
    auto response = http.Get("/v1/" + guide_name, {{"Authorization", "Bearer " + options.token}});
    return response && response->status == 200;
  }
  const std::vector<std::string>& guidance = plan->Line(caller);
  rinnalla::v1::LogVisitRequest request = NewVisit(guidance);
  std::string body;
  if (!google::protobuf::util::MessageToJsonString(request.visit(), &body).ok()) return false;
  auto response = http.Post("/v1/" + request.parent() + "/visits?visitId=" + request.visit_id() +
                                "&requestId=" + request.request_id(),
                            {{"Authorization", "Bearer " + guidance[0]}}, body, "application/json");
  return response && response->status == 200;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  rinnalla::Flags flags("rinnalla-load", "drives one RPC from concurrent callers.");
  flags.AddString("server", &options.server, "Server address.");
  flags.AddString("org", &options.org, "The organization the guides belong to.");
  flags.AddString("token", &options.token, "A coordinator's token for --org.");
  flags.AddString("method", &options.method,
                  "CreateGuide, GetGuide, CreateClient, SuggestGuides (--referral), AssignGuide "
                  "(--plan), GetClientTimeline or GetClient (--client), ImportClients (--clients-per-call; "
                  "a token of the integration role), LogVisit or SyncVisits (--plan), or Health "
                  "(gRPC's health Check: the floor of a call, with no database in it).");
  flags.AddString("referral", &options.referral, "SuggestGuides: the referral's name.");
  flags.AddString("plan", &options.plan,
                  "AssignGuide: file of \"referral guide\" lines; LogVisit and SyncVisits: "
                  "\"guide-token client assignment\" lines, one per caller.");
  flags.AddString("client", &options.client,
                  "GetClientTimeline and GetClient: the client's name.");
  flags.AddInt("clients-per-call", &options.clients_per_call,
               "ImportClients: new clients streamed per call.");
  flags.AddInt("visits-per-stream", &options.visits_per_stream, "SyncVisits: visits per stream.");
  flags.AddString("latency-log", &options.latency_log,
                  "Write every call's latency in ms to this file, one per line.");
  flags.AddInt("callers", &options.callers, "Concurrent callers.");
  flags.AddDuration("duration", &options.duration, "How long to run.");
  flags.AddString("http", &options.http,
                  "GetGuide, LogVisit: call through REST on this HTTP listener (HOST:PORT) "
                  "instead of gRPC.");
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
  if ((options.method == "LogVisit" || options.method == "SyncVisits") && plan.empty()) {
    std::cerr << "rinnalla-load: " << options.method << " needs --plan\n";
    return 2;
  }
  if (!options.http.empty() && options.method != "GetGuide" && options.method != "LogVisit") {
    std::cerr << "rinnalla-load: --http takes GetGuide or LogVisit\n";
    return 2;
  }
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(options.callers);
  std::vector<int> failures(options.callers, 0);
  std::vector<std::thread> callers;
  const absl::Time start = absl::Now();
  for (int c = 0; c < options.callers; ++c) {
    callers.emplace_back([&, c] {
      bool exhausted = false;
      std::unique_ptr<httplib::Client> http;
      if (!options.http.empty()) {
        http = std::make_unique<httplib::Client>("http://" + options.http);
        http->set_keep_alive(true);
        http->set_tcp_nodelay(true);  // as HTTP clients under load do (a request is two writes)
        http->set_read_timeout(60);
      }
      for (int n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        absl::Time t0 = absl::Now();
        bool ok = http ? RestCallOnce(*http, options, c, guide_name, &plan)
                       : CallOnce(channel, options, c, n, guide_name, &plan, &exhausted);
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
  if (!options.latency_log.empty()) {
    std::ofstream log(options.latency_log);
    for (double ms : all) log << ms << "\n";
  }
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))];
  };
  std::cout << absl::StrFormat(
      "method=%s protocol=%s callers=%d calls=%d failed=%d seconds=%.1f calls_per_second=%.1f "
      "p50_ms=%.2f p99_ms=%.2f",
      options.method, options.http.empty() ? "grpc" : "rest", options.callers, all.size(), failed,
      seconds, all.size() / seconds, pct(0.50), pct(0.99));
  if (options.method == "ImportClients") {
    std::cout << absl::StrFormat(" clients_per_second=%.0f",
                                 all.size() * options.clients_per_call / seconds);
  }
  if (options.method == "LogVisit" || options.method == "SyncVisits") {
    const int per_call = options.method == "SyncVisits" ? options.visits_per_stream : 1;
    std::cout << absl::StrFormat(" visits_per_second=%.1f", all.size() * per_call / seconds);
  }
  std::cout << "\n";
  return failed == 0 ? 0 : 1;
}
