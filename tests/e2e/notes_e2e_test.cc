// Progress notes end to end: the guide and the social worker write notes that rate agreed goals;
// corrections keep both notes; bad notes write nothing; guides see only their own period and
// shared notes; staff see a guide's words only with the client's consent.

#include <functional>
#include <iostream>

#include "notes_fixture.h"
#include "role_matrix.h"

namespace rinnalla::testing {
namespace {

class ProgressNotesTest : public NotesTest {
 protected:
  void SetUp() override {
    g_ = StartGuidance("A-notes");
    goal_ = AgreeGoal(g_, "Hoidan Kela-asiat itse");
  }
  // Nothing of a note was written: no note, no rating, no event.
  void ExpectNothingWritten(const std::string& what) {
    EXPECT_EQ(Count("progress_notes"), 0) << what;
    EXPECT_EQ(Count("goal_ratings"), 0) << what;
    EXPECT_EQ(Count("events WHERE kind = 'note.created'"), 0) << what;
  }
  Caller Guide() const { return AsGuide(g_.guide); }

  Guidance g_;
  std::string goal_;
};

TEST_F(ProgressNotesTest, GuideAndSocialWorkerWriteNotesThatRateAgreedGoals) {
  v1::ProgressNote in = Note("Kävimme yhdessä Kelassa. Asiakas hoiti asian itse.");
  Rate(in, goal_, 1);  // the guide's own view
  Rate(in, goal_, 2, v1::CLIENT, "Tuntui hyvältä");
  v1::ProgressNote note = MustAddNote(Guide(), g_.client, in);
  EXPECT_TRUE(note.name().starts_with(g_.client.name() + "/notes/"));
  EXPECT_EQ(note.assignment(), g_.assignment.name()) << "the client's open assignment";
  EXPECT_EQ(note.author(), g_.guide.name());
  EXPECT_EQ(note.author_role(), v1::ProgressNote::GUIDE);
  EXPECT_EQ(note.visibility(), v1::ProgressNote::SHARED);
  EXPECT_FALSE(note.text_withheld()) << "the guide always sees their own words";
  ASSERT_EQ(note.goal_ratings_size(), 2);
  EXPECT_GT(note.create_time().seconds(), 0);

  EXPECT_EQ(Count("goal_ratings WHERE source_kind = 'NOTE' AND source_id = '" +
                  Guidance::Id(note.name()) + "' AND rated_by IN ('GUIDE', 'CLIENT')"),
            2);
  EXPECT_EQ(Count("events WHERE kind = 'note.created' AND resource = '" + note.name() + "'"), 1);
  EXPECT_EQ(
      Count("access_log WHERE method = '/rinnalla.v1.Notes/AddProgressNote' AND client_id = '" +
            g_.client_id() + "' AND outcome = 'OK'"),
      1);

  v1::ProgressNote staff_in = Note("Tavoite etenee.", v1::ProgressNote::SHARED);
  Rate(staff_in, goal_, 0);
  v1::ProgressNote staff_note = MustAddNote(kSocialWorker, g_.client, staff_in);
  EXPECT_EQ(staff_note.author_role(), v1::ProgressNote::SOCIAL_WORKER);
  EXPECT_EQ(staff_note.goal_ratings(0).rated_by(), v1::SOCIAL_WORKER);

  v1::GetProgressNoteRequest get;
  get.set_name(note.name());
  v1::ProgressNote read;
  ASSERT_TRUE(notes_->GetProgressNote(TestServer::ContextFor(Guide()).get(), get, &read).ok());
  EXPECT_EQ(read.text(), in.text());
  EXPECT_EQ(read.goal_ratings_size(), 2);

  v1::ListProgressNotesResponse listed;
  ASSERT_TRUE(ListNotes(kCoordinator, g_.client, "", &listed).ok());
  ASSERT_EQ(listed.notes_size(), 2);
  EXPECT_EQ(listed.notes(0).name(), staff_note.name()) << "newest first";
}

TEST_F(ProgressNotesTest, BadNotesAreRefusedNamingTheFieldAndWriteNothing) {
  const std::string proposed = AgreeGoal(g_, "Ehdotettu", 1, "PROPOSED");
  const std::string achieved = AgreeGoal(g_, "Saavutettu", 1, "ACHIEVED");
  Guidance other = StartGuidance("A-other", "Toinen Opas");
  const std::string others_goal = AgreeGoal(other, "Toisen tavoite");
  server_.database().Exec("DELETE FROM events WHERE kind = 'note.created'");

  struct Case {
    std::string what;
    Caller caller;
    std::function<void(v1::ProgressNote&)> change;
    grpc::StatusCode code;
    std::string field_or_reason;
  };
  const std::vector<Case> cases = {
      {"score 3", Guide(), [&](auto& n) { Rate(n, goal_, 3); }, grpc::INVALID_ARGUMENT,
       "note.goal_ratings[0].score"},
      {"score -3", kSocialWorker, [&](auto& n) { Rate(n, goal_, -3); }, grpc::INVALID_ARGUMENT,
       "note.goal_ratings[0].score"},
      {"a guide writing STAFF_ONLY", Guide(),
       [](auto& n) { n.set_visibility(v1::ProgressNote::STAFF_ONLY); }, grpc::INVALID_ARGUMENT,
       "note.visibility"},
      {"an unknown visibility", kSocialWorker,
       [](auto& n) { n.set_visibility(static_cast<v1::ProgressNote::Visibility>(7)); },
       grpc::INVALID_ARGUMENT, "note.visibility"},
      {"a PROPOSED goal", Guide(), [&](auto& n) { Rate(n, proposed, 1); },
       grpc::FAILED_PRECONDITION, "GOAL_NOT_AGREED"},
      {"an ACHIEVED goal", kSocialWorker, [&](auto& n) { Rate(n, achieved, 1); },
       grpc::FAILED_PRECONDITION, "GOAL_NOT_AGREED"},
      {"an agreed goal and then one not agreed: neither", Guide(),
       [&](auto& n) {
         Rate(n, goal_, 1);
         Rate(n, proposed, 1);
       },
       grpc::FAILED_PRECONDITION, "GOAL_NOT_AGREED"},
      {"a goal that does not exist", kSocialWorker,
       [&](auto& n) { Rate(n, g_.client.name() + "/goals/" + NewUuid(), 1); }, grpc::NOT_FOUND,
       "NOT_FOUND"},
      {"another client's goal", kSocialWorker, [&](auto& n) { Rate(n, others_goal, 1); },
       grpc::INVALID_ARGUMENT, "note.goal_ratings[0].goal"},
      {"the same goal twice for one rater", Guide(),
       [&](auto& n) {
         Rate(n, goal_, 1);
         Rate(n, goal_, 2, v1::GUIDE);
       },
       grpc::INVALID_ARGUMENT, "note.goal_ratings[1]"},
      {"a guide rating as a social worker", Guide(),
       [&](auto& n) { Rate(n, goal_, 1, v1::SOCIAL_WORKER); }, grpc::INVALID_ARGUMENT,
       "note.goal_ratings[0].rated_by"},
      {"staff rating as the guide", kSocialWorker, [&](auto& n) { Rate(n, goal_, 1, v1::GUIDE); },
       grpc::INVALID_ARGUMENT, "note.goal_ratings[0].rated_by"},
      {"a comment with a control character", Guide(),
       [&](auto& n) { Rate(n, goal_, 1, v1::CLIENT, "a\x01"); }, grpc::INVALID_ARGUMENT,
       "note.goal_ratings[0].comment"},
      {"text over 8000 characters", kSocialWorker,
       [](auto& n) { n.set_text(std::string(8001, 'a')); }, grpc::INVALID_ARGUMENT, "note.text"},
      {"no text and no ratings", Guide(), [](auto& n) { n.set_text("  \n "); },
       grpc::INVALID_ARGUMENT, "note.text"},
      {"an assignment of another organization", kSocialWorker,
       [](auto& n) { n.set_assignment("organizations/helsinki/assignments/" + NewUuid()); },
       grpc::INVALID_ARGUMENT, "note.assignment"},
      {"another client's assignment", kSocialWorker,
       [&](auto& n) { n.set_assignment(other.assignment.name()); }, grpc::FAILED_PRECONDITION,
       "ASSIGNMENT_OF_ANOTHER_CLIENT"},
      {"correcting another client's note", kSocialWorker,
       [&](auto& n) { n.set_corrects(other.client.name() + "/notes/" + NewUuid()); },
       grpc::INVALID_ARGUMENT, "note.corrects"},
      {"correcting a note that does not exist", kSocialWorker,
       [&](auto& n) { n.set_corrects(g_.client.name() + "/notes/" + NewUuid()); },
       grpc::FAILED_PRECONDITION, "NOT_OWN_NOTE"},
  };
  for (const Case& c : cases) {
    v1::ProgressNote note = Note("Hyvä viikko.");
    c.change(note);
    v1::ProgressNote out;
    grpc::Status status = AddNote(c.caller, g_.client, note, &out);
    EXPECT_EQ(status.error_code(), c.code) << c.what << ": " << status.error_message();
    if (c.code == grpc::INVALID_ARGUMENT) {
      EXPECT_TRUE(ViolatedFields(status).contains(c.field_or_reason)) << c.what;
    } else {
      EXPECT_EQ(ErrorReason(status), c.field_or_reason) << c.what;
    }
    EXPECT_EQ(out.ByteSizeLong(), 0u) << c.what;
    ExpectNothingWritten(c.what);
  }
  v1::AddProgressNoteRequest bad_id;
  bad_id.set_parent(g_.client.name());
  *bad_id.mutable_note() = Note("x");
  bad_id.set_request_id("not-a-uuid");
  v1::ProgressNote out;
  grpc::Status status =
      notes_->AddProgressNote(TestServer::ContextFor(Guide()).get(), bad_id, &out);
  EXPECT_TRUE(ViolatedFields(status).contains("request_id"));
  ExpectNothingWritten("a bad request id");
}

TEST_F(ProgressNotesTest, AGuideNotOnTheAssignmentIsRefused) {
  Guidance elsewhere = StartGuidance("A-elsewhere", "Muu Opas");
  v1::ProgressNote out;
  grpc::Status status = AddNote(AsGuide(elsewhere.guide), g_.client, Note("Hei"), &out);
  EXPECT_EQ(status.error_code(), grpc::PERMISSION_DENIED);
  // Naming the assignment does not help.
  v1::ProgressNote named = Note("Hei");
  named.set_assignment(g_.assignment.name());
  EXPECT_EQ(AddNote(AsGuide(elsewhere.guide), g_.client, named, &out).error_code(),
            grpc::PERMISSION_DENIED);
  v1::ListProgressNotesResponse listed;
  EXPECT_EQ(ListNotes(AsGuide(elsewhere.guide), g_.client, "", &listed).error_code(),
            grpc::PERMISSION_DENIED);
  EXPECT_EQ(Count("progress_notes"), 0);
  EXPECT_EQ(Count("access_log WHERE outcome = 'DENIED' AND client_id = '" + g_.client_id() + "'"),
            3);

  // The guidance ends: the guide's access to the client ends with it.
  MustAddNote(Guide(), g_.client, Note("Viimeinen tapaaminen."));
  EndGuidance(g_);
  EXPECT_EQ(AddNote(Guide(), g_.client, Note("Vielä yksi"), &out).error_code(),
            grpc::PERMISSION_DENIED);
  EXPECT_EQ(ListNotes(Guide(), g_.client, "", &listed).error_code(), grpc::PERMISSION_DENIED);
  // A new guide does not write on the earlier guide's assignment.
  Guidance next = NextGuidance(g_, "Uusi Opas");
  EXPECT_EQ(AddNote(AsGuide(next.guide), g_.client, named, &out).error_code(),
            grpc::PERMISSION_DENIED);
  EXPECT_EQ(Count("progress_notes"), 1);
  // Staff may still write on the ended one (the closing evaluation), and must name it when the
  // client has no open assignment.
  EXPECT_EQ(AddNote(kSocialWorker, g_.client, named, &out).error_code(), grpc::OK);
}

TEST_F(ProgressNotesTest, WithoutAnOpenAssignmentStaffNameOne) {
  Guidance g = StartGuidance("A-ended");
  EndGuidance(g);
  v1::ProgressNote out;
  v1::ProgressNote note = Note("Loppuarvio", v1::ProgressNote::VISIBILITY_UNSPECIFIED);
  grpc::Status status = AddNote(kSocialWorker, g.client, note, &out);
  EXPECT_EQ(status.error_code(), grpc::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "NO_OPEN_ASSIGNMENT");
  v1::ProgressNote named = note;
  named.set_assignment(g.assignment.name());
  EXPECT_TRUE(AddNote(kSocialWorker, g.client, named, &out).ok());
  EXPECT_EQ(out.visibility(), v1::ProgressNote::STAFF_ONLY) << "staff's default";
}

TEST_F(ProgressNotesTest, CorrectionsKeepBothNotesAndTakeTheCorrectedRatingsPlace) {
  v1::ProgressNote first_in = Note("Asiakas sai asunnon.");
  Rate(first_in, goal_, 2);
  v1::ProgressNote first = MustAddNote(Guide(), g_.client, first_in);
  v1::ProgressNote later_in = Note("Tavallinen viikko.");
  Rate(later_in, goal_, 1);
  v1::ProgressNote later = MustAddNote(Guide(), g_.client, later_in);

  v1::ProgressNote fix_in = Note("Korjaus: asunto vasta haussa.");
  fix_in.set_corrects(first.name());
  Rate(fix_in, goal_, 0);
  v1::ProgressNote fix = MustAddNote(Guide(), g_.client, fix_in);
  EXPECT_EQ(fix.corrects(), first.name());
  EXPECT_EQ(fix.assignment(), first.assignment());

  v1::ListProgressNotesResponse listed;
  ASSERT_TRUE(ListNotes(kSocialWorker, g_.client, "", &listed).ok());
  ASSERT_EQ(listed.notes_size(), 3) << "both the corrected note and its correction stay";
  const v1::ProgressNote& original = listed.notes(2);
  EXPECT_EQ(original.name(), first.name());
  ASSERT_EQ(original.corrected_by_size(), 1);
  EXPECT_EQ(original.corrected_by(0), fix.name());
  EXPECT_EQ(original.goal_ratings(0).score(), 2) << "the original is kept as it was";
  EXPECT_EQ(Count("goal_ratings"), 3);

  // The correction's rating stands in the original's place in the goal's history: the latest is
  // still the later note's.
  v1::GoalAttainment attainment;
  ASSERT_TRUE(Attainment(kSocialWorker, g_.client, &attainment).ok());
  ASSERT_EQ(attainment.goals_size(), 1);
  const v1::GoalProgress& progress = attainment.goals(0);
  ASSERT_EQ(progress.history_size(), 2);
  EXPECT_EQ(progress.history(0).score(), 0);
  EXPECT_EQ(progress.history(0).source(), fix.name());
  EXPECT_EQ(progress.history(0).time().seconds(), first.create_time().seconds());
  EXPECT_EQ(progress.history(0).time().nanos(), first.create_time().nanos());
  EXPECT_EQ(progress.history(1).source(), later.name());
  EXPECT_EQ(progress.latest_score(), 1);

  // Only the author corrects a note.
  v1::ProgressNote not_mine = Note("Korjaan toisen merkintää");
  not_mine.set_corrects(first.name());
  v1::ProgressNote out;
  grpc::Status status = AddNote(kSocialWorker, g_.client, not_mine, &out);
  EXPECT_EQ(status.error_code(), grpc::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "NOT_OWN_NOTE");
  EXPECT_EQ(Count("progress_notes"), 3);
}

TEST_F(ProgressNotesTest, NotesCannotBeChangedOrRemovedInTheDatabase) {
  MustAddNote(Guide(), g_.client, Note("Pysyvä merkintä."));
  // Each block fails the test (Exec reports the error) unless the database refuses the change.
  server_.database().Exec(
      "DO $$ BEGIN UPDATE progress_notes SET text = 'muutettu';"
      " RAISE EXCEPTION 'the update went through';"
      " EXCEPTION WHEN insufficient_privilege THEN NULL; END $$;"
      "DO $$ BEGIN DELETE FROM progress_notes;"
      " RAISE EXCEPTION 'the delete went through';"
      " EXCEPTION WHEN insufficient_privilege THEN NULL; END $$;");
  EXPECT_EQ(Count("progress_notes WHERE text = 'Pysyvä merkintä.'"), 1);
}

TEST_F(ProgressNotesTest, GuidesSeeSharedNotesOnlyAndStaffSeeGuidesWordsOnlyWithConsent) {
  v1::ProgressNote guide_in = Note("Asiakas kertoi velkatilanteesta.");
  Rate(guide_in, goal_, -1, v1::GUIDE, "Huolestuttaa");
  v1::ProgressNote guide_note = MustAddNote(Guide(), g_.client, guide_in);
  v1::ProgressNote staff_only = MustAddNote(
      kSocialWorker, g_.client, Note("Lastensuojeluilmoitus tehty.", v1::ProgressNote::STAFF_ONLY));
  v1::ProgressNote shared = MustAddNote(kSocialWorker, g_.client, Note("Tapaaminen sovittu."));
  EXPECT_EQ(shared.visibility(), v1::ProgressNote::SHARED);

  // The guide: their own note and the shared one, never the staff-only one.
  v1::ListProgressNotesResponse as_guide;
  ASSERT_TRUE(ListNotes(Guide(), g_.client, "", &as_guide).ok());
  ASSERT_EQ(as_guide.notes_size(), 2);
  EXPECT_EQ(as_guide.notes(0).name(), shared.name());
  EXPECT_EQ(as_guide.notes(1).name(), guide_note.name());
  v1::GetProgressNoteRequest get;
  get.set_name(staff_only.name());
  v1::ProgressNote out;
  EXPECT_EQ(notes_->GetProgressNote(TestServer::ContextFor(Guide()).get(), get, &out).error_code(),
            grpc::PERMISSION_DENIED);
  EXPECT_EQ(out.ByteSizeLong(), 0u);
  get.set_name(g_.client.name() + "/notes/" + NewUuid());
  EXPECT_EQ(notes_->GetProgressNote(TestServer::ContextFor(Guide()).get(), get, &out).error_code(),
            grpc::PERMISSION_DENIED)
      << "a missing note looks the same to a guide";
  EXPECT_EQ(
      notes_->GetProgressNote(TestServer::ContextFor(kSocialWorker).get(), get, &out).error_code(),
      grpc::NOT_FOUND);

  // Staff without the client's consent: the guide's note exists, its words do not show; the
  // scores do.
  auto staff_view = [&]() {
    v1::ListProgressNotesResponse listed;
    EXPECT_TRUE(ListNotes(kSocialWorker, g_.client, "author_role = GUIDE", &listed).ok());
    EXPECT_EQ(listed.notes_size(), 1);
    return listed.notes_size() == 1 ? listed.notes(0) : v1::ProgressNote();
  };
  v1::ProgressNote withheld = staff_view();
  EXPECT_TRUE(withheld.text_withheld());
  EXPECT_EQ(withheld.text(), "");
  ASSERT_EQ(withheld.goal_ratings_size(), 1);
  EXPECT_EQ(withheld.goal_ratings(0).score(), -1);
  EXPECT_EQ(withheld.goal_ratings(0).comment(), "");
  SetConsent(g_, true);
  v1::ProgressNote consented = staff_view();
  EXPECT_FALSE(consented.text_withheld());
  EXPECT_EQ(consented.text(), guide_in.text());
  EXPECT_EQ(consented.goal_ratings(0).comment(), "Huolestuttaa");
  SetConsent(g_, false);  // the latest decision holds
  EXPECT_TRUE(staff_view().text_withheld());
}

TEST_F(ProgressNotesTest, TheSameRequestIdWritesOnce) {
  const std::string request_id = NewUuid();
  v1::ProgressNote in = Note("Verkkoyhteys katkesi.");
  Rate(in, goal_, 1);
  v1::ProgressNote first, second, other;
  ASSERT_TRUE(AddNote(Guide(), g_.client, in, &first, request_id).ok());
  ASSERT_TRUE(AddNote(Guide(), g_.client, in, &second, request_id).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Count("progress_notes"), 1);
  EXPECT_EQ(Count("goal_ratings"), 1);
  grpc::Status status = AddNote(Guide(), g_.client, Note("Eri merkintä"), &other, request_id);
  EXPECT_EQ(status.error_code(), grpc::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReason(status), "REQUEST_ID_REUSED");
}

TEST_F(ProgressNotesTest, ListFiltersAndPages) {
  const std::string second_goal = AgreeGoal(g_, "Käyn ryhmässä");
  v1::ProgressNote rated = Note("Ryhmässä kävi hyvin.");
  Rate(rated, second_goal, 1);
  v1::ProgressNote on_goal = MustAddNote(Guide(), g_.client, rated);
  for (int i = 0; i < 4; ++i)
    MustAddNote(kSocialWorker, g_.client, Note("Merkintä " + std::to_string(i)));

  v1::ListProgressNotesResponse listed;
  ASSERT_TRUE(ListNotes(kSocialWorker, g_.client, "goal = \"" + second_goal + "\"", &listed).ok());
  ASSERT_EQ(listed.notes_size(), 1);
  EXPECT_EQ(listed.notes(0).name(), on_goal.name());
  ASSERT_TRUE(ListNotes(kSocialWorker, g_.client, "author_role = SOCIAL_WORKER", &listed).ok());
  EXPECT_EQ(listed.notes_size(), 4);
  listed.Clear();
  ASSERT_TRUE(
      ListNotes(kSocialWorker, g_.client, "after = \"2999-01-01T00:00:00Z\"", &listed).ok());
  EXPECT_EQ(listed.notes_size(), 0);
  ASSERT_TRUE(ListNotes(kSocialWorker, g_.client,
                        "after = \"2000-01-01T00:00:00Z\" AND before = \"2999-01-01T00:00:00Z\"",
                        &listed)
                  .ok());
  EXPECT_EQ(listed.notes_size(), 5);

  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListProgressNotesResponse page;
    ASSERT_TRUE(ListNotes(kSocialWorker, g_.client, "", &page, 2, token).ok());
    for (const auto& n : page.notes()) EXPECT_TRUE(seen.insert(n.name()).second);
    token = page.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);

