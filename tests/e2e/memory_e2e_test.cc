// The memory scenario of large requests (it once took the server from 27 MB to 380 MB, and kept
// it): many concurrent callers send multi-megabyte requests, within the 1 MiB cap (refused by the
// field rules) and beyond it (refused by the cap), and streams of large messages. The server
// binary runs as a child process, so its resident memory is its own; once the calls are over it
// gives the memory back.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "rinnalla/v1/integration.grpc.pb.h"
#include "server_process.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

constexpr int kCallers = 64;
constexpr int kRounds = 4;
constexpr long kMiB = 1024 * 1024;

long ResidentBytesOf(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6) * 1024;
  }
  return 0;
}

std::unique_ptr<grpc::ClientContext> ContextAs(const std::string& role, const std::string& sub) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + TestToken("paijat-hame", role, sub));
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  return context;
}

// A guide whose name is `bytes` long: within the cap it is refused by the field rules
// (INVALID_ARGUMENT), beyond it by the cap (RESOURCE_EXHAUSTED); nothing is written either way.
grpc::StatusCode CreateLargeGuide(v1::Directory::Stub& stub, size_t bytes) {
  v1::CreateGuideRequest request;
  request.set_parent("organizations/paijat-hame");
  request.mutable_guide()->set_display_name(std::string(bytes, 'a'));
  request.mutable_guide()->add_languages("fi");
  v1::Guide out;
  return stub.CreateGuide(ContextAs("coordinator", "users/koordinaattori").get(), request, &out)
      .error_code();
}

// An import of four clients with 900 KB names each: one refused result each.
grpc::StatusCode ImportLargeClients(v1::Integration::Stub& stub) {
  auto context = ContextAs("integration", "systems/apotti");
  v1::ImportClientsResponse response;
  auto stream = stub.ImportClients(context.get(), &response);
  for (int i = 0; i < 4; ++i) {
    v1::ImportClientRequest request;
    request.set_parent("organizations/paijat-hame");
    request.mutable_client()->set_display_name(std::string(900 * 1024, 'b'));
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  return stream->Finish().error_code();
}

TEST(Memory, LargeConcurrentRequestsGiveTheirMemoryBack) {
  ServerProcess server(RINNALLA_SERVER_BINARY);
  ASSERT_TRUE(server.started());
  const pid_t pid = server.process().pid();
  // Its log lines are read as they come, so that the pipe never fills.
  std::atomic<bool> stopping = false;
  std::thread reader([&] {
    while (!stopping) server.process().WaitForLine("", absl::Milliseconds(100));
  });
  auto channel = server.channel();
  auto directory = v1::Directory::NewStub(channel);
  auto integration = v1::Integration::NewStub(channel);

  // Warm: every caller's thread and connection exist before the baseline is read.
  auto run_callers = [&](const std::function<void(int)>& call) {
    std::vector<std::thread> callers;
    for (int c = 0; c < kCallers; ++c) callers.emplace_back(call, c);
    for (std::thread& t : callers) t.join();
  };
  run_callers([&](int) { CreateLargeGuide(*directory, 0); });
  const long before = ResidentBytesOf(pid);

  std::atomic<long> peak = before;
  std::atomic<bool> loading = true;
  std::thread sampler([&] {
    while (loading) {
      peak = std::max(peak.load(), ResidentBytesOf(pid));
      absl::SleepFor(absl::Milliseconds(20));
    }
  });
  std::atomic<int> calls = 0, unexpected = 0;
  run_callers([&](int c) {
    for (int round = 0; round < kRounds; ++round) {
      grpc::StatusCode code;
      switch ((c + round) % 3) {
        case 0:
          code = CreateLargeGuide(*directory, 1000 * 1000);  // within the cap
          unexpected += code != grpc::StatusCode::INVALID_ARGUMENT;
          break;
        case 1:
          code = CreateLargeGuide(*directory, 3 * kMiB);  // beyond it
          unexpected += code != grpc::StatusCode::RESOURCE_EXHAUSTED;
          break;
        default:
          code = ImportLargeClients(*integration);
          unexpected += code != grpc::StatusCode::OK;
          break;
      }
      ++calls;
    }
  });
  loading = false;
  sampler.join();

  // The server trims every 5 s: wait for it (bounded), polling.
  long after = ResidentBytesOf(pid);
  for (absl::Time until = absl::Now() + absl::Seconds(20);
       after > before + 32 * kMiB && absl::Now() < until; after = ResidentBytesOf(pid)) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  stopping = true;
  reader.join();

  const std::string figures =
      absl::StrCat("memory: ", kCallers, " callers x ", kRounds, " calls of 1 to 3.6 MB (",
                   calls.load(), " calls): RSS before ", before / kMiB, " MiB, at most ",
                   peak.load() / kMiB, " MiB, after ", after / kMiB, " MiB");
  std::cout << figures << std::endl;
  RecordProperty("figures", figures);
  EXPECT_EQ(unexpected, 0);
  EXPECT_GT(peak.load(), before + 16 * kMiB) << "the requests never reached the server's memory";
  EXPECT_LE(after, before + 48 * kMiB) << figures;
  EXPECT_EQ(server.database().QueryNumber("SELECT count(*) FROM guides") +
                server.database().QueryNumber("SELECT count(*) FROM clients"),
            0);
}

}  // namespace
}  // namespace rinnalla::testing
