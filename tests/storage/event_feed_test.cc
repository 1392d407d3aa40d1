// The event feed: no event is ever skipped, even when transactions commit out of order; pruning
// expires cursors it would otherwise silently skip past; the signal wakes readers on commit.

#include "rinnalla/storage/event_feed.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <map>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "outbox.h"
#include "rinnalla/storage/status.h"
#include "test_database.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

// A connection of its own, for transactions the test holds open.
class Session {
 public:
  explicit Session(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    EXPECT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
  }
  ~Session() { PQfinish(conn_); }
  void Exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(r);
    PQclear(r);
  }
  void Insert(const std::string& org, const std::string& resource) {
    Exec(absl::StrCat("INSERT INTO events (org_id, kind, resource) VALUES ('", org,
                      "', 'test.written', '", resource, "')"));
  }

 private:
  PGconn* conn_;
};

std::vector<std::string> Resources(const FeedPage& page) {
  std::vector<std::string> out;
  for (const FeedEvent& e : page.events) out.push_back(e.resource);
  return out;
}

class EventFeedTest : public ::testing::Test {
 protected:
  // What the feed delivers now. Events held back are waited for: a transaction left open for a
  // moment by another test, in any database of the cluster, holds delivery back (the oldest
  // running transaction is the cluster's), just as WatchEvents waits for it.
  FeedPage Read(const std::string& org, const std::optional<FeedPosition>& after = std::nullopt) {
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    for (;;) {
      absl::StatusOr<FeedPage> page = feed_->Read(CallScope::Background(), org, after, 1000);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) return FeedPage{};
      if (!page->held_back || absl::Now() > give_up) return *page;
      absl::SleepFor(absl::Milliseconds(10));
    }
  }

  // What a reader that follows `seq` alone would see next.
  long long NaiveNext(long long after_seq) {
    return test_db_.QueryNumber(absl::StrCat(
        "SELECT coalesce(min(seq), 0) FROM events WHERE org_id = 'ph' AND seq > ", after_seq));
  }

  testing::TestDatabase test_db_;
  std::unique_ptr<EventFeed> feed_ = MakePgEventFeed(test_db_.db());
};

TEST_F(EventFeedTest, AnEventCommittedLateIsDeliveredBeforeTheOnesAfterIt) {
  Session slow(test_db_.connection_string()), fast(test_db_.connection_string());
  slow.Exec("BEGIN");
  slow.Insert("ph", "slow");  // the lower sequence number...
  fast.Insert("ph", "fast");  // ...commits after this one
  long long fast_seq = NaiveNext(0);
  EXPECT_GT(fast_seq, 0) << "a reader of seq alone sees 'fast' now, and moves past 'slow'";

  absl::StatusOr<FeedPage> held = feed_->Read(CallScope::Background(), "ph", std::nullopt, 100);
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_TRUE(held->events.empty()) << "'fast' waits while an older transaction runs";
  EXPECT_TRUE(held->held_back);

  slow.Exec("COMMIT");
  EXPECT_EQ(NaiveNext(fast_seq), 0) << "the seq reader has lost 'slow' for good";
  FeedPage page = Read("ph");
  EXPECT_EQ(Resources(page), (std::vector<std::string>{"slow", "fast"}));
  EXPECT_FALSE(page.held_back);
  EXPECT_FALSE(page.full);
  EXPECT_TRUE(Read("ph", page.events.back().position).events.empty());
}

TEST_F(EventFeedTest, ATransactionsEventsComeTogetherInTheOrderWritten) {
  Session a(test_db_.connection_string()), b(test_db_.connection_string());
  a.Exec("BEGIN");
  a.Insert("ph", "a1");
  b.Insert("ph", "b1");
  a.Insert("ph", "a2");
  a.Exec("COMMIT");
  b.Insert("ph", "other-org-is-apart");
  b.Exec("UPDATE events SET org_id = 'muu' WHERE resource = 'other-org-is-apart'");
  EXPECT_EQ(Resources(Read("ph")), (std::vector<std::string>{"a1", "a2", "b1"}));
  EXPECT_EQ(Resources(Read("muu")), (std::vector<std::string>{"other-org-is-apart"}));
}

