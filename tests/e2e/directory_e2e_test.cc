// The Directory service end to end: real server, real gRPC, real PostgreSQL.

#include <gmock/gmock.h>

#include <set>
#include <thread>

#include "directory_fixture.h"

namespace rinnalla::testing {
namespace {

using ::testing::ElementsAre;

TEST_F(DirectoryTest, CoordinatorManagesAGuide) {
  v1::Guide created = MustCreateGuide();
  EXPECT_TRUE(created.name().starts_with(kParent + "/guides/"));
  EXPECT_EQ(created.display_name(), "Aino Virtanen");
  EXPECT_THAT(created.experience_areas(), ElementsAre(v1::MENTAL_HEALTH, v1::LONG_TERM_UNEMPLOYMENT));
  EXPECT_EQ(created.state(), v1::Guide::ACTIVE);
  EXPECT_EQ(created.active_client_count(), 0);
  EXPECT_FALSE(created.etag().empty());
  EXPECT_GT(created.create_time().seconds(), 0);

  v1::GetGuideRequest get;
  get.set_name(created.name());
  v1::Guide got;
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kSocialWorker).get(), get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());

  v1::UpdateGuideRequest update;
  update.mutable_guide()->set_name(created.name());
  update.mutable_guide()->set_state(v1::Guide::ON_BREAK);
  update.mutable_guide()->set_etag(created.etag());
  update.mutable_update_mask()->add_paths("state");
  v1::Guide updated;
  grpc::Status status = stub_->UpdateGuide(TestServer::ContextFor(kCoordinator).get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.state(), v1::Guide::ON_BREAK);
  EXPECT_EQ(updated.display_name(), "Aino Virtanen") << "fields outside the mask are kept";
  EXPECT_NE(updated.etag(), created.etag());
}

TEST_F(DirectoryTest, DefaultsOnCreate) {
  v1::CreateGuideRequest request;
  request.set_parent(kParent);
  *request.mutable_guide() = ValidGuide();
  request.mutable_guide()->clear_state();
  v1::Guide guide;
  ASSERT_TRUE(CreateGuide(kCoordinator, request, &guide).ok());
  EXPECT_EQ(guide.state(), v1::Guide::IN_TRAINING);

  v1::Client client = MustCreateClient();
  EXPECT_EQ(client.state(), v1::Client::ACTIVE);
}

TEST_F(DirectoryTest, CallerChosenIdNamesTheResource) {
  v1::CreateGuideRequest request;
  request.set_parent(kParent);
  request.set_guide_id("1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  *request.mutable_guide() = ValidGuide();
  v1::Guide guide;
  ASSERT_TRUE(CreateGuide(kCoordinator, request, &guide).ok());
  EXPECT_EQ(guide.name(), kParent + "/guides/1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  grpc::Status again = CreateGuide(kCoordinator, request, &guide);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Count("guides"), 1);
}

TEST_F(DirectoryTest, SocialWorkerManagesAClient) {
  v1::Client created = MustCreateClient();
  EXPECT_TRUE(created.name().starts_with(kParent + "/clients/"));
  ASSERT_EQ(created.external_refs_size(), 1);
  EXPECT_EQ(created.external_refs(0).system(), "apotti");

  v1::UpdateClientRequest update;
  *update.mutable_client() = created;
  update.mutable_client()->set_municipality("111");
  update.mutable_update_mask()->add_paths("municipality");
  v1::Client updated;
  ASSERT_TRUE(stub_->UpdateClient(TestServer::ContextFor(kSocialWorker).get(), update, &updated).ok());
  EXPECT_EQ(updated.municipality(), "111");
  EXPECT_EQ(updated.birth_year(), 1984);

  v1::ListClientsRequest list;
  list.set_parent(kParent);
  list.set_filter(R"(external_ref = "apotti/A100")");
  v1::ListClientsResponse page;
  ASSERT_TRUE(stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), list, &page).ok());
  ASSERT_EQ(page.clients_size(), 1);
  EXPECT_EQ(page.clients(0).name(), created.name());
}

TEST_F(DirectoryTest, ExternalRefIsUniqueInTheOrganization) {
  MustCreateClient("A100");
  v1::CreateClientRequest request;
  request.set_parent(kParent);
  *request.mutable_client() = ValidClient("A100");
  v1::Client client;
  grpc::Status status = stub_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), request, &client);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReason(status), "EXTERNAL_REF_IN_USE");
  EXPECT_EQ(status.error_message().find("A100"), std::string::npos) << "no client data in errors";
  EXPECT_EQ(Count("clients"), 1);
}

