// The database's faults as an operator meets them, against a PostgreSQL cluster of the test's
// own: a frozen database (every process SIGSTOPped, as stuck storage or a partition that still
// acknowledges packets looks) is NOT_SERVING within two health intervals, idle and under load;
// calls end by their deadline; the server's threads stay bounded; no write commits after its
// caller was told it failed; everything works again after the thaw, without a restart. The
// server runs as a child process, so its
// threads are its own. These tests run alone (RUN_SERIAL): their timings must not share the
// machine with the rest of the suite.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "error_details.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "process.h"
#include "resource_names.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "test_cluster.h"
#include "test_keys.h"

namespace rinnalla::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

constexpr absl::Duration kHealthInterval = absl::Seconds(1);
constexpr absl::Duration kCallDeadline = absl::Seconds(1);
constexpr int kCallers = 16;
constexpr int kPoolSize = 4;
const char kOrg[] = "paijat-hame";

// A number after `"key":` in a JSON log line.
std::optional<double> NumberIn(const std::string& line, const std::string& key) {
  size_t at = line.find("\"" + key + "\":");
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + key.size() + 3;
  size_t end = line.find_first_of(",}", start);
  double value = 0;
  if (!absl::SimpleAtod(line.substr(start, end - start), &value)) return std::nullopt;
  return value;
}

int ThreadsOf(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return -1;
}

// rinnalla-server on `cluster`, a child process on a free port; its log lines are read as they
// come (the pipe never fills) and kept.
class ServerProcess {
 public:
  explicit ServerProcess(const TestCluster& cluster)
      : child_({RINNALLA_SERVER_BINARY, "--listen=127.0.0.1:0",
                "--database=" + cluster.ConnectionString(),
                "--jwt-public-keys=" + TestPublicKeyFile(),
                std::string("--jwt-issuer=") + kTestIssuer,
                std::string("--jwt-audience=") + kTestAudience,
                absl::StrCat("--health-interval=", absl::FormatDuration(kHealthInterval)),
                absl::StrCat("--pool-size=", kPoolSize), "--pool-timeout=5s"}) {
    std::optional<std::string> serving =
        child_.WaitForLine("\"event\":\"serving\"", absl::Seconds(30));
    if (!serving) {
      ADD_FAILURE() << "the server did not start";
      return;
    }
    port_ = static_cast<int>(NumberIn(*serving, "port").value_or(0));
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials());
    reader_ = std::thread([this] {
      while (!stopping_) {
        std::optional<std::string> line = child_.WaitForLine("", absl::Milliseconds(100));
        if (!line) continue;
        std::lock_guard lock(mutex_);
        lines_.push_back(*line);
      }
    });
  }
  ~ServerProcess() {
    child_.Signal(SIGTERM);
    stopping_ = true;
    if (reader_.joinable()) reader_.join();
    child_.Wait(absl::Seconds(30));
  }

  pid_t pid() const { return child_.pid(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  std::vector<std::string> Lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  ChildProcess child_;
  int port_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<bool> stopping_ = false;
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
  std::thread reader_;
};

// One CreateClient with the caller's own id and the call deadline.
struct Attempt {
  std::string client_id;
  absl::Time deadline;
  grpc::Status status;
};

Attempt CreateClient(v1::Directory::Stub& stub) {
  v1::CreateClientRequest request;
  request.set_parent(absl::StrCat("organizations/", kOrg));
  request.set_client_id(NewUuid());
  request.mutable_client()->set_display_name("Matti Meikäläinen");
  request.mutable_client()->add_languages("fi");
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      "Bearer " + TestToken(kOrg, "coordinator", "users/koordinaattori"));
  const absl::Time deadline = absl::Now() + kCallDeadline;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::Client client;
  grpc::Status status = stub.CreateClient(&context, request, &client);
  return {request.client_id(), deadline, status};
}

class DatabaseFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProcessResult migrated =
        RunProcess({RINNALLA_CLI_BINARY, "migrate", "--database=" + cluster_.ConnectionString()});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
    server_ = std::make_unique<ServerProcess>(cluster_);
    health_ = Health::NewStub(server_->channel());
    directory_ = v1::Directory::NewStub(server_->channel());
    ASSERT_TRUE(CreateClient(*directory_).status.ok());
  }

  HealthCheckResponse::ServingStatus HealthStatus() {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Milliseconds(500)));
    HealthCheckResponse response;
    if (!health_->Check(&context, HealthCheckRequest(), &response).ok()) {
      return HealthCheckResponse::UNKNOWN;
    }
    return response.status();
  }

  // How long until the health service says `wanted` (polled every 20 ms), or nullopt after
  // `bound`.
  std::optional<absl::Duration> TimeUntil(HealthCheckResponse::ServingStatus wanted,
                                          absl::Duration bound = absl::Seconds(15)) {
    const absl::Time start = absl::Now();
    while (absl::Now() - start < bound) {
      if (HealthStatus() == wanted) return absl::Now() - start;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return std::nullopt;
  }

  // Rows of `sql`'s first column (a count), read directly from the cluster.
  long long Count(const std::string& sql) {
    PGconn* conn = PQconnectdb(cluster_.ConnectionString().c_str());
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* result = PQexec(conn, sql.c_str());
    EXPECT_EQ(PQresultStatus(result), PGRES_TUPLES_OK) << PQresultErrorMessage(result);
    long long n = PQntuples(result) == 1 ? std::atoll(PQgetvalue(result, 0, 0)) : -1;
    PQclear(result);
    PQfinish(conn);
    return n;
  }

  // However the test ended, the database thaws before the server stops (and the cluster goes).
  void TearDown() override { cluster_.Thaw(); }

  TestCluster cluster_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Health::Stub> health_;
  std::unique_ptr<v1::Directory::Stub> directory_;
};

TEST_F(DatabaseFaultsTest, AFrozenDatabaseIsNoticedCallsEndByTheirDeadlineAndAllRecovers) {
  ASSERT_TRUE(TimeUntil(HealthCheckResponse::SERVING).has_value());
  const int threads_idle = ThreadsOf(server_->pid());

  // Idle: nothing but the health check talks to the database.
  cluster_.Freeze();
  std::optional<absl::Duration> idle = TimeUntil(HealthCheckResponse::NOT_SERVING);
  cluster_.Thaw();
  ASSERT_TRUE(idle.has_value()) << "still SERVING while the database was frozen (idle)";
  EXPECT_LE(*idle, 2 * kHealthInterval);
  ASSERT_TRUE(TimeUntil(HealthCheckResponse::SERVING).has_value()) << "not SERVING after the thaw";
  ASSERT_TRUE(CreateClient(*directory_).status.ok());

  // Loaded: callers write at full rate, each call with a 1 s deadline.
  std::atomic<bool> stop = false;
  std::atomic<int> succeeded = 0;
  std::mutex mutex;
  std::vector<Attempt> failed;
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&] {
      auto stub = v1::Directory::NewStub(server_->channel());
      while (!stop) {
        Attempt attempt = CreateClient(*stub);
        if (attempt.status.ok()) {
          ++succeeded;
        } else {
          std::lock_guard lock(mutex);
          failed.push_back(attempt);
        }
      }
    });
  }
  auto wait_for_successes = [&](int more) {
    const int target = succeeded + more;
    const absl::Time bound = absl::Now() + absl::Seconds(30);
    while (succeeded < target && absl::Now() < bound) absl::SleepFor(absl::Milliseconds(10));
    return succeeded >= target;
  };
  EXPECT_TRUE(wait_for_successes(50));
  const size_t failed_before_freeze = failed.size();
  cluster_.Freeze();
  const absl::Time frozen_at = absl::Now();
  std::optional<absl::Duration> loaded = TimeUntil(HealthCheckResponse::NOT_SERVING);
  // Stay frozen for three call deadlines, counting the server's threads.
  int threads_max = ThreadsOf(server_->pid());
  while (absl::Now() - frozen_at < 3 * kCallDeadline) {
    threads_max = std::max(threads_max, ThreadsOf(server_->pid()));
    absl::SleepFor(absl::Milliseconds(20));
  }
  cluster_.Thaw();
  std::optional<absl::Duration> back = TimeUntil(HealthCheckResponse::SERVING);
  EXPECT_TRUE(wait_for_successes(50)) << "writes do not succeed again after the thaw";
  stop = true;
  for (std::thread& t : callers) t.join();

  ASSERT_TRUE(loaded.has_value()) << "still SERVING while the database was frozen (loaded)";
  EXPECT_LE(*loaded, 2 * kHealthInterval);
  EXPECT_TRUE(back.has_value()) << "not SERVING after the thaw";
  // (A call may miss its deadline before the freeze too, on a busy machine.)
  (void)failed_before_freeze;
  EXPECT_GT(failed.size(), 0u) << "no call failed while the database was frozen";
  for (const Attempt& a : failed) {
    EXPECT_TRUE(a.status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                a.status.error_code() == grpc::StatusCode::UNAVAILABLE)
        << a.status.error_code() << " " << a.status.error_message();
  }

  // The slowest call, as the server saw it, against its deadline.
  double slowest_ms = 0;
  for (const std::string& line : server_->Lines()) {
    if (line.find("Directory/CreateClient") == std::string::npos) continue;
    slowest_ms = std::max(slowest_ms, NumberIn(line, "latency_ms").value_or(0));
  }
  EXPECT_LE(slowest_ms, absl::ToDoubleMilliseconds(kCallDeadline) + 500);
  EXPECT_LE(threads_max, threads_idle + kCallers + 16);

  // Nothing a caller was told had failed is written, once the thawed backends are done.
  const absl::Time settle = absl::Now() + absl::Seconds(15);
  while (Count("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
               " AND state <> 'idle' AND pid <> pg_backend_pid()") > 0 &&
         absl::Now() < settle) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  // A write committed before its deadline whose answer arrived too late is the caller's usual
  // uncertainty; one committed after the deadline (a COMMIT the thawed server read late) is the
  // fault.
  std::string rows;
  for (const Attempt& a : failed) {
    absl::StrAppend(&rows, rows.empty() ? "" : ",", "('", a.client_id, "'::uuid, ",
                    absl::ToUnixMicros(a.deadline), ")");
  }
  const std::string stored =
      "FROM clients c JOIN (VALUES " + rows + ") AS f(id, deadline) ON c.id = f.id";
  const long long stored_after_failure = Count("SELECT count(*) " + stored);
  const long long committed_after_failure =
      Count("SELECT count(*) " + stored + " WHERE c.create_time > to_timestamp(f.deadline / 1e6)");
  EXPECT_EQ(committed_after_failure, 0);

  const std::string figures = absl::StrFormat(
      "freeze -> NOT_SERVING: idle %.2f s, loaded %.2f s (health interval %s); slowest call "
      "%.0f ms against a %s deadline; server threads %d idle, %d at most under %d callers; calls "
      "failed %d (stored though the answer came late: %d); writes committed after their deadline: "
      "%d",
      absl::ToDoubleSeconds(*idle), absl::ToDoubleSeconds(*loaded),
      absl::FormatDuration(kHealthInterval), slowest_ms, absl::FormatDuration(kCallDeadline),
      threads_idle, threads_max, kCallers, failed.size(), stored_after_failure,
      committed_after_failure);
  std::cout << figures << "\n";
  RecordProperty("figures", figures);
}