TEST_F(EventFeedTest, ChangedFieldsAndResourcesComeBackWhateverTheyHold) {
  // Field names are the API's, but nothing in storage relies on that: separators, quotes,
  // braces and 4-byte UTF-8 round-trip too.
  const std::vector<std::vector<std::string>> fields = {
      {},
      {"display_name"},
      {"a,b", "{c}", "\"d\"", "e\\f", "g\x1fh", "i\x1ej", "k\xe2\x90\x9el", "\xf0\x9f\xa7\xad", ""},
      {"tab\tnewline\n", "NULL"}};
  std::vector<EventRow> rows;
  for (size_t i = 0; i < fields.size(); ++i) {
    rows.push_back({"test.written", absl::StrCat("things/\x1e", i, "\xe2\x90\x9e'"), fields[i]});
  }
  ASSERT_TRUE(RunTransaction(test_db_.db(), CallScope::Background(), Isolation::kReadCommitted,
                             [&](soci::session& sql) {
                               AppendEvents(sql, "ph", rows);
                               return absl::OkStatus();
                             })
                  .ok());
  FeedPage page = Read("ph");
  ASSERT_EQ(page.events.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(page.events[i].resource, rows[i].resource);
    EXPECT_EQ(page.events[i].changed_fields, rows[i].changed_fields) << i;
  }
}

TEST_F(EventFeedTest, TransactionIdsOrderAsNumbersNotAsText) {
  // Long finished transactions whose ids differ in their number of digits ("9" sorts after "10"
  // as text). Found by the test below when the cluster's ids passed 99,999 to 100,000.
  Session s(test_db_.connection_string());
  s.Exec(
      "INSERT INTO events (org_id, kind, resource, xid) VALUES"
      " ('ph', 'test.written', 'ten', '10'), ('ph', 'test.written', 'nine', '9')");
  FeedPage page = Read("ph");
  EXPECT_EQ(Resources(page), (std::vector<std::string>{"nine", "ten"}));
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[0].position.xid, 9u);
  absl::StatusOr<FeedPage> after_nine =
      feed_->Read(CallScope::Background(), "ph", page.events[0].position, 10);
  ASSERT_TRUE(after_nine.ok());
  EXPECT_EQ(Resources(*after_nine), std::vector<std::string>{"ten"});
}

TEST_F(EventFeedTest, EightWritersCommittingOutOfOrderLoseNothingForALiveReader) {
  constexpr int kWriters = 8, kEventsEach = 500;
  EventSignal signal(test_db_.connection_string());
  std::atomic<int> writers_done{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      Session session(test_db_.connection_string());
      std::mt19937 random(w);
      for (int i = 0; i < kEventsEach;) {
        // 1-3 events per transaction, with random pauses inside it: transactions overlap and
        // commit in another order than they took their sequence numbers.
        session.Exec("BEGIN");
        for (int n = 1 + random() % 3; n > 0 && i < kEventsEach; --n, ++i) {
          session.Insert("ph", absl::StrCat(w, "/", i));
          session.Exec(absl::StrCat("SELECT pg_sleep(", random() % 3, " / 1000.0)"));
        }
        session.Exec("COMMIT");
      }
      ++writers_done;
    });
  }

  // The reader follows live, as WatchEvents does: read, then wait for a commit to be signalled.
  std::vector<FeedEvent> received;
  std::optional<FeedPosition> position;
  const absl::Time give_up = absl::Now() + absl::Seconds(120);
  while (received.size() < kWriters * kEventsEach && absl::Now() < give_up) {
    uint64_t seen = signal.Version("ph");
    absl::StatusOr<FeedPage> page = feed_->Read(CallScope::Background(), "ph", position, 500);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const FeedEvent& e : page->events) received.push_back(e);
    if (!page->events.empty()) position = page->events.back().position;
    if (!page->full) {
      signal.WaitForChange("ph", seen, page->held_back ? absl::Milliseconds(5) : absl::Seconds(1));
    }
  }
  for (std::thread& t : writers) t.join();
  ASSERT_EQ(writers_done, kWriters);

  // Exactly once, every one.
  EXPECT_EQ(test_db_.QueryNumber("SELECT count(*) FROM events"), kWriters * kEventsEach);
  EXPECT_EQ(received.size(), static_cast<size_t>(kWriters * kEventsEach));
  std::set<std::string> distinct;
  for (const FeedEvent& e : received) distinct.insert(e.resource);
  EXPECT_EQ(distinct.size(), received.size()) << "an event was delivered twice";
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kWriters * kEventsEach)) << "one was lost";
  // In one consistent order: feed positions only grow, and each writer's events come in the
  // order it wrote them.
  std::map<int, int> next_of_writer;
  int seq_went_back = 0;
  for (size_t i = 0; i < received.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(received[i - 1].position, received[i].position);
      seq_went_back += received[i].position.seq < received[i - 1].position.seq;
    }
    std::vector<std::string> parts = absl::StrSplit(received[i].resource, '/');
    int w = 0, n = 0;
    ASSERT_TRUE(absl::SimpleAtoi(parts[0], &w) && absl::SimpleAtoi(parts[1], &n));
    EXPECT_EQ(n, next_of_writer[w]++) << "writer " << w;
  }
  // How often the feed's order differed from sequence order: each is a place where a reader of
  // seq alone could have skipped an event.
  RecordProperty("seq_order_differs", seq_went_back);
  std::cout << "events delivered out of sequence order (would be skipped by a seq cursor): "
            << seq_went_back << "\n";
}

