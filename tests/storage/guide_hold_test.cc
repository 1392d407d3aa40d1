// Holding a guide to the client inside the reading transaction: who passes, who is refused, and
// that an ending and a read are ordered by the assignment's row lock, never interleaved.

#include "guide_hold.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <thread>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "test_database.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

class GuideHoldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    guide_ = NewUuid();
    client_ = NewUuid();
    other_client_ = NewUuid();
    assignment_ = NewUuid();
    const std::string referral = NewUuid();
    test_db_.Exec(absl::StrCat(
        "INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state)"
        " VALUES ('ph', '",
        guide_, "', 'Aino', '{fi}', 10, 'ACTIVE');"
        "INSERT INTO clients (org_id, id, display_name, state) VALUES ('ph', '",
        client_, "', 'Asiakas', 'ACTIVE'), ('ph', '", other_client_,
        "', 'Toinen', 'ACTIVE');"
        "INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state,"
        " created_by) VALUES ('ph', '",
        referral, "', '", client_,
        "', '{DEBT}', '{fi}', '398', 'MATCHED', 'x');"
        "INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state,"
        " start_time) VALUES ('ph', '",
        assignment_, "', '", client_, "', '", guide_, "', '", referral,
        "', 'ACTIVE', now() - interval '10 days')"));
    auto db = Database::Connect({.connection_string = test_db_.connection_string(), .pool_size = 3});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }

  CallScope Guide(const std::string& guide_id) const {
    CallScope scope{{"ph", "organizations/ph/guides/" + guide_id, "guide", "/test", "r"}};
    scope.is_guide = true;
    scope.guide_id = guide_id;
    return scope;
  }
  static CallScope Staff() { return {{"ph", "users/sw", "social_worker", "/test", "r"}}; }

  absl::Status Hold(const CallScope& scope, const std::string& client) {
    return RunTransaction(*db_, scope, Isolation::kReadCommitted, [&](soci::session& sql) {
      return HoldGuideToClient(sql, scope, client);
    });
  }

  static constexpr const char* kEnd = "UPDATE assignments SET state = 'ENDED', end_time = now(),"
                                      " end_reason = 'GOALS_REACHED' WHERE id = CAST(:id AS uuid)";

  // Whether a statement of this database waits for a lock now.
  bool SomeoneWaits() {
    return test_db_.QueryNumber(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
               " AND wait_event_type = 'Lock'") > 0;
  }
  // Polls `condition` for up to 30 s.
  static bool Eventually(const std::function<bool()>& condition) {
    const absl::Time bound = absl::Now() + absl::Seconds(30);
    while (!condition()) {
      if (absl::Now() > bound) return false;
      absl::SleepFor(absl::Milliseconds(5));
    }
    return true;
  }

  testing::TestDatabase test_db_;
  std::unique_ptr<Database> db_;
  std::string guide_, client_, other_client_, assignment_;
};

TEST_F(GuideHoldTest, StaffAndTheClientsGuidePassAndEveryoneElseIsRefused) {
  EXPECT_TRUE(Hold(Staff(), client_).ok());
  EXPECT_TRUE(Hold(Guide(guide_), client_).ok());
  for (const auto& [scope, client, who] :
       {std::tuple{Guide(guide_), other_client_, "the guide, of a client not theirs"},
        std::tuple{Guide(NewUuid()), client_, "another guide"},
        std::tuple{Guide(""), client_, "a guide whose token names no guide of theirs"}}) {
    absl::Status held = Hold(scope, client);
    EXPECT_EQ(held.code(), absl::StatusCode::kPermissionDenied) << who;
    EXPECT_EQ(ReasonOf(held), "NOT_PERMITTED") << who;
  }
  test_db_.Exec("UPDATE assignments SET state = 'PAUSED' WHERE id = '" + assignment_ + "'");
  EXPECT_TRUE(Hold(Guide(guide_), client_).ok()) << "a PAUSED assignment is still open";
  test_db_.Exec("UPDATE assignments SET state = 'ENDED', end_time = now(),"
                " end_reason = 'GOALS_REACHED' WHERE id = '" + assignment_ + "'");
  EXPECT_EQ(Hold(Guide(guide_), client_).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Hold(Staff(), client_).ok());
}

TEST_F(GuideHoldTest, AReadThatHoldsTheGuideIsWaitedForByTheEnding) {
  absl::Notification held, ended;
  std::atomic<bool> read_open{true};
  std::thread reader([&] {
    absl::Status status = RunTransaction(*db_, Guide(guide_), Isolation::kReadCommitted,
                                         [&](soci::session& sql) -> absl::Status {
                                           RETURN_IF_ERROR(HoldGuideToClient(sql, Guide(guide_),
                                                                             client_));
                                           held.Notify();
                                           // The ending starts now and must wait for this read.
                                           EXPECT_TRUE(Eventually([&] { return SomeoneWaits(); }));
                                           EXPECT_FALSE(ended.HasBeenNotified());
                                           read_open = false;
                                           return absl::OkStatus();
                                         });
    EXPECT_TRUE(status.ok()) << status;
  });
  held.WaitForNotification();
  absl::Status ending = RunTransaction(*db_, Staff(), Isolation::kReadCommitted,
                                       [&](soci::session& sql) {
                                         sql << kEnd, soci::use(assignment_);
                                         return absl::OkStatus();
                                       });
  ended.Notify();
  EXPECT_TRUE(ending.ok()) << ending;
  EXPECT_FALSE(read_open) << "the ending committed while the read was open";
  reader.join();
  EXPECT_EQ(Hold(Guide(guide_), client_).code(), absl::StatusCode::kPermissionDenied);
}

TEST_F(GuideHoldTest, AReadThatStartsDuringAnEndingWaitsForItAndIsRefused) {
  absl::Notification updated, release;
  std::thread ending([&] {
    absl::Status status = RunTransaction(*db_, Staff(), Isolation::kReadCommitted,
                                         [&](soci::session& sql) {
                                           sql << kEnd, soci::use(assignment_);
                                           updated.Notify();
                                           release.WaitForNotification();
                                           return absl::OkStatus();
                                         });
    EXPECT_TRUE(status.ok()) << status;
  });
  updated.WaitForNotification();
  // The ending has changed the row but not committed: a plain read would still see the
  // assignment open. The hold waits for the ending instead, and sees it ended.
  absl::Status read;
  std::thread reader([&] { read = Hold(Guide(guide_), client_); });
  const bool waited = Eventually([&] { return SomeoneWaits(); });
  release.Notify();
  ending.join();
  reader.join();
  EXPECT_TRUE(waited) << "the read did not wait for the ending";
  EXPECT_EQ(read.code(), absl::StatusCode::kPermissionDenied) << read;
}

TEST(Unhidden, ForAGuideWhatIsMissingIsRefusedAndForStaffItIsMissing) {
  CallScope guide{{"ph", "organizations/ph/guides/g", "guide", "/test", "r"}};
  guide.is_guide = true;
  guide.guide_id = "g";
  const CallScope staff{{"ph", "users/sw", "social_worker", "/test", "r"}};
  EXPECT_EQ(Unhidden(guide, absl::NotFoundError("x")).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(Unhidden(guide, absl::NotFoundError("x"))), "NOT_PERMITTED");
  EXPECT_EQ(Unhidden(staff, absl::NotFoundError("x")).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Unhidden(guide, absl::UnavailableError("x")).code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(Unhidden(guide, absl::OkStatus()).ok());
  EXPECT_EQ(*Unhidden(guide, absl::StatusOr<int>(7)), 7);
}

}  // namespace
}  // namespace rinnalla::storage
