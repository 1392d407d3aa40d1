// The guide pool's out-of-date check: a change is noticed once committed, even when its
// transaction began before the pool's snapshot and committed after it.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "resource_names.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/matching_repository.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

class GuidePoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClientRecord client;
    client.org_id = "ph";
    client.id = NewUuid();
    client.display_name = "Asiakas";
    client.state = "ACTIVE";
    ASSERT_TRUE(directory_->CreateClient(who_, client, std::nullopt, [](const auto&) { return ""; }).ok());
    ReferralRecord referral;
    referral.org_id = "ph";
    referral.id = NewUuid();
    referral.client_id = client.id;
    referral.needs = {"DEBT"};
    referral.languages = {"fi"};
    referral.municipality = "398";
    ASSERT_TRUE(matching_->CreateReferral(who_, referral, std::nullopt, [](const auto&) { return ""; }).ok());
    referral_id_ = referral.id;
  }

  bool OutOfDate(const std::string& snapshot) {
    auto context = matching_->LoadSuggestionContext(who_, referral_id_, snapshot);
    EXPECT_TRUE(context.ok()) << context.status();
    return context.ok() && context->pool_out_of_date;
  }

  testing::TestDatabase test_db_;
  std::unique_ptr<DirectoryRepository> directory_ = MakePgDirectoryRepository(test_db_.db());
  std::unique_ptr<MatchingRepository> matching_ = MakePgMatchingRepository(test_db_.db());
  CallScope who_{{"ph", "users/sw", "social_worker", "/test", "r"}};
  std::string referral_id_;
};

TEST_F(GuidePoolTest, AChangeCommittedOutOfOrderIsStillNoticed) {
  PGconn* slow = PQconnectdb(test_db_.connection_string().c_str());
  ASSERT_EQ(PQstatus(slow), CONNECTION_OK);
  // A transaction that changes a guide begins first...
  PQclear(PQexec(slow, "BEGIN"));
  PQclear(PQexec(slow, "INSERT INTO events (org_id, kind, resource) VALUES ('ph', 'guide.updated', 'g')"));
  // ...the pool is read while it is still open...
  auto pool = matching_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(pool.ok()) << pool.status();
  EXPECT_FALSE(OutOfDate(pool->snapshot)) << "nothing committed since";
  // ...and it commits after: the pool must be out of date now.
  PQclear(PQexec(slow, "COMMIT"));
  PQfinish(slow);
  EXPECT_TRUE(OutOfDate(pool->snapshot));
  auto fresh = matching_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(OutOfDate(fresh->snapshot));
}

TEST_F(GuidePoolTest, GuideChangesAreEventsThatOutdateThePool) {
  auto pool = matching_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(pool.ok());
  EXPECT_TRUE(pool->guides.empty());
  GuideRecord guide;
  guide.org_id = "ph";
  guide.id = NewUuid();
  guide.display_name = "Ohjaaja";
  guide.languages = {"fi"};
  guide.max_active_clients = 2;
  guide.state = "ACTIVE";
  ASSERT_TRUE(
      directory_->CreateGuide(who_, guide, std::nullopt, [](const auto&) { return ""; }).ok());
  EXPECT_TRUE(OutOfDate(pool->snapshot));
  pool = matching_->LoadGuidePool(who_, "ph");
  ASSERT_EQ(pool->guides.size(), 1u);
  EXPECT_EQ(pool->guides[0].max_active_clients, 2);
  ASSERT_TRUE(directory_
                  ->UpdateGuide(who_, "ph", guide.id, std::nullopt,
                                [](GuideRecord& g) {
                                  g.state = "ON_BREAK";
                                  return absl::OkStatus();
                                })
                  .ok());
  EXPECT_TRUE(OutOfDate(pool->snapshot));
  EXPECT_TRUE(matching_->LoadGuidePool(who_, "ph")->guides.empty()) << "only ACTIVE guides";
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events WHERE kind = 'guide.updated' "
                                 "AND changed_fields = '{state}'"),
            1);
}

TEST_F(GuidePoolTest, OtherWritesOfTheOrganizationLeaveThePoolAlone) {
  auto pool = matching_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(pool.ok());
  ClientRecord client;
  client.org_id = "ph";
  client.id = NewUuid();
  client.display_name = "Toinen";
  client.state = "ACTIVE";
  ASSERT_TRUE(directory_->CreateClient(who_, client, std::nullopt, [](const auto&) { return ""; }).ok());
  auto context = matching_->LoadSuggestionContext(who_, referral_id_, pool->snapshot);
  ASSERT_TRUE(context.ok()) << context.status();
  EXPECT_FALSE(context->pool_out_of_date) << "a client.created event alters no suggestion";
  EXPECT_TRUE(context->changed_guide_ids.empty());
  EXPECT_FALSE(context->snapshot.empty());
}

TEST_F(GuidePoolTest, OnlyTheChangedGuidesAreReadAsTheyAreNow) {
  auto pool = matching_->LoadGuidePool(who_, "ph");
  ASSERT_TRUE(pool.ok());
  GuideRecord guide;
  guide.org_id = "ph";
  guide.id = NewUuid();
  guide.display_name = "Ohjaaja";
  guide.languages = {"fi", "sv"};
  guide.municipalities = {"398"};
  guide.max_active_clients = 3;
  guide.state = "ACTIVE";
  ASSERT_TRUE(
      directory_->CreateGuide(who_, guide, std::nullopt, [](const auto&) { return ""; }).ok());
  auto created = matching_->LoadSuggestionContext(who_, referral_id_, pool->snapshot);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->pool_out_of_date);
  EXPECT_EQ(created->changed_guide_ids, std::vector<std::string>{guide.id});
  ASSERT_EQ(created->changed_active_guides.size(), 1u);
  const PoolGuide& read = created->changed_active_guides[0];
  EXPECT_EQ(read.id, guide.id);
  EXPECT_EQ(read.languages, (std::vector<std::string>{"fi", "sv"}));
  EXPECT_EQ(read.municipalities, std::vector<std::string>{"398"});
  EXPECT_EQ(read.max_active_clients, 3);

  // From the newer snapshot on, only what changed after it.
  auto unchanged = matching_->LoadSuggestionContext(who_, referral_id_, created->snapshot);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(unchanged->pool_out_of_date);
  ASSERT_TRUE(directory_
                  ->UpdateGuide(who_, "ph", guide.id, std::nullopt,
                                [](GuideRecord& g) {
                                  g.state = "ON_BREAK";
                                  return absl::OkStatus();
                                })
                  .ok());
  auto on_break = matching_->LoadSuggestionContext(who_, referral_id_, unchanged->snapshot);
  ASSERT_TRUE(on_break.ok());
  EXPECT_EQ(on_break->changed_guide_ids, std::vector<std::string>{guide.id});
  EXPECT_TRUE(on_break->changed_active_guides.empty()) << "no longer ACTIVE: out of the pool";
}

TEST_F(GuidePoolTest, SuggestionContextOfAMissingReferralIsNotFound) {
  EXPECT_EQ(matching_->LoadSuggestionContext(who_, NewUuid(), "").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rinnalla::storage