TEST_F(DirectoryTest, StaleEtagIsAbortedAndChangesNothing) {
  v1::Guide guide = MustCreateGuide();
  v1::UpdateGuideRequest first;
  first.mutable_guide()->set_name(guide.name());
  first.mutable_guide()->set_max_active_clients(6);
  first.mutable_guide()->set_etag(guide.etag());
  first.mutable_update_mask()->add_paths("max_active_clients");
  v1::Guide updated;
  ASSERT_TRUE(stub_->UpdateGuide(TestServer::ContextFor(kCoordinator).get(), first, &updated).ok());

  v1::UpdateGuideRequest stale = first;
  stale.mutable_guide()->set_max_active_clients(2);
  grpc::Status status = stub_->UpdateGuide(TestServer::ContextFor(kCoordinator).get(), stale, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReason(status), "STALE_ETAG");
  EXPECT_EQ(server_.database().QueryNumber("SELECT max_active_clients FROM guides"), 6);
}

TEST_F(DirectoryTest, RetriedCreateReturnsTheFirstResponse) {
  v1::CreateGuideRequest request;
  request.set_parent(kParent);
  request.set_request_id("6f1c8e0a-3a52-4c4e-9d7a-2b1a7f0c9e11");
  *request.mutable_guide() = ValidGuide();
  v1::Guide first, second;
  ASSERT_TRUE(CreateGuide(kCoordinator, request, &first).ok());
  ASSERT_TRUE(CreateGuide(kCoordinator, request, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Count("guides"), 1);

  request.mutable_guide()->set_display_name("Someone Else");
  v1::Guide third;
  grpc::Status reused = CreateGuide(kCoordinator, request, &third);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReason(reused), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("guides"), 1);
}

