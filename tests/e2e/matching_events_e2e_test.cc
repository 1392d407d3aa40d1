// Every committed change has its event in the feed: exclusions added and removed, the guide's
// caseload as assignments start and end, and the rows `rinnalla demo-data` writes. Events name
// resources and fields only, never personal data or an exclusion's reason.

#include <set>

#include "integration_fixture.h"
#include "process.h"

namespace rinnalla::testing {
namespace {

class MatchingEventsTest : public IntegrationTest {
 protected:
  // The events after `cursor` of `kinds`, up to `n`.
  std::vector<v1::Event> EventsAfter(const std::string& cursor, size_t n,
                                     std::vector<std::string> kinds = {}) {
    Watch watch(*integration_, WatchFrom(cursor, std::move(kinds)));
    return watch.Take(n);
  }

  // The cursor of the newest event now.
  std::string LatestCursor() {
    const long long events = server_.database().QueryNumber("SELECT count(*) FROM events");
    std::vector<v1::Event> all = EventsAfter("", static_cast<size_t>(events));
    return all.empty() ? "" : all.back().cursor();
  }
};

TEST_F(MatchingEventsTest, ExclusionsAddedAndRemovedAreEventsWithoutTheirReason) {
  v1::Guide guide = MakeGuide("Aino Ohjaaja", {v1::DEBT});
  v1::Client client = MustCreateClient("X-1");
  const std::string cursor = LatestCursor();

  v1::AddMatchExclusionRequest add;
  add.set_parent(client.name());
  add.mutable_match_exclusion()->set_guide(guide.name());
  add.mutable_match_exclusion()->set_reason("Naapurit Hollolassa");
  v1::MatchExclusion exclusion;
  ASSERT_TRUE(
      matching_->AddMatchExclusion(TestServer::ContextFor(kCoordinator).get(), add, &exclusion)
          .ok());
  v1::RemoveMatchExclusionRequest remove;
  remove.set_name(exclusion.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(
      matching_->RemoveMatchExclusion(TestServer::ContextFor(kCoordinator).get(), remove, &empty)
          .ok());

  std::vector<v1::Event> events = EventsAfter(cursor, 2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind(), "match_exclusion.created");
  EXPECT_EQ(events[0].resource(), exclusion.name());
  EXPECT_EQ(events[1].kind(), "match_exclusion.deleted");
  EXPECT_EQ(events[1].resource(), exclusion.name());
  for (const v1::Event& e : events) {
    const std::string text = e.DebugString();
    for (const char* personal : {"Naapurit", "Hollola", "Aino", "Meikäläinen"}) {
      EXPECT_EQ(text.find(personal), std::string::npos) << text;
    }
  }

  // A refused attempt writes no event.
  v1::MatchExclusion refused;
  EXPECT_EQ(
      matching_->AddMatchExclusion(TestServer::ContextFor(kAuditor).get(), add, &refused)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM events WHERE kind LIKE "
                                           "'match_exclusion.%'"),
            2);
}

TEST_F(MatchingEventsTest, AGuidesCaseloadChangeIsAGuideUpdate) {
  v1::Guide guide = MakeGuide("Aino Ohjaaja", {v1::DEBT});
  v1::Client client = MustCreateClient("X-2");
  v1::Referral referral = Refer(client);
  const std::string cursor = LatestCursor();
  v1::Assignment assignment;
  ASSERT_TRUE(Assign(referral, guide, &assignment).ok());
  v1::PauseAssignmentRequest pause;
  pause.set_name(assignment.name());
  v1::Assignment paused;
  ASSERT_TRUE(
      matching_->PauseAssignment(TestServer::ContextFor(kSocialWorker).get(), pause, &paused).ok());
  v1::EndAssignmentRequest end;
  end.set_name(assignment.name());
  end.set_end_reason(v1::Assignment::CLIENT_MOVED);
  v1::Assignment ended;
  ASSERT_TRUE(
      matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &ended).ok());

  std::vector<v1::Event> updates = EventsAfter(cursor, 2, {"guide.updated"});
  ASSERT_EQ(updates.size(), 2u) << "one when the assignment starts, one when it ends";
  for (const v1::Event& e : updates) {
    EXPECT_EQ(e.resource(), guide.name());
    EXPECT_EQ(std::vector<std::string>(e.changed_fields().begin(), e.changed_fields().end()),
              std::vector<std::string>{"active_client_count"});
  }
  // Pausing keeps the caseload (ACTIVE and PAUSED both count): no guide.updated of its own.
  EXPECT_EQ(server_.database().QueryNumber(
                "SELECT count(*) FROM events WHERE kind = 'guide.updated'"),
            2);
}

TEST_F(MatchingEventsTest, DemoDataWritesTheEventsOfItsRows) {
  ProcessResult demo = RunProcess({RINNALLA_CLI_BINARY, "demo-data",
                                   "--database=" + server_.database().connection_string(),
                                   "--org=paijat-hame", "--guides=3", "--clients=2"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  std::vector<v1::Event> events = EventsAfter("", 5);
  std::multiset<std::string> kinds;
  for (const v1::Event& e : events) kinds.insert(e.kind());
  EXPECT_EQ(kinds.count("guide.created"), 3u);
  EXPECT_EQ(kinds.count("client.created"), 2u);
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM guides"), 3);
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM clients"), 2);
}

}  // namespace
}  // namespace rinnalla::testing
