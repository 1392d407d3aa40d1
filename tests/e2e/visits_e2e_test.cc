// Visits end to end: a visit logged from a phone is never lost and never doubled; amendments keep
// every revision; staff see the guide's words only with the client's consent; lists and the
// pilot's figures.

#include <set>
#include <thread>

#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

TEST_F(VisitsTest, AnAccompaniedVisitIsLoggedAndReadBack) {
  GuideAndClient g = MakeGuidance("A-log");
  const std::string goal = MakeGoal(g);
  v1::Visit visit = AccompaniedVisit(g);
  visit.add_goals(goal);
  const std::string visit_id = NewUuid();
  v1::Visit logged;
  ASSERT_TRUE(LogVisit(g.caller, LogRequest(g, visit, visit_id), &logged).ok());
  EXPECT_EQ(logged.name(), g.client.name() + "/visits/" + visit_id);
  EXPECT_EQ(logged.guide(), g.guide.name()) << "the guide comes from the token";
  EXPECT_EQ(logged.revision(), 1);
  EXPECT_EQ(logged.etag(), "1");
  EXPECT_FALSE(logged.summary_withheld());

  v1::Visit read;
  ASSERT_TRUE(GetVisit(g.caller, logged.name(), &read).ok());
  // What was sent comes back as it was sent (to the microsecond).
  v1::Visit expected = visit;
  expected.mutable_start_time()->set_nanos(visit.start_time().nanos() / 1000 * 1000);
  for (const char* field : {"name", "guide", "revision", "etag", "create_time", "update_time"}) {
    const auto* f = v1::Visit::descriptor()->FindFieldByName(field);
    v1::Visit::GetReflection()->ClearField(&read, f);
  }
  EXPECT_EQ(read.SerializeAsString(), expected.SerializeAsString()) << read.DebugString();
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("visit_revisions"), 1);
  EXPECT_EQ(Count("visit_place_outcomes"), 2);
  EXPECT_EQ(Count("visit_goals"), 1);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'"), 1);
  // Written and read: two rows for the client, both the guide's.
  EXPECT_EQ(Count("access_log WHERE method LIKE '%Visits%' AND outcome = 'OK' AND client_id = '" +
                  g.client_id() + "'"),
            2);
}

TEST_F(VisitsTest, TheSameVisitSentFiveTimesIsOneVisit) {
  GuideAndClient g = MakeGuidance("A-five");
  const v1::Visit visit = AccompaniedVisit(g);
  const std::string visit_id = NewUuid(), request_id = NewUuid();
  std::set<std::string> names;
  // Twice by visit_id alone, three times with a request id too (the phone retrying).
  for (int i = 0; i < 5; ++i) {
    v1::Visit out;
    grpc::Status status =
        LogVisit(g.caller, LogRequest(g, visit, visit_id, i < 2 ? "" : request_id), &out);
    ASSERT_TRUE(status.ok()) << i << ": " << status.error_message();
    names.insert(out.name());
  }
  EXPECT_EQ(names.size(), 1u);
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("visit_revisions"), 1);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'"), 1);

  // Without a visit_id, the request id alone: five times, one visit.
  const v1::LogVisitRequest by_request_id = LogRequest(g, ValidVisit(g), "", NewUuid());
  names.clear();
  for (int i = 0; i < 5; ++i) {
    v1::Visit out;
    ASSERT_TRUE(LogVisit(g.caller, by_request_id, &out).ok());
    names.insert(out.name());
  }
  EXPECT_EQ(names.size(), 1u);
  EXPECT_EQ(Count("visits"), 2);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'"), 2);
}

