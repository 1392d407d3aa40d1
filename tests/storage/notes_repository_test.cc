// The notes repository against PostgreSQL: notes with their ratings are written and read back,
// corrections stay with the notes they correct, the timeline and goal attainment show them, every
// refusal writes nothing, and a note's text round-trips whatever it holds.

#include "rinnalla/storage/notes_repository.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "every_byte.h"
#include "resource_names.h"
#include "rinnalla/storage/resource_names.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/status_facts.h"
#include "seed_rows.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

class NotesRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    guide_ = AddGuide();
    client_ = NewUuid();
    assignment_ = AddAssignment(client_, guide_);
    goal_ = AddGoal(assignment_, "AGREED");
  }

  std::string AddGuide() { return SeedGuide(test_db_); }
  // An ENDED guidance here ended as a rematch.
  std::string AddAssignment(const std::string& client, const std::string& guide,
                            const std::string& state = "ACTIVE") {
    return SeedAssignment(test_db_, client, guide, state, "REMATCH");
  }
  std::string AddGoal(const std::string& assignment, const std::string& state) {
    const std::string id = NewUuid();
    test_db_.Exec(absl::StrCat(
        "INSERT INTO goals (org_id, id, client_id, assignment_id, title, gas_levels, state,"
        " created_by, agreed_time) VALUES ('ph', '",
        id, "', '", client_, "', '", assignment, "', 'Hoidan asiani', '{a,b,c,d,e}', '", state,
        "', 'x', ", state == "PROPOSED" ? "NULL" : "now()", ")"));
    return id;
  }
  CallScope Guide() const {
    CallScope scope{
        {"ph", storage::ResourceName("ph", "guides", guide_), "guide", "/test", "req-g"}};
    scope.is_guide = true;
    scope.guide_id = guide_;
    return scope;
  }
  NewProgressNote Note(const std::string& text, std::vector<GoalRatingRecord> ratings = {}) const {
    NewProgressNote n;
    n.id = NewUuid();
    n.client_id = client_;
    n.text = text;
    n.visibility = "SHARED";
    n.ratings = std::move(ratings);
    return n;
  }
  absl::StatusOr<ProgressNoteRecord> Add(const CallScope& scope, const NewProgressNote& n) {
    auto outcome = repo_->AddNote(scope, n, std::nullopt, Encode);
    if (!outcome.ok()) return outcome.status();
    return *outcome->created;
  }
  void ExpectRefusedWritingNothing(const absl::Status& status, absl::StatusCode code,
                                   const std::string& reason, long long rows_before) {
    EXPECT_EQ(status.code(), code) << status;
    if (!reason.empty()) {
      EXPECT_EQ(ReasonOf(status), reason) << status;
    }
    EXPECT_EQ(test_db_.RowsBesideTheAccessLog(), rows_before) << reason;
  }
  static std::string Encode(const ProgressNoteRecord& n) { return "response:" + n.id; }

  testing::TestDatabase test_db_;
  std::unique_ptr<NotesRepository> repo_ = MakePgNotesRepository(test_db_.db());
  CallScope staff_{{"ph", "organizations/ph/users/sw", "social_worker", "/test", "req-1"}};
  std::string guide_, client_, assignment_, goal_;
};

