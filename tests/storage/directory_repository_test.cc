#include "rinnalla/storage/directory_repository.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

class DirectoryRepositoryTest : public ::testing::Test {
 protected:
  GuideRecord NewGuide(const std::string& name = "Aino Virtanen", const std::string& org = "ph") {
    GuideRecord g;
    g.org_id = org;
    g.id = NewUuid();
    g.display_name = name;
    g.experience_areas = {"MENTAL_HEALTH", "DEBT"};
    g.languages = {"fi", "sv"};
    g.municipalities = {"398"};
    g.max_active_clients = 3;
    g.state = "ACTIVE";
    return g;
  }
  ClientRecord NewClient(std::vector<ExternalRefRecord> refs, const std::string& org = "ph") {
    ClientRecord c;
    c.org_id = org;
    c.id = NewUuid();
    c.display_name = "Matti Meikäläinen";
    c.external_refs = std::move(refs);
    c.birth_year = 1980;
    c.municipality = "398";
    c.languages = {"fi"};
    c.state = "ACTIVE";
    return c;
  }
  static CallScope Who(const std::string& org = "ph") {
    return {{org, "users/sw", "social_worker", "/rinnalla.v1.Directory/Test", "req-1"}};
  }
  static std::string Encode(const GuideRecord& g) { return "response:" + g.id; }
  static std::string EncodeClient(const ClientRecord& c) { return "response:" + c.id; }

  testing::TestDatabase test_db_;
  std::unique_ptr<DirectoryRepository> repo_ = MakePgDirectoryRepository(test_db_.db());
};

TEST_F(DirectoryRepositoryTest, CreatesAndGetsAGuide) {
  GuideRecord g = NewGuide();
  auto created = repo_->CreateGuide(Who(), g, std::nullopt, Encode);
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_TRUE(created->created);
  EXPECT_EQ(created->created->revision, 1);
  EXPECT_TRUE(created->created->SameContent(g));
  auto got = repo_->GetGuide(Who(), "ph", g.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->SameContent(g));
  EXPECT_EQ(got->create_time, created->created->create_time);
}

