// A guide's scope, the same in every service: a token that names another organization's guide
// is refused like any refusal, and access ends the moment the assignment ends, in every read.

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "error_details.h"
#include "notes_fixture.h"

namespace rinnalla::testing {
namespace {

class GuideScopeTest : public NotesTest {
 protected:
  // A guide token of the guide's own organization whose `sub` names the same guide id under
  // another organization.
  Caller Stranger() const {
    return {"paijat-hame", "guide",
            "organizations/helsinki/guides/" + Guidance::Id(g_.guide.name())};
  }

  // PERMISSION_DENIED NOT_PERMITTED, and exactly one DENIED row for `method` under the client,
  // filed under the client's organization; nothing OK for that caller.
  void ExpectRefusedAndLogged(const grpc::Status& status, const std::string& method) {
    EXPECT_EQ(status.error_code(), grpc::PERMISSION_DENIED) << status.error_message();
    EXPECT_EQ(ErrorReason(status), "NOT_PERMITTED");
    const std::string actor = Stranger().sub;
    EXPECT_EQ(Count("access_log WHERE org_id = 'paijat-hame' AND actor_org = 'paijat-hame'"
                    " AND client_id = '" +
                    g_.client_id() + "' AND actor = '" + actor +
                    "' AND role = 'guide' AND method = '" + method + "' AND outcome = 'DENIED'"),
              1)
        << method;
    EXPECT_EQ(Count("access_log WHERE actor = '" + actor + "' AND outcome <> 'DENIED'"), 0);
  }