TEST_F(NotesRepositoryTest, ANoteWithRatingsIsWrittenAndReadBack) {
  absl::StatusOr<ProgressNoteRecord> note =
      Add(Guide(), Note("Kävimme Kelassa.", {{goal_, 1, "CLIENT", "Meni hyvin"}}));
  ASSERT_TRUE(note.ok()) << note.status();
  EXPECT_EQ(note->assignment_id, assignment_);  // the client's open one
  EXPECT_EQ(note->author, Guide().actor);
  EXPECT_EQ(note->author_role, "GUIDE");
  absl::StatusOr<ProgressNoteRecord> read = repo_->GetNote(Guide(), client_, note->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->text, "Kävimme Kelassa.");
  ASSERT_EQ(read->ratings.size(), 1u);
  EXPECT_EQ(read->ratings[0].goal_id, goal_);
  EXPECT_EQ(read->ratings[0].score, 1);
  EXPECT_EQ(read->ratings[0].rated_by, "CLIENT");
  EXPECT_EQ(read->ratings[0].comment, "Meni hyvin");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'note.created'"), 1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM goal_ratings WHERE source_kind = 'NOTE'"),
            1);
  // Listed, the goal's attainment rated, and on the timeline.
  PageRequest page;
  page.page_size = 10;
  auto listed =
      repo_->ListNotes(staff_, client_, {goal_, std::nullopt, std::nullopt, std::nullopt}, page);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, note->id);
  auto attainment = repo_->GoalAttainment(staff_, client_, std::nullopt);
  ASSERT_TRUE(attainment.ok()) << attainment.status();
  EXPECT_EQ(attainment->assignment_id, assignment_);
  ASSERT_EQ(attainment->goals.size(), 1u);
  ASSERT_EQ(attainment->goals[0].ratings.size(), 1u);
  EXPECT_EQ(attainment->goals[0].ratings[0].rating.score, 1);
  EXPECT_EQ(attainment->goals[0].ratings[0].source_id, note->id);
  auto timeline = repo_->Timeline(staff_, client_, page);
  ASSERT_TRUE(timeline.ok()) << timeline.status();
  bool on_timeline = false;
  for (const TimelineEntryRecord& e : timeline->items) on_timeline |= e.id == note->id;
  EXPECT_TRUE(on_timeline);
}

TEST_F(NotesRepositoryTest, ACorrectionIsTheAuthorsOwnAndStaysWithTheCorrectedNote) {
  absl::StatusOr<ProgressNoteRecord> first = Add(Guide(), Note("Väärä päivä."));
  ASSERT_TRUE(first.ok()) << first.status();
  NewProgressNote correction = Note("Oikea päivä.");
  correction.corrects_id = first->id;
  absl::StatusOr<ProgressNoteRecord> corrected = Add(Guide(), correction);
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  EXPECT_EQ(corrected->corrects_id, first->id);
  EXPECT_EQ(repo_->GetNote(staff_, client_, first->id)->corrected_by_ids,
            std::vector<std::string>{corrected->id});
  // Someone else's note cannot be corrected.
  const long long before = test_db_.RowsBesideTheAccessLog();
  NewProgressNote not_own = Note("Korjaan toisen.");
  not_own.corrects_id = first->id;
  ExpectRefusedWritingNothing(Add(staff_, not_own).status(), absl::StatusCode::kFailedPrecondition,
                              "NOT_OWN_NOTE", before);
  not_own.corrects_id = NewUuid();
  ExpectRefusedWritingNothing(Add(Guide(), not_own).status(), absl::StatusCode::kFailedPrecondition,
                              "NOT_OWN_NOTE", before);
  NewProgressNote elsewhere = Note("Muualle.");
  elsewhere.corrects_id = first->id;
  elsewhere.assignment_id = NewUuid();
  ExpectRefusedWritingNothing(Add(Guide(), elsewhere).status(),
                              absl::StatusCode::kFailedPrecondition,
                              "CORRECTION_OF_OTHER_ASSIGNMENT", before);
}

