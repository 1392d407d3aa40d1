// Text round-trips through storage whatever characters it holds: arrays and batches of rows travel
// as PostgreSQL arrays or JSON, never as strings joined by separators, so quotes, backslashes,
// commas, braces, separator characters and their lookalikes, whitespace, emoji, combining marks
// and 4-byte UTF-8 come back as they were written, through every batch path.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "resource_names.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/integration_repository.h"
#include "rinnalla/storage/meetings_repository.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/storage/past_guidance.h"
#include "rinnalla/storage/resource_names.h"
#include "seed_rows.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

// What the API lets through (no control characters but tab and newline where a field allows
// them), and the separators a joined string would have split on: storage keeps whatever it is
// given.
const std::vector<std::string> kTexts = {
    "plain words",
    "single ' and double \" quotes, ''doubled''",
    "back\\slash, \\\\ two, \\x1e and \\u001e spelled out",
    "commas, {braces}, [brackets], (parens), \"{a,b}\", NULL, null",
    "colon :org, dollar $1, percent %s, question ?",
    "lookalikes \xe2\x90\x9e (U+241E) \xe2\x90\x9f (U+241F) \xe2\x90\x80 (U+2400)",
    "tab\tand newline\nand CRLF\r\nend",
    "emoji \xf0\x9f\xa7\xad "
    "\xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\xa4\x9d\xe2\x80\x8d"
    "\xf0\x9f\x91\xa9\xf0\x9f\x8f\xbb",
    "combining e\xcc\x81 a\xcc\x8a o\xcc\x88\xcc\x84, Hangul \xe1\x84\x80\xe1\x85\xa1",
    "4-byte \xf0\x9d\x84\x9e \xf0\xa0\x9c\x8e \xf0\x9f\x98\x80",
    "separators \x1e record \x1f unit \x1d group",
    "Väinö Åström-Öhman",
};

class AnyTextTest : public ::testing::Test {
 protected:
  void SetUp() override { guide_ = SeedGuide(test_db_); }

  CallScope Staff(const std::string& method) const {
    return CallScope{{"ph", "users/sw", "social_worker", method, "r1"}};
  }
  CallScope Guide(const std::string& method) const {
    CallScope scope{{"ph", storage::ResourceName("ph", "guides", guide_), "guide", method, "r1"}};
    scope.is_guide = true;
    scope.guide_id = guide_;
    return scope;
  }

  // A JSON array column of the test database, parsed.
  std::vector<std::string> ArrayColumn(const std::string& sql) {
    return nlohmann::json::parse(test_db_.QueryText(sql)).get<std::vector<std::string>>();
  }

  // One guidance a year ago, still open, with every text of kTexts in its goal, note and visit.
  PastGuidance Guidance(const std::string& client) {
    PastGuidance g;
    g.client_id = client;
    g.guide_id = guide_;
    g.referral_id = NewUuid();
    g.assignment_id = NewUuid();
    g.initial_meeting = NewUuid();
    g.needs = {"DEBT", "MENTAL_HEALTH"};
    g.languages = kTexts;
    g.municipality = "398";
    g.start = absl::Now() - absl::Hours(24 * 365);
    for (size_t i = 0; i < kTexts.size(); ++i) {
      PastGoal goal;
      goal.id = NewUuid();
      goal.title = kTexts[i];
      goal.area = "DEBT";
      goal.gas_levels = {kTexts[i], kTexts[(i + 1) % kTexts.size()], "", "{}", kTexts[i] + ","};
      goal.state = "AGREED";
      g.goals.push_back(goal);
      PastNote note;
      note.id = NewUuid();
      note.time = g.start + absl::Hours(24 * (i + 1));
      note.text = kTexts[i];
      note.guide_scores.assign(kTexts.size(), 0);
      note.client_scores.assign(kTexts.size(), 1);
      g.notes.push_back(note);
      PastVisit visit;
      visit.id = NewUuid();
      visit.start = g.start + absl::Hours(24 * (i + 1) + 1);
      visit.mode = "ACCOMPANIED";
      visit.places = {"KELA", "HOUSING"};
      visit.appointment = "KEPT";
      visit.summary = kTexts[i];
      visit.goal = static_cast<int>(i);
      g.visits.push_back(visit);
    }
    return g;
  }