  Guidance g_ = StartGuidance("A-scope");
};

TEST_F(GuideScopeTest, MeetingsRefuseAGuideTokenNamingAnotherOrganizationsGuide) {
  const std::string meeting = ScheduleMeeting(g_, v1::Meeting::REVIEW);
  v1::ListMeetingsRequest list;
  list.set_parent(g_.client.name());
  v1::ListMeetingsResponse listed;
  // The guide's own token reads them: the refusal below is the `sub`'s alone.
  ASSERT_TRUE(
      meetings_->ListMeetings(TestServer::ContextFor(AsGuide(g_.guide)).get(), list, &listed).ok());
  ASSERT_EQ(listed.meetings_size(), 1);
  ExpectRefusedAndLogged(
      meetings_->ListMeetings(TestServer::ContextFor(Stranger()).get(), list, &listed),
      "/rinnalla.v1.Meetings/ListMeetings");
  v1::GetMeetingRequest get;
  get.set_name(meeting);
  v1::Meeting out;
  ExpectRefusedAndLogged(meetings_->GetMeeting(TestServer::ContextFor(Stranger()).get(), get, &out),
                         "/rinnalla.v1.Meetings/GetMeeting");
}

TEST_F(GuideScopeTest, NotesRefuseAGuideTokenNamingAnotherOrganizationsGuide) {
  MustAddNote(AsGuide(g_.guide), g_.client, Note("Hei"));
  v1::ListProgressNotesResponse listed;
  ASSERT_TRUE(ListNotes(AsGuide(g_.guide), g_.client, "", &listed).ok());
  ASSERT_EQ(listed.notes_size(), 1);
  ExpectRefusedAndLogged(ListNotes(Stranger(), g_.client, "", &listed),
                         "/rinnalla.v1.Notes/ListProgressNotes");
  v1::GetClientTimelineResponse timeline;
  ExpectRefusedAndLogged(Timeline(Stranger(), g_.client, &timeline),
                         "/rinnalla.v1.Notes/GetClientTimeline");
}

TEST_F(GuideScopeTest, VisitsRefuseAGuideTokenNamingAnotherOrganizationsGuide) {
  const std::string visit = LogVisit(g_, "Kelassa");
  v1::GetVisitRequest get;
  get.set_name(visit);
  v1::Visit out;
  ASSERT_TRUE(visits_->GetVisit(TestServer::ContextFor(AsGuide(g_.guide)).get(), get, &out).ok());
  ExpectRefusedAndLogged(visits_->GetVisit(TestServer::ContextFor(Stranger()).get(), get, &out),
                         "/rinnalla.v1.Visits/GetVisit");
  v1::ListVisitsRequest list;
  list.set_parent(g_.client.name());
  v1::ListVisitsResponse listed;
  ExpectRefusedAndLogged(
      visits_->ListVisits(TestServer::ContextFor(Stranger()).get(), list, &listed),
      "/rinnalla.v1.Visits/ListVisits");
  // Nor does the stranger log a visit in the guide's name.
  const long long visits = Count("visits");
  v1::LogVisitRequest log;
  log.set_parent(g_.client.name());
  log.mutable_visit()->set_assignment(g_.assignment.name());
  SetTimestamp(absl::Now() - absl::Minutes(5), log.mutable_visit()->mutable_start_time());
  log.mutable_visit()->set_duration_minutes(30);
  log.mutable_visit()->set_mode(v1::Visit::IN_PERSON);
  log.mutable_visit()->add_places(v1::KELA);
  ExpectRefusedAndLogged(visits_->LogVisit(TestServer::ContextFor(Stranger()).get(), log, &out),
                         "/rinnalla.v1.Visits/LogVisit");
  EXPECT_EQ(Count("visits"), visits);
}

// One read of the race: when it was sent, and what it got.
struct Read {
  absl::Time start;
  grpc::StatusCode code;
};

TEST_F(GuideScopeTest, NoReadThatStartsAfterTheAssignmentEndedReturnsData) {
  const std::string meeting = ScheduleMeeting(g_, v1::Meeting::REVIEW);
  const std::string visit = LogVisit(g_, "Kelassa");
  MustAddNote(AsGuide(g_.guide), g_.client, Note("Hei"));
  AgreeGoal(g_, "Asunto");
  const Caller guide = AsGuide(g_.guide);
  // Each reader reads one way, over and over: a meeting, a visit, the notes, the timeline, the
  // goals' attainment, the goals.
  const std::vector<std::function<grpc::Status()>> ways = {
      [&] {
        v1::GetMeetingRequest r;
        r.set_name(meeting);
        v1::Meeting out;
        return meetings_->GetMeeting(TestServer::ContextFor(guide).get(), r, &out);
      },
      [&] {
        v1::GetVisitRequest r;
        r.set_name(visit);
        v1::Visit out;
        return visits_->GetVisit(TestServer::ContextFor(guide).get(), r, &out);
      },
      [&] {
        v1::ListProgressNotesResponse out;
        return ListNotes(guide, g_.client, "", &out);
      },
      [&] {
        v1::GetClientTimelineResponse out;
        return Timeline(guide, g_.client, &out);
      },
      [&] {
        v1::GoalAttainment out;
        return Attainment(guide, g_.client, &out);
      },
      [&] {
        v1::ListGoalsRequest r;
        r.set_parent(g_.client.name());
        v1::ListGoalsResponse out;
        return meetings_->ListGoals(TestServer::ContextFor(guide).get(), r, &out);
      },
  };
  const int readers = static_cast<int>(ways.size());
  absl::Mutex mutex;
  std::vector<std::vector<Read>> reads(readers);
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < readers; ++i) {
    threads.emplace_back([&, i] {
      while (!stop) {
        const absl::Time start = absl::Now();
        const grpc::StatusCode code = ways[i]().error_code();
        absl::MutexLock lock(&mutex);
        reads[i].push_back({start, code});
      }
    });
  }
  // Every reader has read before the ending; then enough reads by each that start after it.
  auto each_has = [&](int count, absl::Time after) {
    const absl::Time bound = absl::Now() + absl::Seconds(60);
    for (;;) {
      {
        absl::MutexLock lock(&mutex);
        bool enough = true;
        for (const std::vector<Read>& mine : reads) {
          int n = 0;
          for (const Read& r : mine) n += r.start > after ? 1 : 0;
          enough = enough && n >= count;
        }
        if (enough || absl::Now() > bound) return enough;
      }
      absl::SleepFor(absl::Milliseconds(5));
    }
  };
  const bool read_before = each_has(3, absl::InfinitePast());
  EndGuidance(g_);
  // The ending has committed by the time its answer arrives.
  const absl::Time committed = absl::Now();
  const bool read_after = each_has(20, committed);
  stop = true;
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(read_before && read_after) << "the readers did not read enough";

  for (int i = 0; i < readers; ++i) {
    int ok_before = 0, after = 0;
    for (const Read& r : reads[i]) {
      if (r.start <= committed) {
        ok_before += r.code == grpc::OK ? 1 : 0;
        continue;
      }
      ++after;
      EXPECT_EQ(r.code, grpc::PERMISSION_DENIED)
          << "reader " << i << ": a read sent " << absl::FormatDuration(r.start - committed)
          << " after the ending committed";
    }
    // The guide did read while the assignment was open: the refusals are the ending's.
    EXPECT_GT(ok_before, 0) << "reader " << i;
    EXPECT_GE(after, 20) << "reader " << i;
  }
}

}  // namespace
}  // namespace rinnalla::testing