TEST_F(VisitsTest, AVisitIdOrRequestIdOfAnotherVisitIsRefused) {
  GuideAndClient g = MakeGuidance("A-taken");
  const std::string visit_id = NewUuid(), request_id = NewUuid();
  v1::Visit first;
  ASSERT_TRUE(LogVisit(g.caller, LogRequest(g, ValidVisit(g), visit_id, request_id), &first).ok());
  const long long written = VisitsWritten();

  v1::Visit other = ValidVisit(g);
  other.set_duration_minutes(30);
  v1::Visit out;
  grpc::Status status = LogVisit(g.caller, LogRequest(g, other, visit_id), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReason(status), "VISIT_ID_IN_USE");
  status = LogVisit(g.caller, LogRequest(g, other, NewUuid(), request_id), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReason(status), "REQUEST_ID_REUSED");
  // Another guide cannot take the id either.
  GuideAndClient h = MakeGuidance("A-taken-2", "Eino");
  status = LogVisit(h.caller, LogRequest(h, ValidVisit(h), visit_id), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(VisitsWritten(), written);
}

TEST_F(VisitsTest, RacingRetriesOfOneVisitStoreItOnce) {
  GuideAndClient g = MakeGuidance("A-race");
  const v1::LogVisitRequest request = LogRequest(g, AccompaniedVisit(g), NewUuid());
  constexpr int kRacers = 16;
  std::vector<std::string> names(kRacers);
  std::vector<grpc::StatusCode> codes(kRacers);
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      v1::Visit out;
      codes[i] = LogVisit(g.caller, request, &out).error_code();
      names[i] = out.name();
    });
  }
  for (auto& t : racers) t.join();
  for (int i = 0; i < kRacers; ++i) {
    EXPECT_EQ(codes[i], grpc::StatusCode::OK) << i;
    EXPECT_EQ(names[i], names[0]);
  }
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("visit_revisions"), 1);
  EXPECT_EQ(Count("visit_place_outcomes"), 2);
  EXPECT_EQ(Count("events WHERE kind = 'visit.created'"), 1);
}

TEST_F(VisitsTest, AmendmentsKeepEveryRevision) {
  GuideAndClient g = MakeGuidance("A-amend");
  v1::Visit logged = MustLog(g, AccompaniedVisit(g));
  const std::string first_summary = logged.summary();

  v1::Visit change;
  change.set_name(logged.name());
  change.set_summary("Kelan hakemus jätettiin, asuntotoimistossa varattiin aika.");
  change.set_etag(logged.etag());
  v1::Visit second;
  ASSERT_TRUE(Amend(g.caller, change, {"summary"}, "tarkennus", &second).ok());
  EXPECT_EQ(second.revision(), 2);
  EXPECT_EQ(second.summary(), change.summary());
  EXPECT_EQ(second.place_outcomes_size(), 2) << "fields outside the mask stay";

  // A stale etag changes nothing.
  v1::Visit out;
  change.set_summary("vanhan päälle");
  grpc::Status stale = Amend(g.caller, change, {"summary"}, "vanha", &out);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReason(stale), "STALE_ETAG");

  // From ACCOMPANIED to PHONE: the outcomes go with it.
  v1::Visit phone;
  phone.set_name(logged.name());
  phone.set_mode(v1::Visit::PHONE);
  phone.set_duration_minutes(20);
  v1::Visit third;
  ASSERT_TRUE(
      Amend(g.caller, phone, {"mode", "duration_minutes", "place_outcomes"}, "oli puhelu", &third)
          .ok());
  EXPECT_EQ(third.revision(), 3);
  EXPECT_EQ(third.place_outcomes_size(), 0);
  // An amendment that changes nothing writes no revision.
  v1::Visit same;
  ASSERT_TRUE(Amend(g.caller, phone, {"mode"}, "ei muutosta", &same).ok());
  EXPECT_EQ(same.revision(), 3);

  v1::Visit latest;
  ASSERT_TRUE(GetVisit(g.caller, logged.name(), &latest).ok());
  EXPECT_EQ(latest.revision(), 3);
  EXPECT_EQ(latest.mode(), v1::Visit::PHONE);

  v1::ListVisitRevisionsRequest list;
  list.set_name(logged.name());
  v1::ListVisitRevisionsResponse revisions;
  ASSERT_TRUE(
      visits_->ListVisitRevisions(TestServer::ContextFor(g.caller).get(), list, &revisions).ok());
  ASSERT_EQ(revisions.revisions_size(), 3);
  const v1::VisitRevision& first = revisions.revisions(0);
  EXPECT_EQ(first.visit().revision(), 1);
  EXPECT_EQ(first.visit().summary(), first_summary) << "what was first written is kept";
  EXPECT_EQ(first.visit().mode(), v1::Visit::ACCOMPANIED);
  EXPECT_EQ(first.visit().place_outcomes_size(), 2);
  EXPECT_EQ(first.reason(), "");
  EXPECT_EQ(revisions.revisions(1).reason(), "tarkennus");
  EXPECT_EQ(revisions.revisions(2).reason(), "oli puhelu");
  for (const auto& r : revisions.revisions()) EXPECT_EQ(r.author(), g.guide.name());
  EXPECT_EQ(Count("events WHERE kind = 'visit.amended'"), 2);
  EXPECT_EQ(Count("events WHERE kind = 'visit.amended'"
                  " AND changed_fields = '{duration_minutes,mode,place_outcomes}'"),
            1);
  // The record cannot be rewritten behind the API either.
  EXPECT_EQ(Count("visit_revisions"), 3);
}