  for (const std::string& bad : {std::string("author_role = CLIENT"), std::string("goal = \"x\""),
                                 std::string("after = \"eilen\""), std::string("text = \"a\"")}) {
    grpc::Status status = ListNotes(kSocialWorker, g_.client, bad, &listed);
    EXPECT_EQ(status.error_code(), grpc::INVALID_ARGUMENT) << bad;
    EXPECT_TRUE(ViolatedFields(status).contains("filter")) << bad;
  }
  grpc::Status status = ListNotes(kSocialWorker, g_.client, "", &listed, -1);
  EXPECT_TRUE(ViolatedFields(status).contains("page_size"));
}

// The Notes RPCs as the role matrix calls them: a staff member's shared note to read, and a
// second guidance, of another guide.
class NotesAccessTest : public ProgressNotesTest {
 protected:
  void SetUp() override {
    ProgressNotesTest::SetUp();
    staff_note_ = MustAddNote(kSocialWorker, g_.client, Note("Jaettu", v1::ProgressNote::SHARED));
    other_ = StartGuidance("A-matrix", "Vieras Opas");
  }

  // `readers`: who may read and add notes of g_'s client.
  std::map<std::string, MatrixRpc> Rpcs(const std::set<std::string>& readers) {
    auto method = [](const std::string& rpc) { return "/rinnalla.v1.Notes/" + rpc; };
    using enum RefusalFiled;
    return {
        {"AddProgressNote",
         {.method = method("AddProgressNote"),
          .call =
              [&](const Caller& c) {
                v1::ProgressNote out;
                grpc::Status status = AddNote(c, g_.client, Note("Hei"), &out);
                return CallResultOf(status, out, {out.name()}, g_.client.name());
              },
          .allowed = readers,
          .returns = g_.client.name() + "/notes/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetProgressNote",
         {.method = method("GetProgressNote"),
          .call =
              [&](const Caller& c) {
                v1::GetProgressNoteRequest r;
                r.set_name(staff_note_.name());
                v1::ProgressNote out;
                grpc::Status status =
                    notes_->GetProgressNote(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, g_.client.name());
              },
          .allowed = readers,
          .returns = staff_note_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListProgressNotes",
         {.method = method("ListProgressNotes"),
          .call =
              [&](const Caller& c) {
                v1::ListProgressNotesResponse out;
                grpc::Status s = ListNotes(c, g_.client, "", &out);
                std::vector<std::string> names;
                for (const auto& n : out.notes()) names.push_back(n.name());
                return CallResultOf(s, out, names, g_.client.name());
              },
          .allowed = readers,
          .returns = staff_note_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetClientTimeline",
         {.method = method("GetClientTimeline"),
          .call =
              [&](const Caller& c) {
                v1::GetClientTimelineResponse out;
                grpc::Status s = Timeline(c, g_.client, &out);
                std::vector<std::string> resources;
                for (const auto& e : out.entries()) resources.push_back(e.resource());
                return CallResultOf(s, out, resources, g_.client.name());
              },
          .allowed = readers,
          .returns = staff_note_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetGoalAttainment",
         {.method = method("GetGoalAttainment"),
          .call =
              [&](const Caller& c) {
                v1::GoalAttainment out;
                grpc::Status s = Attainment(c, g_.client, &out);
                std::vector<std::string> goals;
                for (const auto& goal : out.goals()) goals.push_back(goal.goal());
                return CallResultOf(s, out, goals, g_.client.name());
              },
          .allowed = readers,
          .returns = goal_,
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"SummarizeOutcomes",
         {.method = method("SummarizeOutcomes"),
          .call =
              [&](const Caller& c) {
                v1::SummarizeOutcomesRequest r;
                r.set_parent(kParent);
                r.mutable_period()->mutable_start_time()->set_seconds(0);
                v1::OutcomeSummary out;
                grpc::Status s =
                    notes_->SummarizeOutcomes(TestServer::ContextFor(c).get(), r, &out);
                // The figures are over both guidances: a row for each client.
                CallResult result = CallResultOf(
                    s, out, {"assignments started: " + std::to_string(out.assignments_started())},
                    g_.client.name());
                result.also_read = {other_.client.name()};
                return result;
              },
          .allowed = {"coordinator"},
          .returns = "assignments started: 2",
          .logs_client = true}},
    };
  }

  v1::ProgressNote staff_note_;
  Guidance other_;
};

// API.md's role table for the Notes RPCs, in the caller's organization and another: the client's
// guide, and then a guide of another client in the guide's place.
TEST_F(NotesAccessTest, EveryNotesRpcEveryRole) {
  const MatrixTally own_guide =
      ExpectRoleMatrix(server_.database(), Rpcs({"coordinator", "social_worker", "guide"}),
                       [&](const std::string& role, const std::string& org) -> Caller {
                         return {org, role, role == "guide" ? g_.guide.name() : "users/" + role};
                       });
  const MatrixTally other_guide = ExpectRoleMatrix(
      server_.database(), Rpcs({"coordinator", "social_worker"}),
      [&](const std::string& role, const std::string& org) -> Caller {
        return {org, role, role == "guide" ? other_.guide.name() : "users/" + role};
      });
  std::cout << "notes role matrix: 6 RPCs, " << own_guide.calls + other_guide.calls << " calls, "
            << own_guide.denied_rows + other_guide.denied_rows << " DENIED rows and "
            << own_guide.ok_rows + other_guide.ok_rows << " OK rows asserted\n";
}

TEST_F(NotesAccessTest, WithTheLogUnwritableEveryReadOfNotesReturnsNoData) {
  const auto rpcs = Rpcs({"coordinator", "social_worker", "guide"});
  MakeTheAccessLogUnwritable(server_.database());
  ExpectNoDataWithoutTheLog(rpcs,
                            {"GetProgressNote", "ListProgressNotes", "GetClientTimeline",
                             "GetGoalAttainment", "SummarizeOutcomes"},
                            [&](const std::string& role) -> Caller {
                              return {"paijat-hame", role, "users/" + role};
                            });
}

}  // namespace
}  // namespace rinnalla::testing