TEST_F(DirectoryTest, PagesSkipNothingAndRepeatNothingWhileRowsArrive) {
  std::set<std::string> before;
  for (int i = 0; i < 7; ++i) before.insert(MustCreateGuide("Guide " + std::to_string(i)).name());
  std::vector<std::string> seen;
  v1::ListGuidesRequest list;
  list.set_parent(kParent);
  list.set_page_size(3);
  for (int page = 0; page < 10; ++page) {
    v1::ListGuidesResponse response;
    ASSERT_TRUE(stub_->ListGuides(TestServer::ContextFor(kCoordinator).get(), list, &response).ok());
    for (const v1::Guide& g : response.guides()) seen.push_back(g.name());
    // Others keep adding guides between pages.
    MustCreateGuide("Arrived " + std::to_string(page));
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a guide was repeated";
  for (const std::string& name : before) EXPECT_TRUE(unique.contains(name)) << "skipped " << name;
}

TEST_F(DirectoryTest, PageSizeIsCoercedToTheMaximum) {
  // One guide more than a page may hold, created by eight callers at once.
  constexpr int kGuides = 501;
  std::vector<std::thread> creators;
  for (int t = 0; t < 8; ++t) {
    creators.emplace_back([&, t] {
      for (int i = t; i < kGuides; i += 8) MustCreateGuide("Guide " + std::to_string(i));
    });
  }
  for (std::thread& t : creators) t.join();
  ASSERT_EQ(Count("guides"), kGuides);
  v1::ListGuidesRequest list;
  list.set_parent(kParent);
  list.set_page_size(100000);
  v1::ListGuidesResponse response;
  ASSERT_TRUE(stub_->ListGuides(TestServer::ContextFor(kCoordinator).get(), list, &response).ok());
  EXPECT_EQ(response.guides_size(), 500);
  ASSERT_FALSE(response.next_page_token().empty());
  list.set_page_token(response.next_page_token());
  ASSERT_TRUE(stub_->ListGuides(TestServer::ContextFor(kCoordinator).get(), list, &response).ok());
  EXPECT_EQ(response.guides_size(), 1);
  EXPECT_TRUE(response.next_page_token().empty());
}

TEST_F(DirectoryTest, ListFiltersGuides) {
  MustCreateGuide("Active");
  v1::CreateGuideRequest on_break;
  on_break.set_parent(kParent);
  *on_break.mutable_guide() = ValidGuide("Resting");
  on_break.mutable_guide()->set_state(v1::Guide::ON_BREAK);
  v1::Guide g;
  ASSERT_TRUE(CreateGuide(kCoordinator, on_break, &g).ok());
  v1::ListGuidesRequest list;
  list.set_parent(kParent);
  list.set_filter("state = ON_BREAK AND experience_area = MENTAL_HEALTH");
  v1::ListGuidesResponse response;
  ASSERT_TRUE(stub_->ListGuides(TestServer::ContextFor(kSocialWorker).get(), list, &response).ok());
  ASSERT_EQ(response.guides_size(), 1);
  EXPECT_EQ(response.guides(0).display_name(), "Resting");
}

// ---- Who may do what --------------------------------------------------------------------------

TEST_F(DirectoryTest, AnotherOrganizationCannotReadOrWrite) {
  v1::Guide guide = MustCreateGuide();
  v1::Client client = MustCreateClient();

  v1::GetGuideRequest get_guide;
  get_guide.set_name(guide.name());
  v1::Guide g;
  grpc::Status existing = stub_->GetGuide(TestServer::ContextFor(kOtherCoordinator).get(), get_guide, &g);
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(g.name().empty());
  // A name that does not exist gets the very same answer: no existence leak.
  get_guide.set_name(kParent + "/guides/00000000-0000-4000-8000-000000000000");
  grpc::Status missing = stub_->GetGuide(TestServer::ContextFor(kOtherCoordinator).get(), get_guide, &g);
  EXPECT_EQ(missing.error_code(), existing.error_code());
  EXPECT_EQ(missing.error_message(), existing.error_message());

  v1::GetClientRequest get_client;
  get_client.set_name(client.name());
  v1::Client c;
  EXPECT_EQ(stub_->GetClient(TestServer::ContextFor(kOtherCoordinator).get(), get_client, &c).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::ListClientsRequest list;
  list.set_parent(kParent);
  v1::ListClientsResponse page;
  EXPECT_EQ(stub_->ListClients(TestServer::ContextFor(kOtherCoordinator).get(), list, &page).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(page.clients_size(), 0);

  v1::CreateGuideRequest create;
  create.set_parent(kParent);
  *create.mutable_guide() = ValidGuide("Intruder");
  EXPECT_EQ(CreateGuide(kOtherCoordinator, create, &g).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  v1::UpdateClientRequest update;
  *update.mutable_client() = client;
  update.mutable_client()->set_display_name("Changed");
  update.mutable_update_mask()->add_paths("display_name");
  EXPECT_EQ(stub_->UpdateClient(TestServer::ContextFor(kOtherCoordinator).get(), update, &c).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("guides"), 1);
  EXPECT_EQ(server_.database().QueryNumber("SELECT revision FROM clients"), 1);
}

TEST_F(DirectoryTest, RolesOutsideTheirTaskAreRefused) {
  v1::Guide guide = MustCreateGuide();
  v1::Guide other = MustCreateGuide("Toinen Ohjaaja");
  v1::Client client = MustCreateClient();
  const Caller as_guide{"paijat-hame", "guide", guide.name()};

  v1::GetGuideRequest own;
  own.set_name(guide.name());
  v1::Guide g;
  EXPECT_TRUE(stub_->GetGuide(TestServer::ContextFor(as_guide).get(), own, &g).ok())
      << "a guide reads their own profile";
  v1::GetGuideRequest theirs;
  theirs.set_name(other.name());
  EXPECT_EQ(stub_->GetGuide(TestServer::ContextFor(as_guide).get(), theirs, &g).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::GetClientRequest get_client;
  get_client.set_name(client.name());
  v1::Client c;
  for (const Caller& caller : {as_guide, kAuditor, kIntegration}) {
    EXPECT_EQ(stub_->GetClient(TestServer::ContextFor(caller).get(), get_client, &c).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << caller.role;
  }

  v1::CreateGuideRequest create;
  create.set_parent(kParent);
  *create.mutable_guide() = ValidGuide("Not Allowed");
  EXPECT_EQ(CreateGuide(kSocialWorker, create, &g).error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << "only coordinators manage guides";
  EXPECT_EQ(Count("guides"), 2);
}

TEST_F(DirectoryTest, CallsWithoutIdentityAreUnauthenticated) {
  grpc::ClientContext context;
  v1::ListGuidesRequest list;
  list.set_parent(kParent);
  v1::ListGuidesResponse response;
  grpc::Status status = stub_->ListGuides(&context, list, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace rinnalla::testing
