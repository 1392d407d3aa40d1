// The record systems' import in storage: upsert by external refs in batches, decided item by
// item in order; conflicts and bad items fail alone; concurrent imports create each client once.

#include "rinnalla/storage/integration_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "held_connection.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "test_database.h"

namespace rinnalla::storage {
namespace {

// A record system's view of a client: its name may change; refs are added, never removed.
ClientImport Item(std::vector<ExternalRefRecord> refs, const std::string& name = "Asiakas") {
  ClientImport item;
  item.client.org_id = "ph";
  item.client.id = NewUuid();
  item.client.display_name = name;
  item.client.state = "ACTIVE";
  item.client.languages = {"fi"};
  item.client.external_refs = refs;
  item.update = [name, refs](ClientRecord& c) {
    c.display_name = name;
    for (const ExternalRefRecord& ref : refs) {
      if (std::find(c.external_refs.begin(), c.external_refs.end(), ref) == c.external_refs.end()) {
        c.external_refs.push_back(ref);
      }
    }
    return absl::OkStatus();
  };
  return item;
}

class IntegrationRepositoryTest : public ::testing::Test {
 protected:
  std::vector<ClientImportResult> Import(const std::vector<ClientImport>& items) {
    auto results = repository_->ImportClients(who_, items);
    EXPECT_TRUE(results.ok()) << results.status();
    EXPECT_EQ(results.ok() ? results->size() : 0, items.size());
    return results.ok() ? *results : std::vector<ClientImportResult>();
  }
  long long Count(const std::string& what) {
    return test_db_.QueryNumber("SELECT count(*) FROM " + what);
  }

