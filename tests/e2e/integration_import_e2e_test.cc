// ImportClients end to end: a record system streams its clients; new ones are created, known ones
// updated where changed, conflicts and bad items fail alone, and a replay changes nothing.

#include "integration_fixture.h"

namespace rinnalla::testing {
namespace {

v1::Client GetClient(v1::Directory::Stub& stub, const std::string& name) {
  v1::GetClientRequest request;
  request.set_name(name);
  v1::Client out;
  grpc::Status status = stub.GetClient(TestServer::ContextFor(kSocialWorker).get(), request, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

TEST_F(IntegrationTest, ImportCreatesAndAReplayChangesNothing) {
  std::vector<v1::ImportClientRequest> batch = {ImportOf("A-1", "Aino"), ImportOf("A-2", "Eino"),
                                                ImportOf("A-3", "Helmi")};
  v1::ImportClientsResponse first = MustImport(batch);
  EXPECT_EQ(first.created_count(), 3);
  for (const v1::ImportClientResult& r : first.results()) {
    EXPECT_EQ(r.outcome(), v1::ImportClientResult::CREATED);
    EXPECT_FALSE(r.etag().empty());
  }
  v1::Client aino = GetClient(*stub_, first.results(0).client());
  EXPECT_EQ(aino.display_name(), "Aino");
  EXPECT_EQ(aino.external_refs(0).id(), "A-1");
  EXPECT_EQ(aino.state(), v1::Client::ACTIVE);
  EXPECT_EQ(aino.etag(), first.results(0).etag());

  const long long events = Count("events");
  v1::ImportClientsResponse replay = MustImport(batch);
  EXPECT_EQ(replay.unchanged_count(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(replay.results(i).outcome(), v1::ImportClientResult::UNCHANGED);
    EXPECT_EQ(replay.results(i).client(), first.results(i).client());
    EXPECT_EQ(replay.results(i).etag(), first.results(i).etag()) << "no new etag";
  }
  EXPECT_EQ(Count("clients"), 3);
  EXPECT_EQ(Count("events"), events) << "nothing changed, so nothing to tell";
  EXPECT_EQ(Count("events WHERE kind = 'client.created'"), 3);
  // Every import is an access to each client it touched, by the record system.
  EXPECT_EQ(Count("access_log WHERE actor = 'systems/apotti' AND role = 'integration'"
                  " AND method = '/rinnalla.v1.Integration/ImportClients' AND outcome = 'OK'"),
            6);
}

TEST_F(IntegrationTest, AKnownClientIsUpdatedOnlyWhereChanged) {
  v1::ImportClientsResponse first = MustImport({ImportOf("A-1", "Aino")});
  const std::string name = first.results(0).client();

  v1::ImportClientRequest changed = ImportOf("A-1", "Aino Virtanen");
  v1::ExternalRef* lifecare = changed.mutable_client()->add_external_refs();
  lifecare->set_system("lifecare");
  lifecare->set_id("L-77");
  v1::ImportClientsResponse second = MustImport({changed});
  ASSERT_EQ(second.results(0).outcome(), v1::ImportClientResult::UPDATED);
  EXPECT_EQ(second.results(0).client(), name);
  EXPECT_NE(second.results(0).etag(), first.results(0).etag());
  EXPECT_EQ(Count("events WHERE kind = 'client.updated'"
                  " AND changed_fields = '{display_name,external_refs}'"),
            1);
  // Found by either ref now; refs are only ever added.
  v1::ImportClientsResponse by_lifecare =
      MustImport({ImportOf("L-77", "Aino Virtanen", "lifecare")});
  EXPECT_EQ(by_lifecare.results(0).outcome(), v1::ImportClientResult::UNCHANGED);
  EXPECT_EQ(by_lifecare.results(0).client(), name);
  v1::Client client = GetClient(*stub_, name);
  ASSERT_EQ(client.external_refs_size(), 2);

  // A social worker closes the client; an import that does not say a state leaves it.
  v1::UpdateClientRequest close;
  close.mutable_client()->set_name(name);
  close.mutable_client()->set_state(v1::Client::CLOSED);
  close.mutable_update_mask()->add_paths("state");
  v1::Client closed;
  ASSERT_TRUE(
      stub_->UpdateClient(TestServer::ContextFor(kSocialWorker).get(), close, &closed).ok());
  EXPECT_EQ(MustImport({changed}).results(0).outcome(), v1::ImportClientResult::UNCHANGED);

  // update_mask limits what an update may change.
  v1::ImportClientRequest masked = ImportOf("A-1", "Toinen Nimi");
  masked.mutable_client()->set_birth_year(1980);
  masked.mutable_update_mask()->add_paths("birth_year");
  EXPECT_EQ(MustImport({masked}).results(0).outcome(), v1::ImportClientResult::UPDATED);
  client = GetClient(*stub_, name);
  EXPECT_EQ(client.display_name(), "Aino Virtanen");
  EXPECT_EQ(client.birth_year(), 1980);
  EXPECT_EQ(client.state(), v1::Client::CLOSED);
}

TEST_F(IntegrationTest, RefsOfTwoClientsFailThatItemAndWriteNothing) {
  v1::ImportClientsResponse first = MustImport({ImportOf("A-1"), ImportOf("A-2")});
  const long long events = Count("events"), log = Count("access_log");
  v1::ImportClientRequest both = ImportOf("A-1", "Kumpi");
  v1::ExternalRef* second = both.mutable_client()->add_external_refs();
  second->set_system("apotti");
  second->set_id("A-2");
  v1::ImportClientsResponse out = MustImport({both, ImportOf("A-3")});
  const v1::ImportClientResult& conflict = out.results(0);
  EXPECT_EQ(conflict.outcome(), v1::ImportClientResult::FAILED);
  EXPECT_TRUE(conflict.client().empty());
  EXPECT_EQ(conflict.error().code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(AsGrpcStatus(conflict.error())), "EXTERNAL_REFS_CONFLICT");
  EXPECT_EQ(conflict.error().message().find("Kumpi"), std::string::npos) << "no personal data";
  EXPECT_EQ(out.results(1).outcome(), v1::ImportClientResult::CREATED);
  EXPECT_EQ(out.failed_count(), 1);
  EXPECT_EQ(out.created_count(), 1);
  EXPECT_EQ(Count("clients WHERE display_name = 'Kumpi' OR revision > 1"), 0);
  EXPECT_EQ(Count("events"), events + 1);
  EXPECT_EQ(Count("access_log"), log + 1);
}

struct BadItem {
  std::string name;
  std::function<void(v1::ImportClientRequest&)> spoil;
  grpc::StatusCode code;
  std::string field;
};

TEST_F(IntegrationTest, EachBadItemFailsAloneNamingItsFieldAndTheRestGoThrough) {
  const std::vector<BadItem> bad = {
      {"no external refs", [](auto& r) { r.mutable_client()->clear_external_refs(); },
       grpc::StatusCode::INVALID_ARGUMENT, "client.external_refs"},
      {"bad system",
       [](auto& r) { r.mutable_client()->mutable_external_refs(0)->set_system("Apotti!"); },
       grpc::StatusCode::INVALID_ARGUMENT, "client.external_refs[0].system"},
      {"no name", [](auto& r) { r.mutable_client()->clear_display_name(); },
       grpc::StatusCode::INVALID_ARGUMENT, "client.display_name"},
      {"birth year", [](auto& r) { r.mutable_client()->set_birth_year(1800); },
       grpc::StatusCode::INVALID_ARGUMENT, "client.birth_year"},
      {"municipality", [](auto& r) { r.mutable_client()->set_municipality("Lahti"); },
       grpc::StatusCode::INVALID_ARGUMENT, "client.municipality"},
      {"parent", [](auto& r) { r.set_parent("orgs/paijat-hame"); },
       grpc::StatusCode::INVALID_ARGUMENT, "parent"},
      {"mask", [](auto& r) { r.mutable_update_mask()->add_paths("external_refs"); },
       grpc::StatusCode::INVALID_ARGUMENT, "update_mask"},
      {"another organization", [](auto& r) { r.set_parent("organizations/helsinki"); },
       grpc::StatusCode::PERMISSION_DENIED, ""},
  };
  std::vector<v1::ImportClientRequest> requests;
  for (size_t i = 0; i < bad.size(); ++i) {
    requests.push_back(ImportOf(absl::StrCat("OK-", i)));
    v1::ImportClientRequest spoiled = ImportOf(absl::StrCat("BAD-", i));
    bad[i].spoil(spoiled);
    requests.push_back(spoiled);
  }
  v1::ImportClientsResponse out = MustImport(requests);
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(out.results(2 * i).outcome(), v1::ImportClientResult::CREATED) << bad[i].name;
    const v1::ImportClientResult& r = out.results(2 * i + 1);
    EXPECT_EQ(r.outcome(), v1::ImportClientResult::FAILED) << bad[i].name;
    EXPECT_EQ(r.error().code(), bad[i].code) << bad[i].name;
    if (!bad[i].field.empty()) {
      EXPECT_EQ(ViolatedFields(AsGrpcStatus(r.error())), std::set<std::string>{bad[i].field})
          << bad[i].name;
    }
  }
  EXPECT_EQ(out.failed_count(), static_cast<int>(bad.size()));
  EXPECT_EQ(Count("clients"), static_cast<long long>(bad.size()));
  EXPECT_EQ(Count("client_external_refs WHERE external_id LIKE 'BAD-%'"), 0);
  EXPECT_EQ(Count("events"), static_cast<long long>(bad.size()));
}

TEST_F(IntegrationTest, TenThousandClientsInOneStream) {
  constexpr int kClients = 10000;
  std::vector<v1::ImportClientRequest> requests;
  for (int i = 0; i < kClients; ++i) requests.push_back(ImportOf(absl::StrCat("T-", i)));
  const absl::Time start = absl::Now();
  v1::ImportClientsResponse out = MustImport(requests);
  const absl::Duration took = absl::Now() - start;
  std::cout << kClients << " clients imported in " << took << " ("
            << kClients / absl::ToDoubleSeconds(took) << "/s, test build and database)\n";
  EXPECT_EQ(out.created_count(), kClients);
  for (int i = 0; i < kClients; i += 997) {
    EXPECT_EQ(out.results(i).outcome(), v1::ImportClientResult::CREATED);
  }
  EXPECT_EQ(Count("clients"), kClients);
  EXPECT_EQ(Count("client_external_refs"), kClients);
  EXPECT_EQ(Count("events WHERE kind = 'client.created'"), kClients);
  EXPECT_EQ(Count("access_log WHERE actor = 'systems/apotti'"), kClients);
  EXPECT_EQ(Count("(SELECT DISTINCT client_id FROM access_log) c"), kClients);

  // One more than a call may carry, every one of the first ten thousand renamed: those are
  // imported (each updated once), the one over is not, and the caller is told to send the rest
  // in another call.
  for (int i = 0; i < kClients; ++i) {
    requests[i].mutable_client()->set_display_name(absl::StrCat("Uusi nimi ", i));
  }
  requests.push_back(ImportOf("T-over"));
  v1::ImportClientsResponse over;
  grpc::Status status = Import(requests, &over);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReason(status), "TOO_MANY_CLIENTS");
  EXPECT_EQ(Count("clients"), kClients);
  EXPECT_EQ(Count("clients WHERE display_name LIKE 'Uusi nimi %' AND revision = 2"), kClients);
  EXPECT_EQ(Count("events WHERE kind = 'client.updated'"), kClients);
  EXPECT_EQ(Count("client_external_refs WHERE external_id = 'T-over'"), 0);
}

TEST_F(IntegrationTest, AnEmptyImportIsAnEmptyAnswer) {
  v1::ImportClientsResponse out;
  ASSERT_TRUE(Import({}, &out).ok());
  EXPECT_EQ(out.results_size(), 0);
}

TEST_F(IntegrationTest, ReferralsArriveByTheRecordSystemsOwnId) {
  v1::ImportClientsResponse imported = MustImport({ImportOf("A-9")});
  v1::CreateReferralRequest request = ReferralOf("A-9");
  v1::Referral referral;
  grpc::Status status =
      matching_->CreateReferral(TestServer::ContextFor(kIntegration).get(), request, &referral);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(referral.client(), imported.results(0).client());
  EXPECT_EQ(referral.state(), v1::Referral::OPEN);

  request.mutable_referral()->mutable_external_ref()->set_id("A-unknown");
  EXPECT_EQ(
      matching_->CreateReferral(TestServer::ContextFor(kIntegration).get(), request, &referral)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace rinnalla::testing