TEST_F(DirectoryRepositoryTest, GuideOfAnotherOrganizationIsNotFound) {
  GuideRecord g = NewGuide();
  ASSERT_TRUE(repo_->CreateGuide(Who(), g, std::nullopt, Encode).ok());
  EXPECT_EQ(repo_->GetGuide(Who(), "other", g.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(repo_->GetGuide(Who(), "ph", NewUuid()).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(DirectoryRepositoryTest, TakenIdIsAlreadyExists) {
  GuideRecord g = NewGuide();
  ASSERT_TRUE(repo_->CreateGuide(Who(), g, std::nullopt, Encode).ok());
  EXPECT_EQ(repo_->CreateGuide(Who(), g, std::nullopt, Encode).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(DirectoryRepositoryTest, RequestIdReplaysTheFirstResponse) {
  IdempotencyKey key{NewUuid(), "CreateGuide", "fp1"};
  GuideRecord first = NewGuide();
  auto created = repo_->CreateGuide(Who(), first, key, Encode);
  ASSERT_TRUE(created.ok() && created->created);
  // The retry carries a new server-side id, as a retried RPC would; nothing new is written.
  GuideRecord retry = NewGuide();
  auto replayed = repo_->CreateGuide(Who(), retry, key, Encode);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_FALSE(replayed->created);
  EXPECT_EQ(replayed->replayed_response, "response:" + first.id);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM guides"), 1);
}

TEST_F(DirectoryRepositoryTest, RequestIdReusedForAnotherRequestIsAlreadyExists) {
  std::string request_id = NewUuid();
  ASSERT_TRUE(
      repo_->CreateGuide(Who(), NewGuide(), IdempotencyKey{request_id, "CreateGuide", "a"}, Encode)
          .ok());
  auto other =
      repo_->CreateGuide(Who(), NewGuide(), IdempotencyKey{request_id, "CreateGuide", "b"}, Encode);
  EXPECT_EQ(other.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(other.status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM guides"), 1);
}

TEST_F(DirectoryRepositoryTest, RequestIdsAreKeptSevenDaysThenPruned) {
  ASSERT_TRUE(
      repo_->CreateGuide(Who(), NewGuide(), IdempotencyKey{NewUuid(), "CreateGuide", "a"}, Encode)
          .ok());
  ASSERT_TRUE(
      repo_->CreateGuide(Who(), NewGuide(), IdempotencyKey{NewUuid(), "CreateGuide", "b"}, Encode)
          .ok());
  test_db_.Exec("UPDATE idempotency_keys SET create_time = now() - interval '8 days' "
                "WHERE fingerprint = 'a'");
  auto pruned = test_db_.db().PruneRequestIds(CallScope::Background(), absl::Hours(24 * 7));
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM idempotency_keys"), 1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM guides"), 2) << "resources stay";
}

TEST_F(DirectoryRepositoryTest, ConcurrentRetriesOfOneRequestWriteOnce) {
  IdempotencyKey key{NewUuid(), "CreateGuide", "same"};
  constexpr int kRetries = 8;
  std::vector<std::string> responses(kRetries);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRetries; ++i) {
    threads.emplace_back([&, i] {
      auto outcome = repo_->CreateGuide(Who(), NewGuide(), key, Encode);
      ASSERT_TRUE(outcome.ok()) << outcome.status();
      responses[i] = outcome->created ? Encode(*outcome->created) : outcome->replayed_response;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::set<std::string>(responses.begin(), responses.end()).size(), 1u);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM guides"), 1);
}

TEST_F(DirectoryRepositoryTest, UpdateAppliesChangeAndBumpsRevision) {
  GuideRecord g = NewGuide();
  ASSERT_TRUE(repo_->CreateGuide(Who(), g, std::nullopt, Encode).ok());
  auto updated = repo_->UpdateGuide(Who(), "ph", g.id, 1, [](GuideRecord& r) {
    r.max_active_clients = 5;
    return absl::OkStatus();
  });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->revision, 2);
  EXPECT_EQ(updated->max_active_clients, 5);
  EXPECT_GE(updated->update_time, updated->create_time);
}

TEST_F(DirectoryRepositoryTest, UpdateThatChangesNothingKeepsRevision) {
  GuideRecord g = NewGuide();
  ASSERT_TRUE(repo_->CreateGuide(Who(), g, std::nullopt, Encode).ok());
  auto same = repo_->UpdateGuide(Who(), "ph", g.id, std::nullopt,
                                 [](GuideRecord&) { return absl::OkStatus(); });
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->revision, 1);
}

TEST_F(DirectoryRepositoryTest, StaleRevisionIsAbortedAndChangesNothing) {
  GuideRecord g = NewGuide();
  ASSERT_TRUE(repo_->CreateGuide(Who(), g, std::nullopt, Encode).ok());
  auto stale = repo_->UpdateGuide(Who(), "ph", g.id, 7, [](GuideRecord& r) {
    r.display_name = "Changed";
    return absl::OkStatus();
  });
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(repo_->GetGuide(Who(), "ph", g.id)->display_name, "Aino Virtanen");
}

TEST_F(DirectoryRepositoryTest, UpdateOfMissingGuideIsNotFound) {
  auto missing = repo_->UpdateGuide(Who(), "ph", NewUuid(), std::nullopt,
                                    [](GuideRecord&) { return absl::OkStatus(); });
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(DirectoryRepositoryTest, ListsGuidesInPagesWithFilters) {
  for (int i = 0; i < 5; ++i) {
    GuideRecord g = NewGuide("Guide " + std::to_string(i));
    if (i % 2 == 1) g.state = "ON_BREAK";
    if (i == 4) g.languages = {"so"};
    ASSERT_TRUE(repo_->CreateGuide(Who(), g, std::nullopt, Encode).ok());
  }
  ASSERT_TRUE(repo_->CreateGuide(Who(), NewGuide("Elsewhere", "other"), std::nullopt, Encode).ok());

  std::vector<std::string> names;
  PageRequest page{.page_size = 2};
  for (int pages = 0;; ++pages) {
    auto result = repo_->ListGuides(Who(), "ph", {}, page);
    ASSERT_TRUE(result.ok()) << result.status();
    for (const auto& g : result->items) names.push_back(g.display_name);
    if (!result->next) break;
    page.after = result->next;
    ASSERT_LT(pages, 5);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Guide 0", "Guide 1", "Guide 2", "Guide 3", "Guide 4"}));

  auto on_break = repo_->ListGuides(Who(), "ph", {.state = "ON_BREAK"}, {.page_size = 10});
  ASSERT_TRUE(on_break.ok());
  EXPECT_EQ(on_break->items.size(), 2u);
  auto somali = repo_->ListGuides(Who(), "ph", {.language = "so"}, {.page_size = 10});
  ASSERT_TRUE(somali.ok());
  ASSERT_EQ(somali->items.size(), 1u);
  EXPECT_EQ(somali->items[0].display_name, "Guide 4");
  auto debt = repo_->ListGuides(Who(), "ph", {.experience_area = "DEBT", .municipality = "398"},
                                {.page_size = 10});
  ASSERT_TRUE(debt.ok());
  EXPECT_EQ(debt->items.size(), 5u);
  EXPECT_FALSE(debt->next);
}

TEST_F(DirectoryRepositoryTest, CreatesClientWithExternalRefsInOrder) {
  ClientRecord c = NewClient({{"apotti", "A100"}, {"lifecare", "L/7"}});
  auto created = repo_->CreateClient(Who(), c, std::nullopt, EncodeClient);
  ASSERT_TRUE(created.ok()) << created.status();
  auto got = repo_->GetClient(Who(), c.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->SameContent(c));
}

TEST_F(DirectoryRepositoryTest, ClientWithoutOptionalFields) {
  ClientRecord c = NewClient({});
  c.birth_year.reset();
  c.municipality.reset();
  c.languages.clear();
  ASSERT_TRUE(repo_->CreateClient(Who(), c, std::nullopt, EncodeClient).ok());
  auto got = repo_->GetClient(Who(), c.id);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->SameContent(c));
}

TEST_F(DirectoryRepositoryTest, ExternalRefHeldByAnotherClientIsRefused) {
  ASSERT_TRUE(repo_->CreateClient(Who(), NewClient({{"apotti", "A100"}}), std::nullopt, EncodeClient).ok());
  auto clash = repo_->CreateClient(Who(), NewClient({{"apotti", "A200"}, {"apotti", "A100"}}),
                                   std::nullopt, EncodeClient);
  EXPECT_EQ(clash.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(clash.status()), "EXTERNAL_REF_IN_USE");
  EXPECT_NE(clash.status().message().find("external_refs[1]"), std::string::npos);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM clients"), 1);
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM client_external_refs"), 1);
  // The same ref in another organization is fine: refs are unique per organization.
  EXPECT_TRUE(
      repo_->CreateClient(Who("other"), NewClient({{"apotti", "A100"}}, "other"), std::nullopt, EncodeClient).ok());
}

TEST_F(DirectoryRepositoryTest, UpdateClientReplacesExternalRefs) {
  ClientRecord c = NewClient({{"apotti", "A1"}});
  ASSERT_TRUE(repo_->CreateClient(Who(), c, std::nullopt, EncodeClient).ok());
  ClientRecord other = NewClient({{"apotti", "B1"}});
  ASSERT_TRUE(repo_->CreateClient(Who(), other, std::nullopt, EncodeClient).ok());

  auto updated = repo_->UpdateClient(Who(), c.id, 1, [](ClientRecord& r) {
    r.external_refs = {{"lifecare", "L1"}, {"apotti", "A1"}};
    r.state = "CLOSED";
    return absl::OkStatus();
  });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->revision, 2);
  EXPECT_EQ(updated->external_refs,
            (std::vector<ExternalRefRecord>{{"lifecare", "L1"}, {"apotti", "A1"}}));

  auto clash = repo_->UpdateClient(Who(), c.id, 2, [](ClientRecord& r) {
    r.external_refs = {{"apotti", "B1"}};
    return absl::OkStatus();
  });
  EXPECT_EQ(clash.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(repo_->GetClient(Who(), c.id)->external_refs.size(), 2u);
}

TEST_F(DirectoryRepositoryTest, ListsClientsByExternalRef) {
  ClientRecord c = NewClient({{"apotti", "A1"}});
  ASSERT_TRUE(repo_->CreateClient(Who(), c, std::nullopt, EncodeClient).ok());
  ASSERT_TRUE(repo_->CreateClient(Who(), NewClient({{"apotti", "A2"}}), std::nullopt, EncodeClient).ok());
  auto found = repo_->ListClients(Who(), {.external_ref = ExternalRefRecord{"apotti", "A1"}},
                                  {.page_size = 10});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].id, c.id);
  auto all = repo_->ListClients(Who(), {.state = "ACTIVE", .municipality = "398", .language = "fi"},
                                {.page_size = 10});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->items.size(), 2u);
}

}  // namespace
}  // namespace rinnalla::storage