  testing::TestDatabase test_db_;
  std::unique_ptr<IntegrationRepository> repository_ = MakePgIntegrationRepository(test_db_.db());
  CallScope who_{
      {"ph", "systems/apotti", "integration", "/rinnalla.v1.Integration/ImportClients", "r1"}};
};

TEST_F(IntegrationRepositoryTest, CreatesThenUpdatesOnlyWhatChanged) {
  std::vector<ClientImportResult> first =
      Import({Item({{"apotti", "1"}}, "Aino"), Item({{"apotti", "2"}}, "Eino")});
  EXPECT_EQ(first[0].outcome, ImportOutcome::kCreated);
  EXPECT_EQ(first[1].outcome, ImportOutcome::kCreated);
  EXPECT_EQ(first[0].revision, 1);

  std::vector<ClientImportResult> again =
      Import({Item({{"apotti", "1"}}, "Aino"), Item({{"apotti", "2"}}, "Eino Uusi")});
  EXPECT_EQ(again[0].outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(again[0].client_id, first[0].client_id);
  EXPECT_EQ(again[0].revision, 1) << "an identical record keeps its revision";
  EXPECT_EQ(again[1].outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(again[1].revision, 2);
  EXPECT_EQ(Count("clients"), 2);
  EXPECT_EQ(Count("events WHERE kind = 'client.created'"), 2);
  EXPECT_EQ(Count("events WHERE kind = 'client.updated' AND changed_fields = '{display_name}'"), 1);
  EXPECT_EQ(Count("access_log WHERE actor = 'systems/apotti' AND outcome = 'OK'"), 4)
      << "one row per client per import, unchanged ones too";
}

TEST_F(IntegrationRepositoryTest, TheSameClientTwiceInABatchIsDecidedInOrder) {
  std::vector<ClientImportResult> results =
      Import({Item({{"apotti", "1"}}), Item({{"apotti", "1"}, {"lifecare", "L1"}}),
              Item({{"lifecare", "L1"}})});
  EXPECT_EQ(results[0].outcome, ImportOutcome::kCreated);
  EXPECT_EQ(results[1].outcome, ImportOutcome::kUpdated) << "a ref added";
  EXPECT_EQ(results[1].revision, 2);
  EXPECT_EQ(results[2].outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(results[2].client_id, results[0].client_id) << "found by the ref just added";
  EXPECT_EQ(Count("clients"), 1);
  EXPECT_EQ(Count("clients WHERE revision = 2"), 1);
  EXPECT_EQ(Count("client_external_refs"), 2);
  EXPECT_EQ(Count("access_log"), 1) << "one row per client of a batch";
}

TEST_F(IntegrationRepositoryTest, RefsOfTwoClientsFailThatItemAlone) {
  Import({Item({{"apotti", "1"}}), Item({{"apotti", "2"}})});
  std::vector<ClientImportResult> results =
      Import({Item({{"apotti", "1"}, {"apotti", "2"}}, "Kumpi"), Item({{"apotti", "3"}})});
  EXPECT_EQ(results[0].status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(results[0].status), "EXTERNAL_REFS_CONFLICT");
  EXPECT_EQ(results[1].outcome, ImportOutcome::kCreated);
  EXPECT_EQ(Count("clients"), 3);
  EXPECT_EQ(Count("clients WHERE display_name = 'Kumpi' OR revision > 1"), 0);
}

TEST_F(IntegrationRepositoryTest, AnItemTheDatabaseRefusesFailsAloneAndTheRestGoThrough) {
  ClientImport broken = Item({{"apotti", "bad"}});
  broken.client.birth_year = 2500;  // past the table's CHECK: only the database catches it
  std::vector<ClientImportResult> results =
      Import({Item({{"apotti", "1"}}), broken, Item({{"apotti", "2"}})});
  EXPECT_TRUE(results[0].status.ok());
  EXPECT_EQ(results[1].status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(results[2].status.ok());
  EXPECT_EQ(Count("clients"), 2);
  EXPECT_EQ(Count("client_external_refs WHERE external_id = 'bad'"), 0);
}

TEST_F(IntegrationRepositoryTest, ConcurrentImportsOfTheSameClientsCreateEachOnce) {
  constexpr int kClients = 100, kImporters = 4;
  // The test holds the clients table so that every importer has looked the refs up (none
  // found: each decides to create all 100) before any can write: they must collide.
  testing::HeldConnection holder(test_db_.connection_string());
  holder.Exec("BEGIN");
  holder.Exec("LOCK TABLE clients IN SHARE MODE");
  std::vector<absl::StatusOr<std::vector<ClientImportResult>>> results(kImporters);
  std::vector<std::thread> importers;
  for (int t = 0; t < kImporters; ++t) {
    importers.emplace_back([&, t] {
      std::vector<ClientImport> items;
      for (int i = 0; i < kClients; ++i) items.push_back(Item({{"apotti", absl::StrCat(i)}}));
      results[t] = repository_->ImportClients(who_, items);
    });
  }
  long long waiting = 0;
  for (absl::Time until = absl::Now() + absl::Seconds(20);
       waiting < kImporters && absl::Now() < until;) {
    absl::SleepFor(absl::Milliseconds(20));
    waiting = test_db_.QueryNumber(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO clients%'");
  }
  EXPECT_EQ(waiting, kImporters) << "every importer decided before any wrote";
  holder.Exec("COMMIT");
  for (std::thread& t : importers) t.join();

  int created = 0, unchanged = 0;
  for (const auto& of_importer : results) {
    ASSERT_TRUE(of_importer.ok()) << of_importer.status();
    ASSERT_EQ(of_importer->size(), static_cast<size_t>(kClients));
    for (const ClientImportResult& r : *of_importer) {
      EXPECT_TRUE(r.status.ok()) << r.status;
      created += r.outcome == ImportOutcome::kCreated;
      unchanged += r.outcome == ImportOutcome::kUnchanged;
    }
  }
  EXPECT_EQ(created, kClients) << "each client is created by one importer";
  EXPECT_EQ(unchanged, (kImporters - 1) * kClients) << "and found by the others";
  EXPECT_EQ(Count("clients"), kClients);
  EXPECT_EQ(Count("client_external_refs"), kClients);
  EXPECT_EQ(Count("events WHERE kind = 'client.created'"), kClients);
}

TEST_F(IntegrationRepositoryTest, ACarePlanOfAMissingClientIsNotFoundAndLogsNothing) {
  EXPECT_EQ(repository_->ReadCarePlan(who_, NewUuid()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Count("access_log"), 0);
}

}  // namespace
}  // namespace rinnalla::storage