  testing::TestDatabase test_db_;
  std::string guide_;
};

TEST_F(AnyTextTest, ImportedClientsKeepTheirNamesLanguagesAndRecordSystemIds) {
  std::unique_ptr<IntegrationRepository> integration = MakePgIntegrationRepository(test_db_.db());
  std::unique_ptr<DirectoryRepository> directory = MakePgDirectoryRepository(test_db_.db());
  const CallScope import = Staff("/rinnalla.v1.Integration/ImportClients");
  // Each text as a client's name, as a record system's name and as an id in it; all the texts
  // as languages, with what an array literal would read as empty or as no value.
  std::vector<std::string> languages = kTexts;
  languages.insert(languages.end(), {"", "NULL", "null", " ", "\"\\"});
  auto items = [&](const std::string& suffix) {
    std::vector<ClientImport> items;
    for (size_t i = 0; i < kTexts.size(); ++i) {
      ClientImport item;
      item.client.org_id = "ph";
      item.client.id = NewUuid();
      item.client.display_name = kTexts[i];
      item.client.state = "ACTIVE";
      item.client.municipality = kTexts[i];
      item.client.languages = languages;
      item.client.external_refs = {{kTexts[i], kTexts[i]},
                                   {kTexts[(i + 1) % kTexts.size()], absl::StrCat(i, kTexts[i])}};
      item.update = [name = kTexts[i] + suffix](ClientRecord& c) {
        c.display_name = name;
        return absl::OkStatus();
      };
      items.push_back(std::move(item));
    }
    return items;
  };

  absl::StatusOr<std::vector<ClientImportResult>> created =
      integration->ImportClients(import, items(""));
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(created->size(), kTexts.size());
  for (size_t i = 0; i < kTexts.size(); ++i) {
    ASSERT_TRUE((*created)[i].status.ok()) << i << ": " << (*created)[i].status;
    EXPECT_EQ((*created)[i].outcome, ImportOutcome::kCreated) << i;
    absl::StatusOr<ClientRecord> client =
        directory->GetClient(Staff("/rinnalla.v1.Directory/GetClient"), (*created)[i].client_id);
    ASSERT_TRUE(client.ok()) << client.status();
    EXPECT_EQ(client->display_name, kTexts[i]);
    EXPECT_EQ(client->municipality, kTexts[i]);
    EXPECT_EQ(client->languages, languages);
    const std::vector<ExternalRefRecord> refs = {
        {kTexts[i], kTexts[i]}, {kTexts[(i + 1) % kTexts.size()], absl::StrCat(i, kTexts[i])}};
    EXPECT_EQ(client->external_refs, refs) << i;
  }

  // The same refs find the same clients again (the batch's refs are looked up as written), and
  // the updates are written as given.
  absl::StatusOr<std::vector<ClientImportResult>> updated =
      integration->ImportClients(import, items(" \xe2\x90\x9e,\x1e"));
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_EQ(updated->size(), kTexts.size());
  for (size_t i = 0; i < kTexts.size(); ++i) {
    ASSERT_TRUE((*updated)[i].status.ok()) << i << ": " << (*updated)[i].status;
    EXPECT_EQ((*updated)[i].outcome, ImportOutcome::kUpdated) << i;
    EXPECT_EQ((*updated)[i].client_id, (*created)[i].client_id) << i;
    absl::StatusOr<ClientRecord> client =
        directory->GetClient(Staff("/rinnalla.v1.Directory/GetClient"), (*created)[i].client_id);
    ASSERT_TRUE(client.ok()) << client.status();
    EXPECT_EQ(client->display_name, kTexts[i] + " \xe2\x90\x9e,\x1e");
    EXPECT_EQ(client->languages, languages);
  }
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM clients"),
            static_cast<long long>(kTexts.size()));
}

