// The client's timeline end to end: everything in one list newest first, with short summaries;
// what a guide and staff each see; pages that neither skip nor repeat entries while others are
// added.

#include <atomic>
#include <map>
#include <thread>

#include "absl/strings/str_replace.h"
#include "notes_fixture.h"
#include "role_matrix.h"

namespace rinnalla::testing {
namespace {

using Kind = v1::TimelineEntry;

std::vector<v1::TimelineEntry::Kind> KindsOf(const std::vector<v1::TimelineEntry>& entries) {
  std::vector<v1::TimelineEntry::Kind> kinds;
  for (const auto& e : entries) kinds.push_back(e.kind());
  return kinds;
}

// An entry's identity: kind, resource and time.
std::string KeyOf(const v1::TimelineEntry& e) {
  return absl::StrCat(Kind::Kind_Name(e.kind()), " ", e.resource(), " ", e.time().seconds(), ".",
                      e.time().nanos());
}

const v1::TimelineEntry* Find(const std::vector<v1::TimelineEntry>& entries,
                              const std::string& resource, v1::TimelineEntry::Kind kind) {
  for (const auto& e : entries) {
    if (e.resource() == resource && e.kind() == kind) return &e;
  }
  return nullptr;
}

TEST_F(NotesTest, TheTimelineShowsEverythingNewestFirst) {
  Guidance g = StartGuidance("A-timeline");
  SetConsent(g, true);
  const std::string initial = ScheduleMeeting(g, v1::Meeting::INITIAL);
  HoldMeeting(g, initial);
  AmendMeeting(g, initial);
  const std::string goal = AgreeGoal(g, "Hoidan Kela-asiat itse");
  v1::PauseAssignmentRequest pause;
  pause.set_name(g.assignment.name());
  v1::Assignment a;
  ASSERT_TRUE(
      matching_->PauseAssignment(TestServer::ContextFor(kSocialWorker).get(), pause, &a).ok());
  v1::ResumeAssignmentRequest resume;
  resume.set_name(g.assignment.name());
  ASSERT_TRUE(
      matching_->ResumeAssignment(TestServer::ContextFor(kSocialWorker).get(), resume, &a).ok());
  const std::string visit = LogVisit(g, "Kelan toimistolla", absl::ZeroDuration());
  const std::string amended =
      LogVisit(g, "Asuntotoimistossa", absl::ZeroDuration(), 90, /*amended=*/true);
  v1::ProgressNote note =
      MustAddNote(AsGuide(g.guide), g.client, Note("Hyvä viikko.\nPaljon tehty."));
  v1::ProgressNote fix_in = Note("Korjaus: viikko oli raskas.");
  fix_in.set_corrects(note.name());
  v1::ProgressNote fix = MustAddNote(AsGuide(g.guide), g.client, fix_in);
  const std::string review = ScheduleMeeting(
      g, v1::Meeting::REVIEW, absl::FromUnixSeconds(1935817200));  // 2031-05-06T07:00:00Z
  CancelMeeting(review);
  MoveGoal(goal, "ACHIEVED");
  EndGuidance(g);

  std::vector<v1::TimelineEntry> entries = WholeTimeline(kSocialWorker, g.client);
  EXPECT_EQ(KindsOf(entries),
            (std::vector<v1::TimelineEntry::Kind>{
                Kind::ASSIGNMENT_ENDED, Kind::GOAL_CLOSED, Kind::MEETING_CANCELLED,
                Kind::MEETING_SCHEDULED, Kind::NOTE, Kind::NOTE, Kind::VISIT, Kind::VISIT,
                Kind::ASSIGNMENT_RESUMED, Kind::ASSIGNMENT_PAUSED, Kind::GOAL_AGREED,
                Kind::MEETING_HELD, Kind::MEETING_SCHEDULED, Kind::ASSIGNMENT_STARTED}));
  ASSERT_EQ(entries.size(), 14u);
  EXPECT_EQ(entries[0].summary(), "Guidance ended: GOALS_REACHED");
  EXPECT_EQ(entries[0].resource(), g.assignment.name());
  EXPECT_EQ(entries[0].actor_role(), Kind::STAFF);
  EXPECT_EQ(entries[1].summary(), "Goal ACHIEVED: Hoidan Kela-asiat itse");
  EXPECT_EQ(entries[1].resource(), goal);
  EXPECT_EQ(entries[2].summary(), "REVIEW meeting cancelled");
  EXPECT_EQ(entries[3].summary(), "REVIEW meeting scheduled for 2031-05-06T07:00:00Z");
  EXPECT_EQ(entries[3].resource(), review);
  EXPECT_EQ(entries[4].resource(), fix.name());
  EXPECT_EQ(entries[4].summary(), "Correction: Korjaus: viikko oli raskas.");
  EXPECT_EQ(entries[4].actor_role(), Kind::GUIDE);
  EXPECT_EQ(entries[5].summary(), "Note: Hyvä viikko. Paljon tehty.");
  EXPECT_EQ(entries[6].resource(), amended);
  EXPECT_TRUE(entries[6].amended());
  EXPECT_EQ(entries[6].revision(), 2);
  EXPECT_EQ(entries[6].summary(),
            "90 min IN_PERSON visit (KELA, HOUSING) (amended, revision 2): Asuntotoimistossa");
  EXPECT_EQ(entries[7].resource(), visit);
  EXPECT_FALSE(entries[7].amended());
  EXPECT_EQ(entries[7].actor_role(), Kind::GUIDE);
  EXPECT_EQ(entries[8].summary(), "Guidance resumed");
  EXPECT_EQ(entries[9].summary(), "Guidance paused");
  EXPECT_EQ(entries[10].summary(), "Goal agreed: Hoidan Kela-asiat itse");
  EXPECT_EQ(entries[11].summary(), "INITIAL meeting held (amended, revision 2)");
  EXPECT_EQ(entries[11].actor_role(), Kind::SOCIAL_WORKER);
  EXPECT_TRUE(entries[11].amended());
  EXPECT_EQ(entries[13].summary(), "Guidance started");
  for (const auto& e : entries) EXPECT_EQ(e.assignment(), g.assignment.name()) << KeyOf(e);
  // Each summary's parts, for an app to word in its user's language.
  EXPECT_EQ(entries[0].parts().end_reason(), v1::Assignment::GOALS_REACHED);
  EXPECT_EQ(entries[1].parts().goal_state(), v1::Goal::ACHIEVED);
  EXPECT_EQ(entries[1].parts().goal_title(), "Hoidan Kela-asiat itse");
  EXPECT_EQ(entries[2].parts().meeting_kind(), v1::Meeting::REVIEW);
  EXPECT_EQ(entries[3].parts().scheduled_time().seconds(), 1935817200);
  EXPECT_TRUE(entries[4].parts().correction());
  EXPECT_EQ(entries[4].parts().excerpt(), "Korjaus: viikko oli raskas.");
  EXPECT_FALSE(entries[5].parts().correction());
  EXPECT_EQ(entries[6].parts().visit_mode(), v1::Visit::IN_PERSON);
  EXPECT_EQ(entries[6].parts().duration_minutes(), 90);
  EXPECT_EQ(entries[6].parts().places_size(), 2);
  EXPECT_EQ(entries[6].parts().excerpt(), "Asuntotoimistossa");
  EXPECT_EQ(entries[11].parts().meeting_kind(), v1::Meeting::INITIAL);
  EXPECT_EQ(entries[13].parts().ByteSizeLong(), 0u) << "no parts beyond the kind";
  // One access-log row per call (the whole timeline fitted one page).
  EXPECT_EQ(Count("access_log WHERE method = '/rinnalla.v1.Notes/GetClientTimeline'"), 1);
}

TEST_F(NotesTest, AGuidesTimelineHasTheirOwnPeriodAndSharedNotesOnly) {
  Guidance earlier = StartGuidance("A-two-guides", "Ensimmäinen Opas");
  const std::string earlier_visit = LogVisit(earlier, "Ensimmäisen opastuksen käynti");
  v1::ProgressNote earlier_note =
      MustAddNote(AsGuide(earlier.guide), earlier.client, Note("Ensimmäisen oppaan sanat."));
  EndGuidance(earlier, v1::Assignment::REMATCH);
  Guidance now = NextGuidance(earlier, "Toinen Opas");
  const std::string visit = LogVisit(now, "Nykyisen oppaan käynti");
  v1::ProgressNote guide_note =
      MustAddNote(AsGuide(now.guide), now.client, Note("Nykyisen oppaan sanat."));
  v1::ProgressNote staff_only = MustAddNote(
      kSocialWorker, now.client, Note("Vain henkilöstölle.", v1::ProgressNote::STAFF_ONLY));
  v1::ProgressNote shared = MustAddNote(kSocialWorker, now.client, Note("Kaikille."));

  std::vector<v1::TimelineEntry> guide_view = WholeTimeline(AsGuide(now.guide), now.client);
  std::set<std::string> resources;
  for (const auto& e : guide_view) {
    resources.insert(e.resource());
    EXPECT_EQ(e.assignment(), now.assignment.name()) << KeyOf(e);
    EXPECT_FALSE(e.text_withheld()) << "a guide reads their own words";
  }
  EXPECT_EQ(resources, (std::set<std::string>{now.assignment.name(), visit, guide_note.name(),
                                              shared.name()}));
  EXPECT_FALSE(resources.contains(staff_only.name()));
  EXPECT_FALSE(resources.contains(earlier_visit));
  EXPECT_FALSE(resources.contains(earlier_note.name()));

  // Staff see both periods; a guide's words only where the client consented, per guidance.
  SetConsent(now, true);
  std::vector<v1::TimelineEntry> staff_view = WholeTimeline(kSocialWorker, now.client);
  EXPECT_EQ(staff_view.size(), 4u + 5u)
      << "earlier: start, end, visit, note; now: start, visit, three notes";
  const v1::TimelineEntry* hidden = Find(staff_view, earlier_visit, Kind::VISIT);
  ASSERT_NE(hidden, nullptr);
  EXPECT_TRUE(hidden->text_withheld());
  EXPECT_EQ(hidden->summary(),
            "45 min IN_PERSON visit (KELA, HOUSING): withheld: no consent to information sharing");
  const v1::TimelineEntry* hidden_note = Find(staff_view, earlier_note.name(), Kind::NOTE);
  ASSERT_NE(hidden_note, nullptr);
  EXPECT_EQ(hidden_note->summary(), "Note: withheld: no consent to information sharing");
  EXPECT_EQ(hidden_note->parts().excerpt(), "") << "withheld words stay out of the parts too";
  const v1::TimelineEntry* shown = Find(staff_view, guide_note.name(), Kind::NOTE);
  ASSERT_NE(shown, nullptr);
  EXPECT_FALSE(shown->text_withheld());
  EXPECT_EQ(shown->summary(), "Note: Nykyisen oppaan sanat.");
  ASSERT_NE(Find(staff_view, staff_only.name(), Kind::NOTE), nullptr);

  // The earlier guide has no access any more.
  v1::GetClientTimelineResponse none;
  EXPECT_EQ(Timeline(AsGuide(earlier.guide), now.client, &none).error_code(),
            grpc::PERMISSION_DENIED);
  EXPECT_EQ(none.entries_size(), 0);
}

TEST_F(NotesTest, TimelinePagesNeitherSkipNorRepeatWhileEntriesArrive) {
  Guidance g = StartGuidance("A-paging");
  // 160 entries over 12 distinct times: many ties, within a kind and across kinds.
  server_.database().Exec(absl::StrCat(
      "INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id, start_time,"
      " duration_minutes, mode, summary) SELECT 'paijat-hame', gen_random_uuid(), '",
      g.client_id(), "', '", g.assignment_id(), "', '", Guidance::Id(g.guide.name()),
      "', timestamptz '2024-01-01' + (i % 12) * interval '1 day', 30, 'PHONE', 'puhelu'"
      " FROM generate_series(1, 80) AS i;"
      "INSERT INTO progress_notes (org_id, id, client_id, assignment_id, author, author_role,"
      " text, visibility, observed_time, create_time) SELECT 'paijat-hame', gen_random_uuid(), '",
      g.client_id(), "', '", g.assignment_id(),
      "', 'users/sosiaalityontekija', 'SOCIAL_WORKER', 'merkintä', 'SHARED',"
      " timestamptz '2024-01-01' + (i % 12) * interval '1 day',"
      " timestamptz '2024-01-01' + (i % 12) * interval '1 day' FROM generate_series(1, 80) AS i"));
  const std::vector<v1::TimelineEntry> before = WholeTimeline(kSocialWorker, g.client, 500);
  ASSERT_EQ(before.size(), 161u);
  // Newest first; equal times by kind.
  for (size_t i = 1; i < before.size(); ++i) {
    const auto& prev = before[i - 1].time();
    const auto& cur = before[i].time();
    ASSERT_TRUE(prev.seconds() > cur.seconds() ||
                (prev.seconds() == cur.seconds() &&
                 (prev.nanos() > cur.nanos() ||
                  (prev.nanos() == cur.nanos() &&
                   Kind::Kind_Name(before[i - 1].kind()) <= Kind::Kind_Name(before[i].kind())))))
        << i;
  }

  // Writers add entries at the top (new notes), in the middle and at the very times of existing
  // entries (late visits and notes), while a reader pages through 7 at a time.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  auto write_at_existing_times = [&](const std::string& table_sql) {
    for (int i = 0; !stop; ++i) {
      server_.database().Exec(
          absl::StrReplaceAll(table_sql, {{"$DAY", std::to_string(i % 13)},
                                          {"$CLIENT", g.client_id()},
                                          {"$ASSIGNMENT", g.assignment_id()},
                                          {"$GUIDE", Guidance::Id(g.guide.name())}}));
      ++written;
    }
  };
  std::vector<std::thread> writers;
  writers.emplace_back(write_at_existing_times,
                       "INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id,"
                       " start_time, duration_minutes, mode) VALUES ('paijat-hame',"
                       " gen_random_uuid(), '$CLIENT', '$ASSIGNMENT', '$GUIDE',"
                       " timestamptz '2024-01-01' + $DAY * interval '1 day', 20, 'VIDEO')");
  writers.emplace_back(write_at_existing_times,
                       "INSERT INTO progress_notes (org_id, id, client_id, assignment_id, author,"
                       " author_role, text, visibility, observed_time, create_time) VALUES"
                       " ('paijat-hame', gen_random_uuid(), '$CLIENT', '$ASSIGNMENT', 'users/x',"
                       " 'COORDINATOR', 'myöhässä', 'SHARED',"
                       " timestamptz '2024-01-01' + $DAY * interval '1 day',"
                       " timestamptz '2024-01-01' + $DAY * interval '1 day')");
  writers.emplace_back([&] {
    for (int i = 0; !stop; ++i) {
      v1::ProgressNote out;
      EXPECT_TRUE(
          AddNote(AsGuide(g.guide), g.client, Note("Uusi " + std::to_string(i)), &out).ok());
      ++written;
    }
  });
  while (written < 6) std::this_thread::yield();
  std::vector<v1::TimelineEntry> read = WholeTimeline(kSocialWorker, g.client, 7);
  stop = true;
  for (auto& w : writers) w.join();
  EXPECT_GT(written.load(), 6);

