// Trace ids: a call joins the caller's W3C trace (traceparent metadata) or starts one; the trace
// id is in the call's log line and in PostgreSQL's application_name while its SQL runs, so one
// call can be followed through.

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <future>

#include "directory_fixture.h"
#include "server_process.h"
#include "test_keys.h"
#include "trace.h"

namespace rinnalla::testing {
namespace {

constexpr char kTraceId[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kCallerParent[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

std::string MetadataOf(const grpc::ClientContext& context, const std::string& key) {
  auto it = context.GetServerInitialMetadata().find(key);
  if (it == context.GetServerInitialMetadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

std::unique_ptr<grpc::ClientContext> TracedContext(const std::string& traceparent) {
  auto context = TestServer::ContextFor(kCoordinator);
  if (!traceparent.empty()) context->AddMetadata("traceparent", traceparent);
  return context;
}

v1::CreateGuideRequest NewGuide() {
  v1::CreateGuideRequest request;
  request.set_parent(kParent);
  *request.mutable_guide() = DirectoryTestGuide();
  return request;
}

TEST(Trace, TheCallersTraceIsInTheLogLineAndInPostgres) {
  ServerProcess server(RINNALLA_SERVER_BINARY);
  ASSERT_TRUE(server.started());
  auto directory = v1::Directory::NewStub(server.channel());

  // Hold the call inside the database, where PostgreSQL shows who it is.
  PGconn* locker = PQconnectdb(server.database().connection_string().c_str());
  ASSERT_EQ(PQstatus(locker), CONNECTION_OK);
  PQclear(PQexec(locker, "BEGIN"));
  PQclear(PQexec(locker, "LOCK TABLE guides IN EXCLUSIVE MODE"));
  auto context = TracedContext(kCallerParent);
  auto in_flight = std::async(std::launch::async, [&] {
    v1::Guide guide;
    return directory->CreateGuide(context.get(), NewGuide(), &guide);
  });
  long long seen = 0;
  for (absl::Time deadline = absl::Now() + absl::Seconds(10);
       (seen = server.database().QueryNumber(
            std::string("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND application_name LIKE 'rinnalla/") +
            kTraceId + "/%'")) == 0 &&
       absl::Now() < deadline;) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(seen, 1) << "PostgreSQL does not show the call's trace";
  PQclear(PQexec(locker, "COMMIT"));
  PQfinish(locker);
  ASSERT_TRUE(in_flight.get().ok());

  // The response names this server's span in the caller's trace.
  std::optional<TraceContext> answered = ParseTraceparent(MetadataOf(*context, "traceparent"));
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->ids.trace_id, kTraceId);
  EXPECT_NE(answered->ids.span_id, "00f067aa0ba902b7");

  std::optional<std::string> line = server.process().WaitForLine(
      std::string("\"trace_id\":\"") + kTraceId + "\"", absl::Seconds(10));
  ASSERT_TRUE(line) << "no log line carries the trace id";
  EXPECT_NE(line->find("/rinnalla.v1.Directory/CreateGuide"), std::string::npos) << *line;
  EXPECT_NE(line->find("\"code\":\"OK\""), std::string::npos) << *line;
  // Outside a call there is no trace: the transaction's application_name is gone with it.
  EXPECT_EQ(server.database().QueryNumber(
                std::string("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE "
                            "'rinnalla/") +
                kTraceId + "/%'"),
            0);
}

TEST(Trace, OneIsMadeWhenAbsentOrMalformed) {
  ServerProcess server(RINNALLA_SERVER_BINARY);
  ASSERT_TRUE(server.started());
  auto directory = v1::Directory::NewStub(server.channel());
  for (const std::string& sent :
       {std::string(), std::string("00-00000000000000000000000000000000-00f067aa0ba902b7-01"),
        std::string("not a trace"),
        std::string("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")}) {
    SCOPED_TRACE(sent);
    auto context = TracedContext(sent);
    v1::Guide guide;
    ASSERT_TRUE(directory->CreateGuide(context.get(), NewGuide(), &guide).ok());
    std::optional<TraceContext> made = ParseTraceparent(MetadataOf(*context, "traceparent"));
    ASSERT_TRUE(made) << MetadataOf(*context, "traceparent");
    EXPECT_EQ(sent.find(made->ids.trace_id), std::string::npos) << "a malformed trace was kept";
    std::optional<std::string> line = server.process().WaitForLine(
        "\"trace_id\":\"" + made->ids.trace_id + "\"", absl::Seconds(10));
    ASSERT_TRUE(line) << "the made trace is not in the log";
    EXPECT_NE(line->find("CreateGuide"), std::string::npos) << *line;
  }
}

TEST(Trace, TraceparentIsReadAsW3CSaysOrNotAtAll) {
  std::optional<TraceContext> good = ParseTraceparent(kCallerParent);
  ASSERT_TRUE(good);
  EXPECT_EQ(good->ids.trace_id, kTraceId);
  EXPECT_EQ(good->ids.span_id, "00f067aa0ba902b7");
  EXPECT_EQ(good->flags, "01");
  EXPECT_EQ(good->Traceparent(), kCallerParent);
  // A later version may carry more; its first four parts are read.
  EXPECT_TRUE(ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
  for (const char* bad : {"", "00", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736'--00f067aa0ba902b7-01"}) {
    EXPECT_FALSE(ParseTraceparent(bad)) << bad;
  }
  TraceContext made = TraceFor(std::nullopt);
  EXPECT_TRUE(ParseTraceparent(made.Traceparent())) << made.Traceparent();
  TraceContext joined = TraceFor(absl::string_view(kCallerParent));
  EXPECT_EQ(joined.ids.trace_id, kTraceId);
  EXPECT_NE(joined.ids.span_id, "00f067aa0ba902b7");
}

}  // namespace
}  // namespace rinnalla::testing