// A database that is down (the cluster stopped: its socket gone): what the caller reads is a
// plain UNAVAILABLE with the reason DATABASE_UNAVAILABLE, never libpq's text (the socket's path,
// its port, the user), which is the operator's, in the server's log; and calls succeed again when
// the cluster is back, without a restart.
TEST_F(DatabaseFaultsTest, AnOutageTellsCallersNothingOfTheInfrastructure) {
  cluster_.Stop();
  std::vector<grpc::Status> errors;
  for (int i = 0; i < 3; ++i) errors.push_back(CreateClient(*directory_).status);
  cluster_.Start();
  for (const grpc::Status& status : errors) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_EQ(ErrorReason(status), "DATABASE_UNAVAILABLE") << status.error_message();
    EXPECT_EQ(status.error_message(), "the database is not reachable");
    const std::string text = status.error_message() + status.error_details();
    for (const std::string& detail : {std::string(".s.PGSQL"), std::string("/tmp/"),
                                      std::string("socket"), std::string("connection to server"),
                                      std::string("postgres"), std::string("No such file")}) {
      EXPECT_EQ(text.find(detail), std::string::npos)
          << detail << " in: " << status.error_message();
    }
  }
  // The operator's log has libpq's reason.
  bool logged = false;
  for (const absl::Time bound = absl::Now() + absl::Seconds(10); !logged && absl::Now() < bound;) {
    for (const std::string& line : server_->Lines()) {
      logged = logged || (line.find("database_unreachable") != std::string::npos &&
                          line.find(".s.PGSQL") != std::string::npos);
    }
    if (!logged) absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_TRUE(logged) << "libpq's reason should be in the server's log";
  // Back without a restart.
  bool recovered = false;
  for (const absl::Time bound = absl::Now() + absl::Seconds(20);
       !recovered && absl::Now() < bound;) {
    recovered = CreateClient(*directory_).status.ok();
    if (!recovered) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(recovered);
}

}  // namespace
}  // namespace rinnalla::testing