TEST_F(NotesRepositoryTest, EveryRefusalToAddANoteWritesNothing) {
  const std::string proposed = AddGoal(assignment_, "PROPOSED");
  const long long before = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(Add(Guide(), Note("x", {{proposed, 0, "GUIDE", ""}})).status(),
                              absl::StatusCode::kFailedPrecondition, "GOAL_NOT_AGREED", before);
  ExpectRefusedWritingNothing(Add(Guide(), Note("x", {{NewUuid(), 0, "GUIDE", ""}})).status(),
                              absl::StatusCode::kNotFound, "", before);
  // A goal of the client's earlier guidance.
  const std::string earlier = AddAssignment(client_, guide_, "ENDED");
  const std::string old_goal = AddGoal(earlier, "AGREED");
  const long long with_earlier = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(Add(staff_, Note("x", {{old_goal, 0, "CLIENT", ""}})).status(),
                              absl::StatusCode::kFailedPrecondition, "GOAL_OF_ANOTHER_ASSIGNMENT",
                              with_earlier);
  // A guide on an ended assignment of theirs, and on another client's.
  NewProgressNote on_ended = Note("x");
  on_ended.assignment_id = earlier;
  ExpectRefusedWritingNothing(Add(Guide(), on_ended).status(),
                              absl::StatusCode::kFailedPrecondition, "ASSIGNMENT_NOT_OPEN",
                              with_earlier);
  const std::string other_client = NewUuid();
  const std::string others = AddAssignment(other_client, AddGuide());
  const long long with_other = test_db_.RowsBesideTheAccessLog();
  NewProgressNote on_others = Note("x");
  on_others.assignment_id = others;
  ExpectRefusedWritingNothing(Add(staff_, on_others).status(),
                              absl::StatusCode::kFailedPrecondition, "ASSIGNMENT_OF_ANOTHER_CLIENT",
                              with_other);
  ExpectRefusedWritingNothing(Add(Guide(), on_others).status(), absl::StatusCode::kPermissionDenied,
                              "", with_other);
  // A client with no open guidance, without an assignment named.
  test_db_.Exec(
      "UPDATE assignments SET state = 'ENDED', end_time = now(),"
      " end_reason = 'CLIENT_MOVED' WHERE id = '" +
      assignment_ + "'");
  const long long ended = test_db_.RowsBesideTheAccessLog();
  ExpectRefusedWritingNothing(Add(staff_, Note("x")).status(),
                              absl::StatusCode::kFailedPrecondition, "NO_OPEN_ASSIGNMENT", ended);
  // Staff still write on the ended one: the closing evaluation.
  NewProgressNote closing = Note("Loppuarvio.");
  closing.assignment_id = assignment_;
  EXPECT_TRUE(Add(staff_, closing).ok());
}

TEST_F(NotesRepositoryTest, AGuideIsHeldToTheClientsTheyGuide) {
  absl::StatusOr<ProgressNoteRecord> note = Add(staff_, Note("Henkilökunnan merkintä."));
  ASSERT_TRUE(note.ok()) << note.status();
  test_db_.Exec(
      "UPDATE assignments SET state = 'ENDED', end_time = now(),"
      " end_reason = 'CLIENT_MOVED' WHERE id = '" +
      assignment_ + "'");
  EXPECT_EQ(repo_->GetNote(Guide(), client_, note->id).status().code(),
            absl::StatusCode::kPermissionDenied);
  PageRequest page;
  EXPECT_EQ(repo_->ListNotes(Guide(), client_, {}, page).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(repo_->Timeline(Guide(), client_, page).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(repo_->GetNote(staff_, client_, note->id).ok());
  EXPECT_EQ(repo_->GetNote(staff_, client_, NewUuid()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(NotesRepositoryTest, TheTimelineShowsAGoalAgreedAndClosed) {
  test_db_.Exec("UPDATE goals SET state = 'ACHIEVED', closed_time = now() WHERE id = '" + goal_ +
                "'");
  PageRequest page;
  page.page_size = 10;
  auto timeline = repo_->Timeline(staff_, client_, page);
  ASSERT_TRUE(timeline.ok()) << timeline.status();
  std::vector<std::string> kinds;
  for (const TimelineEntryRecord& e : timeline->items) {
    if (e.id != goal_) continue;
    kinds.push_back(e.kind);
    if (e.kind == "GOAL_CLOSED") {
      EXPECT_EQ(e.details, std::vector<std::string>{"ACHIEVED"});
    }
    EXPECT_EQ(e.label, "Hoidan asiani");
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"GOAL_CLOSED", "GOAL_AGREED"}));
}

TEST_F(NotesRepositoryTest, ANotesTextAndRatingCommentsRoundTrip) {
  const std::string text = EveryByte();
  absl::StatusOr<ProgressNoteRecord> note = Add(Guide(), Note(text, {{goal_, -2, "GUIDE", text}}));
  ASSERT_TRUE(note.ok()) << note.status();
  absl::StatusOr<ProgressNoteRecord> read = repo_->GetNote(Guide(), client_, note->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->text, text);
  ASSERT_EQ(read->ratings.size(), 1u);
  EXPECT_EQ(read->ratings[0].comment, text);
}

}  // namespace
}  // namespace rinnalla::storage