TEST_F(AnyTextTest, GuidesKeepTheirListsAndAreFoundByAnyOfTheirValues) {
  std::unique_ptr<DirectoryRepository> directory = MakePgDirectoryRepository(test_db_.db());
  GuideRecord guide;
  guide.org_id = "ph";
  guide.id = NewUuid();
  guide.display_name = kTexts[1];
  guide.experience_areas = {"DEBT", "GAMBLING"};
  guide.languages = kTexts;
  guide.municipalities = kTexts;
  guide.max_active_clients = 5;
  guide.state = "ACTIVE";
  const CallScope scope = Staff("/rinnalla.v1.Directory/CreateGuide");
  auto created =
      directory->CreateGuide(scope, guide, std::nullopt, [](const GuideRecord& g) { return g.id; });
  ASSERT_TRUE(created.ok()) << created.status();
  absl::StatusOr<GuideRecord> read = directory->GetGuide(scope, "ph", guide.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->languages, kTexts);
  EXPECT_EQ(read->municipalities, kTexts);
  EXPECT_EQ(read->experience_areas, guide.experience_areas);

  for (const std::string& text : kTexts) {
    GuideFilter filter;
    filter.language = text;
    filter.municipality = text;
    absl::StatusOr<Page<GuideRecord>> page = directory->ListGuides(scope, "ph", filter, {});
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_EQ(page->items.size(), 1u) << text;
    EXPECT_EQ(page->items[0].id, guide.id);
  }

  std::vector<std::string> reversed(kTexts.rbegin(), kTexts.rend());
  auto updated = directory->UpdateGuide(scope, "ph", guide.id, std::nullopt, [&](GuideRecord& g) {
    g.languages = reversed;
    return absl::OkStatus();
  });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->languages, reversed);
  EXPECT_EQ(updated->municipalities, kTexts);
}