TEST_F(VisitsTest, OnlyTheVisitsGuideAmendsAndStaffAddNotesBesideIt) {
  GuideAndClient g = MakeGuidance("A-notes");
  GuideAndClient other = MakeGuidance("A-notes-2", "Eino");
  v1::Visit logged = MustLog(g, ValidVisit(g));
  v1::Visit change;
  change.set_name(logged.name());
  change.set_summary("toisen sanoin");
  v1::Visit out;
  for (const Caller& caller : {Staff(), Staff("coordinator"), other.caller}) {
    grpc::Status status = Amend(caller, change, {"summary"}, "korjaus", &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller.role;
  }
  EXPECT_EQ(Count("visit_revisions"), 1);

  v1::AddVisitCorrectionNoteRequest add;
  add.set_parent(logged.name());
  add.mutable_correction_note()->set_text("Päivämäärä on 12.5., ei 11.5.\nTarkista.");
  add.set_request_id(NewUuid());
  v1::VisitCorrectionNote note, again;
  ASSERT_TRUE(
      visits_->AddVisitCorrectionNote(TestServer::ContextFor(Staff()).get(), add, &note).ok());
  ASSERT_TRUE(
      visits_->AddVisitCorrectionNote(TestServer::ContextFor(Staff()).get(), add, &again).ok());
  EXPECT_EQ(note.name(), again.name()) << "a retried note is one note";
  EXPECT_EQ(note.author(), "users/social_worker");
  EXPECT_EQ(note.author_role(), "social_worker");
  EXPECT_EQ(Count("visit_correction_notes"), 1);
  EXPECT_EQ(Count("events WHERE kind = 'visit_correction_note.created'"), 1);
  // A guide adds no correction notes.
  add.set_request_id("");
  EXPECT_EQ(visits_->AddVisitCorrectionNote(TestServer::ContextFor(g.caller).get(), add, &note)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // The guide sees the note; their words are unchanged.
  v1::Visit read;
  ASSERT_TRUE(GetVisit(g.caller, logged.name(), &read).ok());
  ASSERT_EQ(read.correction_notes_size(), 1);
  EXPECT_EQ(read.correction_notes(0).text(), "Päivämäärä on 12.5., ei 11.5.\nTarkista.");
  EXPECT_EQ(read.summary(), logged.summary());
  EXPECT_EQ(read.revision(), 1);
}

TEST_F(VisitsTest, StaffSeeTheGuidesWordsOnlyWithTheClientsConsent) {
  GuideAndClient g = MakeGuidance("A-consent");
  v1::Visit logged = MustLog(g, AccompaniedVisit(g));
  auto staff_view = [&] {
    v1::Visit read;
    EXPECT_TRUE(GetVisit(Staff(), logged.name(), &read).ok());
    return read;
  };
  auto staff_list = [&] {
    v1::ListVisitsResponse listed;
    EXPECT_TRUE(ListVisits(Staff("coordinator"), g.client.name(), "", &listed).ok());
    EXPECT_EQ(listed.visits_size(), 1);
    return listed.visits_size() ? listed.visits(0) : v1::Visit();
  };
  auto staff_revisions = [&] {
    v1::ListVisitRevisionsRequest r;
    r.set_name(logged.name());
    v1::ListVisitRevisionsResponse out;
    EXPECT_TRUE(visits_->ListVisitRevisions(TestServer::ContextFor(Staff()).get(), r, &out).ok());
    return out.revisions_size() ? out.revisions(0).visit() : v1::Visit();
  };

  // No consent: that the visit happened, when, how long, where and how it went; not the words.
  for (const v1::Visit& seen : {staff_view(), staff_list(), staff_revisions()}) {
    EXPECT_TRUE(seen.summary_withheld());
    EXPECT_EQ(seen.summary(), "");
    ASSERT_EQ(seen.place_outcomes_size(), 2);
    EXPECT_EQ(seen.place_outcomes(0).note(), "");
    EXPECT_EQ(seen.place_outcomes(0).appointment(), v1::PlaceOutcome::KEPT);
    EXPECT_EQ(seen.duration_minutes(), 90);
    EXPECT_EQ(seen.places_size(), 2);
  }
  // The guide always sees their own words.
  v1::Visit own;
  ASSERT_TRUE(GetVisit(g.caller, logged.name(), &own).ok());
  EXPECT_FALSE(own.summary_withheld());
  EXPECT_EQ(own.summary(), logged.summary());

  GrantConsent(g);
  for (const v1::Visit& seen : {staff_view(), staff_list(), staff_revisions()}) {
    EXPECT_FALSE(seen.summary_withheld());
    EXPECT_EQ(seen.summary(), logged.summary());
    ASSERT_EQ(seen.place_outcomes_size(), 2);
    EXPECT_EQ(seen.place_outcomes(0).note(), "Toimeentulotukihakemus jätetty.");
  }
  // The client withdraws it: the latest decision holds.
  GrantConsent(g, false);
  EXPECT_TRUE(staff_view().summary_withheld());
}

TEST_F(VisitsTest, ListsAreNewestFirstAcrossPagesAndFilters) {
  GuideAndClient g = MakeGuidance("A-list");
  std::vector<std::string> newest_first;
  for (int days : {1, 9, 3, 20, 5, 12, 7}) {
    v1::Visit visit = days == 5 ? AccompaniedVisit(g, absl::Hours(24 * days))
                                : ValidVisit(g, absl::Hours(24 * days));
    newest_first.push_back(MustLog(g, visit).name());
  }
  // Sorted by start time, newest first: days 1, 3, 5, 7, 9, 12, 20.
  std::vector<std::string> expected = {newest_first[0], newest_first[2], newest_first[4],
                                       newest_first[6], newest_first[1], newest_first[5],
                                       newest_first[3]};
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListVisitsResponse page;
    ASSERT_TRUE(ListVisits(g.caller, g.client.name(), "", &page, 3, token).ok());
    for (const auto& v : page.visits()) seen.push_back(v.name());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(pages, 3);

  // Between 10 and 4 days ago: days 9, 7 and 5.
  const std::string from =
      absl::FormatTime(absl::RFC3339_full, absl::Now() - absl::Hours(240), absl::UTCTimeZone());
  const std::string until =
      absl::FormatTime(absl::RFC3339_full, absl::Now() - absl::Hours(96), absl::UTCTimeZone());
  v1::ListVisitsResponse range;
  ASSERT_TRUE(ListVisits(Staff(), g.client.name(),
                         "start_time >= \"" + from + "\" AND start_time < \"" + until + "\"",
                         &range)
                  .ok());
  ASSERT_EQ(range.visits_size(), 3);
  EXPECT_EQ(range.visits(0).name(), newest_first[4]);
  EXPECT_EQ(range.visits(2).name(), newest_first[1]);
  v1::ListVisitsResponse accompanied;
  ASSERT_TRUE(ListVisits(Staff(), g.client.name(), "mode = ACCOMPANIED", &accompanied).ok());
  ASSERT_EQ(accompanied.visits_size(), 1);
  EXPECT_EQ(accompanied.visits(0).name(), newest_first[4]);

  // A token of one query is refused for another; a bad filter names `filter`.
  v1::ListVisitsResponse out;
  v1::ListVisitsResponse first;
  ASSERT_TRUE(ListVisits(g.caller, g.client.name(), "", &first, 2).ok());
  grpc::Status status =
      ListVisits(g.caller, g.client.name(), "mode = PHONE", &out, 2, first.next_page_token());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains("page_token"));
  for (const char* bad :
       {"start_time = \"2024-01-01T00:00:00Z\"", "start_time >= yesterday", "mode = WALKING",
        "guide = \"organizations/helsinki/guides/x\"", "colour = blue"}) {
    status = ListVisits(Staff(), g.client.name(), bad, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_TRUE(ViolatedFields(status).contains("filter")) << bad;
  }
}

TEST_F(VisitsTest, AGuideListsTheirOwnVisitsAcrossClients) {
  GuideAndClient first = MakeGuidance("A-own-1");
  GuideAndClient second = first;
  second.client = MustCreateClient("A-own-2");
  ASSERT_TRUE(Assign(Refer(second.client), first.guide, &second.assignment).ok());
  SqlOnAssignment(second, "start_time = start_time - interval '60 days'");
  GuideAndClient other = MakeGuidance("A-own-3", "Eino");
  MustLog(first, ValidVisit(first, absl::Hours(5)));
  MustLog(second, ValidVisit(second, absl::Hours(1)));
  MustLog(other, ValidVisit(other));

  const std::string own = "guide = \"" + first.guide.name() + "\"";
  v1::ListVisitsResponse listed;
  ASSERT_TRUE(ListVisits(first.caller, kParent, own, &listed).ok());
  ASSERT_EQ(listed.visits_size(), 2);
  EXPECT_EQ(listed.visits(0).name().rfind(second.client.name(), 0), 0u) << "newest first";
  EXPECT_EQ(listed.visits(1).name().rfind(first.client.name(), 0), 0u);
  // Each client listed is an access to that client.
  EXPECT_EQ(Count("access_log WHERE method = '/rinnalla.v1.Visits/ListVisits'"), 2);

  // Not without naming themselves, and not another guide's.
  EXPECT_EQ(ListVisits(first.caller, kParent, "", &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ListVisits(first.caller, kParent, "guide = \"" + other.guide.name() + "\"", &listed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Staff list the organization's visits, or one guide's.
  v1::ListVisitsResponse all, by_guide;
  ASSERT_TRUE(ListVisits(Staff("coordinator"), kParent, "", &all).ok());
  EXPECT_EQ(all.visits_size(), 3);
  ASSERT_TRUE(ListVisits(Staff(), kParent, own, &by_guide).ok());
  EXPECT_EQ(by_guide.visits_size(), 2);

  // The second assignment ends: its visits leave the guide's list at once.
  v1::EndAssignmentRequest end;
  end.set_name(second.assignment.name());
  end.set_end_reason(v1::Assignment::CLIENT_MOVED);
  v1::Assignment ended;
  ASSERT_TRUE(
      matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &ended).ok());
  ASSERT_TRUE(ListVisits(first.caller, kParent, own, &listed).ok());
  ASSERT_EQ(listed.visits_size(), 1);
  EXPECT_EQ(listed.visits(0).name().rfind(first.client.name(), 0), 0u);
}

TEST_F(VisitsTest, SummariesGiveThePilotsFigures) {
  GuideAndClient aino = MakeGuidance("A-sum-1", "Aino");
  GuideAndClient eino = MakeGuidance("A-sum-2", "Eino");
  GuideAndClient eino2 = eino;
  eino2.client = MustCreateClient("A-sum-3");
  ASSERT_TRUE(Assign(Refer(eino2.client), eino.guide, &eino2.assignment).ok());
  SqlOnAssignment(eino2, "start_time = start_time - interval '60 days'");

  MustLog(aino, AccompaniedVisit(aino, absl::Hours(30)));  // 90 min: KELA kept, HOUSING walk-in
  v1::Visit missed = AccompaniedVisit(aino, absl::Hours(50));
  missed.mutable_place_outcomes(0)->set_appointment(v1::PlaceOutcome::MISSED);
  missed.set_duration_minutes(60);
  MustLog(aino, missed);                             // 60 min: KELA missed, HOUSING
  MustLog(eino, ValidVisit(eino, absl::Hours(10)));  // 90 min, in person
  v1::Visit phone = ValidVisit(eino2, absl::Hours(20));
  phone.set_mode(v1::Visit::PHONE);
  phone.clear_places();
  phone.set_duration_minutes(15);
  MustLog(eino2, phone);                                    // 15 min
  MustLog(eino2, ValidVisit(eino2, absl::Hours(24 * 40)));  // outside the period

  v1::SummarizeVisitsRequest request;
  request.set_parent(kParent);
  SetTimestamp(absl::Now() - absl::Hours(24 * 7), request.mutable_start_time());
  SetTimestamp(absl::Now(), request.mutable_end_time());
  v1::SummarizeVisitsResponse summary;
  ASSERT_TRUE(
      visits_
          ->SummarizeVisits(TestServer::ContextFor(Staff("coordinator")).get(), request, &summary)
          .ok());
  const v1::VisitTotals& t = summary.totals();
  EXPECT_EQ(t.visits(), 4);
  EXPECT_EQ(t.minutes(), 90 + 60 + 90 + 15);
  EXPECT_DOUBLE_EQ(t.hours(), 255.0 / 60.0);
  EXPECT_EQ(t.accompanied_visits(), 2);
  ASSERT_EQ(t.accompanied_by_place_size(), 2);
  EXPECT_EQ(t.accompanied_by_place(0).place(), v1::KELA);  // code-list order
  EXPECT_EQ(t.accompanied_by_place(0).accompanied_visits(), 2);
  EXPECT_EQ(t.accompanied_by_place(0).appointments_kept(), 1);
  EXPECT_EQ(t.accompanied_by_place(1).place(), v1::HOUSING);
  EXPECT_EQ(t.accompanied_by_place(1).appointments_kept(), 0);
  // Every place, whatever the mode: a visit at two places counts for each with all its minutes;
  // the phone call at no place counts for none.
  ASSERT_EQ(t.by_place_size(), 3);
  EXPECT_EQ(t.by_place(0).place(), v1::KELA);  // code-list order
  EXPECT_EQ(t.by_place(0).visits(), 2);
  EXPECT_EQ(t.by_place(0).minutes(), 90 + 60);
  EXPECT_DOUBLE_EQ(t.by_place(0).hours(), 2.5);
  EXPECT_EQ(t.by_place(1).place(), v1::HOUSING);
  EXPECT_EQ(t.by_place(1).visits(), 2);
  EXPECT_EQ(t.by_place(1).minutes(), 150);
  EXPECT_EQ(t.by_place(2).place(), v1::PUBLIC_PLACE);
  EXPECT_EQ(t.by_place(2).visits(), 1);
  EXPECT_EQ(t.by_place(2).minutes(), 90);
  EXPECT_DOUBLE_EQ(t.by_place(2).hours(), 1.5);

  ASSERT_EQ(summary.guides_size(), 2);
  std::map<std::string, v1::VisitTotals> by_guide, by_client;
  for (const auto& g : summary.guides()) by_guide[g.guide()] = g.totals();
  for (const auto& c : summary.clients()) by_client[c.client()] = c.totals();
  EXPECT_EQ(by_guide[aino.guide.name()].visits(), 2);
  EXPECT_EQ(by_guide[aino.guide.name()].minutes(), 150);
  EXPECT_EQ(by_guide[aino.guide.name()].accompanied_visits(), 2);
  EXPECT_EQ(by_guide[eino.guide.name()].visits(), 2);
  EXPECT_EQ(by_guide[eino.guide.name()].minutes(), 105);
  EXPECT_EQ(by_guide[eino.guide.name()].accompanied_by_place_size(), 0);
  ASSERT_EQ(by_guide[eino.guide.name()].by_place_size(), 1);
  EXPECT_EQ(by_guide[eino.guide.name()].by_place(0).place(), v1::PUBLIC_PLACE);
  EXPECT_EQ(by_guide[eino.guide.name()].by_place(0).minutes(), 90);
  ASSERT_EQ(summary.clients_size(), 3);
  EXPECT_EQ(by_client[eino2.client.name()].visits(), 1);
  EXPECT_EQ(by_client[eino2.client.name()].by_place_size(), 0) << "one phone call, at no place";
  EXPECT_EQ(by_client[aino.client.name()].accompanied_by_place(0).accompanied_visits(), 2);
  // The per-client figures are each client's data: one access-log row each.
  EXPECT_EQ(Count("access_log WHERE method = '/rinnalla.v1.Visits/SummarizeVisits'"), 3);

  // In total only: the same totals, no figures per guide or client, and no client's data read.
  v1::SummarizeVisitsRequest in_total = request;
  in_total.set_totals_only(true);
  v1::SummarizeVisitsResponse totals_only;
  ASSERT_TRUE(visits_
                  ->SummarizeVisits(TestServer::ContextFor(Staff("coordinator")).get(), in_total,
                                    &totals_only)
                  .ok());
  EXPECT_EQ(totals_only.totals().DebugString(), summary.totals().DebugString());
  EXPECT_EQ(totals_only.guides_size(), 0);
  EXPECT_EQ(totals_only.clients_size(), 0);
  EXPECT_EQ(Count("access_log WHERE method = '/rinnalla.v1.Visits/SummarizeVisits'"), 3);

  // One guide's figures; the period is required and must be a period.
  request.set_filter("guide = \"" + eino.guide.name() + "\"");
  ASSERT_TRUE(
      visits_->SummarizeVisits(TestServer::ContextFor(Staff()).get(), request, &summary).ok());
  EXPECT_EQ(summary.totals().visits(), 2);
  EXPECT_EQ(summary.guides_size(), 1);
  *request.mutable_end_time() = request.start_time();
  grpc::Status status =
      visits_->SummarizeVisits(TestServer::ContextFor(Staff()).get(), request, &summary);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains("end_time"));
  // Guides do not get the figures.
  request.clear_filter();
  SetTimestamp(absl::Now(), request.mutable_end_time());
  EXPECT_EQ(visits_->SummarizeVisits(TestServer::ContextFor(aino.caller).get(), request, &summary)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace rinnalla::testing