  std::map<std::string, int> seen;
  for (const auto& e : read) ++seen[KeyOf(e)];
  for (const auto& [key, n] : seen) EXPECT_EQ(n, 1) << key << " repeated";
  for (const auto& e : before) EXPECT_TRUE(seen.contains(KeyOf(e))) << KeyOf(e) << " skipped";
  EXPECT_GT(Count("visits"), 80);
}

TEST_F(NotesTest, AStaffReadOfAClientLogsTheClientAndOfNoClientLogsNothing) {
  Guidance g = StartGuidance("A-log");
  const std::string method = "/rinnalla.v1.Notes/GetClientTimeline";
  long long mark = AccessLogMark(server_.database());
  v1::GetClientTimelineResponse out;
  ASSERT_TRUE(Timeline(kSocialWorker, g.client, &out).ok());
  EXPECT_FALSE(out.entries().empty());
  EXPECT_EQ(AccessRowsSince(server_.database(), mark, method),
            std::vector<std::string>{"OK " + g.client.name()});

  v1::Client nobody;
  nobody.set_name("organizations/paijat-hame/clients/" + NewUuid());
  mark = AccessLogMark(server_.database());
  v1::GetClientTimelineResponse empty;
  ASSERT_TRUE(Timeline(kSocialWorker, nobody, &empty).ok());
  EXPECT_TRUE(empty.entries().empty());
  EXPECT_TRUE(AccessRowsSince(server_.database(), mark, method).empty()) << "nothing was read";
}

TEST_F(NotesTest, TimelineRefusesBadRequests) {
  Guidance g = StartGuidance("A-bad");
  Guidance other = StartGuidance("A-bad-other", "Toinen");
  v1::GetClientTimelineResponse out;
  EXPECT_TRUE(ViolatedFields(Timeline(kSocialWorker, g.client, &out, -1)).contains("page_size"));
  for (int i = 0; i < 3; ++i) MustAddNote(kSocialWorker, g.client, Note("n"));
  ASSERT_TRUE(Timeline(kSocialWorker, g.client, &out, 2).ok());
  ASSERT_FALSE(out.next_page_token().empty());
  v1::GetClientTimelineResponse wrong;
  grpc::Status status = Timeline(kSocialWorker, other.client, &wrong, 2, out.next_page_token());
  EXPECT_TRUE(ViolatedFields(status).contains("page_token")) << "a token is bound to its client";
  EXPECT_TRUE(ViolatedFields(Timeline(kSocialWorker, g.client, &wrong, 2, "bm90IGEgdG9rZW4"))
                  .contains("page_token"));
  v1::GetClientTimelineRequest bad;
  bad.set_client("organizations/paijat-hame/guides/" + NewUuid());
  status = notes_->GetClientTimeline(TestServer::ContextFor(kSocialWorker).get(), bad, &wrong);
  EXPECT_TRUE(ViolatedFields(status).contains("client"));
}

}  // namespace
}  // namespace rinnalla::testing