TEST_F(EventFeedTest, PruningMovesTheHorizonAndExpiresCursorsBeforeIt) {
  Session s(test_db_.connection_string());
  for (int i = 1; i <= 5; ++i) s.Insert("ph", absl::StrCat("ph", i));
  s.Insert("muu", "muu1");
  s.Insert("muu", "muu2");
  std::vector<FeedEvent> all = Read("ph").events;
  ASSERT_EQ(all.size(), 5u);
  s.Exec(
      "UPDATE events SET time = now() - interval '40 days'"
      " WHERE resource IN ('ph1', 'ph2', 'ph3', 'muu1')");

  absl::StatusOr<int64_t> pruned = feed_->Prune(CallScope::Background(), absl::Hours(24 * 30));
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 4);
  EXPECT_EQ(feed_->Prune(CallScope::Background(), absl::Hours(24 * 30)).value_or(-1), 0);

  absl::StatusOr<FeedPage> expired =
      feed_->Read(CallScope::Background(), "ph", all[0].position, 100);
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(expired.status()), "CURSOR_EXPIRED");
  EXPECT_EQ(Resources(Read("ph", all[2].position)), (std::vector<std::string>{"ph4", "ph5"}))
      << "nothing after the last pruned event was lost";
  EXPECT_EQ(Resources(Read("ph")), (std::vector<std::string>{"ph4", "ph5"}))
      << "without a cursor: from the oldest kept";
  EXPECT_EQ(Resources(Read("muu")), (std::vector<std::string>{"muu2"}));
  EXPECT_EQ(Resources(Read("quiet")), std::vector<std::string>{})
      << "an organization with nothing pruned has no horizon";
}

TEST_F(EventFeedTest, TheSignalTellsEachOrganizationOfItsCommits) {
  EventSignal signal(test_db_.connection_string());
  // Once listening, everyone counts as changed (nothing announced before could be heard).
  signal.WaitForChange("ph", 0, absl::Seconds(10));
  const uint64_t ph = signal.Version("ph");
  ASSERT_NE(ph, 0u) << "the listener did not connect";
  const uint64_t muu = signal.Version("muu");

  Session s(test_db_.connection_string());
  s.Insert("muu", "m");
  signal.WaitForChange("muu", muu, absl::Seconds(10));
  EXPECT_NE(signal.Version("muu"), muu);
  EXPECT_EQ(signal.Version("ph"), ph) << "another organization's commit";

  s.Exec("BEGIN");
  s.Insert("ph", "p");
  s.Exec("COMMIT");
  signal.WaitForChange("ph", ph, absl::Seconds(10));
  EXPECT_NE(signal.Version("ph"), ph);

  signal.Stop();
  EXPECT_TRUE(signal.stopped());
  const absl::Time before = absl::Now();
  signal.WaitForChange("ph", signal.Version("ph"), absl::Seconds(10));
  EXPECT_LT(absl::Now() - before, absl::Seconds(1)) << "a stopped signal never waits";
}

}  // namespace
}  // namespace rinnalla::storage