TEST_F(AnyTextTest, PastGuidancesGoalsNotesAndVisitsReadBackAsWritten) {
  const std::string client = NewUuid();
  test_db_.Exec(
      absl::StrCat("INSERT INTO clients (org_id, id, display_name, state) VALUES ('ph', '", client,
                   "', 'Asiakas', 'ACTIVE')"));
  const PastGuidance guidance = Guidance(client);
  // The social worker's sub is in every goal's agreed_by.
  const std::string social_worker = absl::StrCat("users/", kTexts[5], kTexts[10], kTexts[2]);
  ASSERT_TRUE(WritePastGuidances(test_db_.db(), Staff("/rinnalla.v1.Admin/DemoData"), social_worker,
                                 {guidance})
                  .ok());

  EXPECT_EQ(ArrayColumn("SELECT CAST(to_json(languages) AS text) FROM referrals"), kTexts);
  std::unique_ptr<MeetingsRepository> meetings = MakePgMeetingsRepository(test_db_.db());
  for (const PastGoal& written : guidance.goals) {
    absl::StatusOr<GoalRecord> goal =
        meetings->GetGoal(Staff("/rinnalla.v1.Meetings/GetGoal"), client, written.id);
    ASSERT_TRUE(goal.ok()) << goal.status();
    EXPECT_EQ(goal->title, written.title);
    EXPECT_EQ(goal->gas_levels, written.gas_levels);
    EXPECT_EQ(goal->agreed_by,
              (std::vector<std::string>{"CLIENT", "SOCIAL_WORKER:" + social_worker,
                                        "GUIDE:" + storage::ResourceName("ph", "guides", guide_)}));
  }

  std::unique_ptr<NotesRepository> notes = MakePgNotesRepository(test_db_.db());
  PageRequest all;
  all.page_size = 500;
  absl::StatusOr<Page<ProgressNoteRecord>> listed =
      notes->ListNotes(Guide("/rinnalla.v1.Notes/ListProgressNotes"), client, {}, all);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), kTexts.size());
  for (size_t i = 0; i < kTexts.size(); ++i) {
    // Newest first.
    const ProgressNoteRecord& note = listed->items[kTexts.size() - 1 - i];
    EXPECT_EQ(note.text, kTexts[i]);
    EXPECT_EQ(note.ratings.size(), 2 * kTexts.size()) << "both scores of every goal";
  }

  absl::StatusOr<Page<TimelineEntryRecord>> timeline =
      notes->Timeline(Guide("/rinnalla.v1.Notes/GetClientTimeline"), client, all);
  ASSERT_TRUE(timeline.ok()) << timeline.status();
  int visits = 0, texts = 0;
  for (const TimelineEntryRecord& e : timeline->items) {
    if (e.kind == "VISIT") {
      ++visits;
      EXPECT_EQ(e.details, (std::vector<std::string>{"KELA", "HOUSING"}));
    }
    if (e.kind == "VISIT" || e.kind == "NOTE") {
      EXPECT_NE(std::find(kTexts.begin(), kTexts.end(), e.excerpt), kTexts.end()) << e.excerpt;
      ++texts;
    }
  }
  EXPECT_EQ(visits, static_cast<int>(kTexts.size()));
  EXPECT_EQ(texts, static_cast<int>(2 * kTexts.size()));

  std::unique_ptr<IntegrationRepository> integration = MakePgIntegrationRepository(test_db_.db());
  absl::StatusOr<CarePlanSource> plan =
      integration->ReadCarePlan(Staff("/rinnalla.v1.Integration/ExportCarePlan"), client);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->goals.size(), kTexts.size());
  // The goals were created at one time: matched by id, not by position.
  for (const ExportedGoal& exported : plan->goals) {
    auto written = std::find_if(guidance.goals.begin(), guidance.goals.end(),
                                [&](const PastGoal& g) { return g.id == exported.goal.id; });
    ASSERT_NE(written, guidance.goals.end());
    EXPECT_EQ(exported.goal.title, written->title);
    EXPECT_EQ(exported.goal.gas_levels, written->gas_levels);
  }
  ASSERT_EQ(plan->visits.size(), kTexts.size());
  EXPECT_EQ(plan->visits[0].places, (std::vector<std::string>{"KELA", "HOUSING"}));
}

TEST_F(AnyTextTest, AGoalsWordsAndLevelsReadBackAsWritten) {
  const std::string client = NewUuid();
  test_db_.Exec(
      absl::StrCat("INSERT INTO clients (org_id, id, display_name, state) VALUES ('ph', '", client,
                   "', 'Asiakas', 'ACTIVE')"));
  PastGuidance guidance = Guidance(client);
  guidance.goals.clear();
  guidance.notes.clear();
  guidance.visits.clear();
  ASSERT_TRUE(WritePastGuidances(test_db_.db(), Staff("/rinnalla.v1.Admin/DemoData"), "users/sw",
                                 {guidance})
                  .ok());
  std::unique_ptr<MeetingsRepository> meetings = MakePgMeetingsRepository(test_db_.db());
  for (const std::string& text : kTexts) {
    GoalRecord goal;
    goal.org_id = "ph";
    goal.id = NewUuid();
    goal.client_id = client;
    goal.assignment_id = guidance.assignment_id;
    goal.title = text;
    goal.gas_levels = {text, "", kTexts[0], text + text, "\"}"};
    goal.state = "PROPOSED";
    auto created = meetings->CreateGoal(Staff("/rinnalla.v1.Meetings/CreateGoal"), goal,
                                        std::nullopt, [](const GoalRecord& g) { return g.id; });
    ASSERT_TRUE(created.ok()) << created.status();
    absl::StatusOr<GoalRecord> read =
        meetings->GetGoal(Staff("/rinnalla.v1.Meetings/GetGoal"), client, goal.id);
    ASSERT_TRUE(read.ok()) << read.status();
    EXPECT_EQ(read->title, text);
    EXPECT_EQ(read->gas_levels, goal.gas_levels);
  }
}

}  // namespace
}  // namespace rinnalla::storage
