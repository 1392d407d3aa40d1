// Every Directory field rule: INVALID_ARGUMENT naming the field, and nothing written.

#include <functional>

#include "directory_fixture.h"

namespace rinnalla::testing {
namespace {

struct GuideCase {
  std::string label;
  std::function<void(v1::CreateGuideRequest&)> spoil;
  std::string field;
};
void PrintTo(const GuideCase& c, std::ostream* os) { *os << c.label; }

class GuideValidationTest : public DirectoryTest,
                            public ::testing::WithParamInterface<GuideCase> {};

TEST_P(GuideValidationTest, RefusesAndWritesNothing) {
  v1::CreateGuideRequest request;
  request.set_parent(kParent);
  *request.mutable_guide() = ValidGuide();
  GetParam().spoil(request);
  v1::Guide guide;
  grpc::Status status = CreateGuide(kCoordinator, request, &guide);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains(GetParam().field))
      << "fields named: " << ::testing::PrintToString(ViolatedFields(status));
  EXPECT_EQ(Count("guides"), 0);
  EXPECT_EQ(Count("idempotency_keys"), 0);
}

INSTANTIATE_TEST_SUITE_P(
    CreateGuide, GuideValidationTest,
    ::testing::Values(
        GuideCase{"EmptyName", [](auto& r) { r.mutable_guide()->set_display_name(""); },
                  "guide.display_name"},
        GuideCase{"BlankName", [](auto& r) { r.mutable_guide()->set_display_name("   "); },
                  "guide.display_name"},
        GuideCase{"LongName",
                  [](auto& r) { r.mutable_guide()->set_display_name(std::string(201, 'a')); },
                  "guide.display_name"},
        GuideCase{"ControlCharacterInName",
                  [](auto& r) { r.mutable_guide()->set_display_name("Aino\nVirtanen"); },
                  "guide.display_name"},
        GuideCase{"UnknownArea",
                  [](auto& r) { r.mutable_guide()->add_experience_areas(static_cast<v1::ExperienceArea>(99)); },
                  "guide.experience_areas[2]"},
        GuideCase{"UnspecifiedArea",
                  [](auto& r) { r.mutable_guide()->set_experience_areas(0, v1::EXPERIENCE_AREA_UNSPECIFIED); },
                  "guide.experience_areas[0]"},
        GuideCase{"RepeatedArea",
                  [](auto& r) { r.mutable_guide()->add_experience_areas(v1::MENTAL_HEALTH); },
                  "guide.experience_areas[2]"},
        GuideCase{"NoLanguage", [](auto& r) { r.mutable_guide()->clear_languages(); },
                  "guide.languages"},
        GuideCase{"BadLanguage", [](auto& r) { r.mutable_guide()->add_languages("Finnish"); },
                  "guide.languages[1]"},
        GuideCase{"RepeatedLanguage", [](auto& r) { r.mutable_guide()->add_languages("fi"); },
                  "guide.languages[1]"},
        GuideCase{"BadMunicipality", [](auto& r) { r.mutable_guide()->add_municipalities("39"); },
                  "guide.municipalities[1]"},
        GuideCase{"LetterMunicipality",
                  [](auto& r) { r.mutable_guide()->set_municipalities(0, "Lah"); },
                  "guide.municipalities[0]"},
        GuideCase{"ZeroCapacity", [](auto& r) { r.mutable_guide()->set_max_active_clients(0); },
                  "guide.max_active_clients"},
        GuideCase{"CapacityOver50", [](auto& r) { r.mutable_guide()->set_max_active_clients(51); },
                  "guide.max_active_clients"},
        GuideCase{"UnknownState",
                  [](auto& r) { r.mutable_guide()->set_state(static_cast<v1::Guide::State>(9)); },
                  "guide.state"},
        GuideCase{"MalformedParent", [](auto& r) { r.set_parent("orgs/paijat-hame"); }, "parent"},
        GuideCase{"UpperCaseOrganization",
                  [](auto& r) { r.set_parent("organizations/Paijat-Hame"); }, "parent"},
        GuideCase{"MalformedGuideId", [](auto& r) { r.set_guide_id("guide-1"); }, "guide_id"},
        GuideCase{"MalformedRequestId", [](auto& r) { r.set_request_id("retry-1"); },
                  "request_id"}),
    [](const auto& info) { return info.param.label; });

struct ClientCase {
  std::string label;
  std::function<void(v1::CreateClientRequest&)> spoil;
  std::string field;
};
void PrintTo(const ClientCase& c, std::ostream* os) { *os << c.label; }

class ClientValidationTest : public DirectoryTest,
                             public ::testing::WithParamInterface<ClientCase> {};

TEST_P(ClientValidationTest, RefusesAndWritesNothing) {
  v1::CreateClientRequest request;
  request.set_parent(kParent);
  *request.mutable_client() = ValidClient();
  GetParam().spoil(request);
  v1::Client client;
  grpc::Status status =
      stub_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), request, &client);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains(GetParam().field))
      << "fields named: " << ::testing::PrintToString(ViolatedFields(status));
  EXPECT_EQ(Count("clients"), 0);
  EXPECT_EQ(Count("client_external_refs"), 0);
}

INSTANTIATE_TEST_SUITE_P(
    CreateClient, ClientValidationTest,
    ::testing::Values(
        ClientCase{"EmptyName", [](auto& r) { r.mutable_client()->set_display_name(""); },
                   "client.display_name"},
        ClientCase{"LongName",
                   [](auto& r) { r.mutable_client()->set_display_name(std::string(201, 'x')); },
                   "client.display_name"},
        ClientCase{"BirthYearTooEarly", [](auto& r) { r.mutable_client()->set_birth_year(1850); },
                   "client.birth_year"},
        ClientCase{"BirthYearInFuture", [](auto& r) { r.mutable_client()->set_birth_year(3000); },
                   "client.birth_year"},
        ClientCase{"BadMunicipality", [](auto& r) { r.mutable_client()->set_municipality("1234"); },
                   "client.municipality"},
        ClientCase{"BadLanguage", [](auto& r) { r.mutable_client()->add_languages("f"); },
                   "client.languages[1]"},
        ClientCase{"BadRefSystem",
                   [](auto& r) { r.mutable_client()->mutable_external_refs(0)->set_system("Apotti!"); },
                   "client.external_refs[0].system"},
        ClientCase{"EmptyRefId",
                   [](auto& r) { r.mutable_client()->mutable_external_refs(0)->set_id(""); },
                   "client.external_refs[0].id"},
        ClientCase{"LongRefId",
                   [](auto& r) {
                     r.mutable_client()->mutable_external_refs(0)->set_id(std::string(129, '7'));
                   },
                   "client.external_refs[0].id"},
        ClientCase{"RepeatedRef",
                   [](auto& r) { *r.mutable_client()->add_external_refs() = r.client().external_refs(0); },
                   "client.external_refs[1]"},
        ClientCase{"UnknownState",
                   [](auto& r) { r.mutable_client()->set_state(static_cast<v1::Client::State>(5)); },
                   "client.state"},
        ClientCase{"MalformedClientId", [](auto& r) { r.set_client_id("x"); }, "client_id"},
        ClientCase{"MalformedParent", [](auto& r) { r.set_parent(""); }, "parent"}),
    [](const auto& info) { return info.param.label; });

TEST_F(DirectoryTest, UpdateRefusesBadMaskAndValuesAndChangesNothing) {
  v1::Guide guide = MustCreateGuide();
  auto update = [&](std::function<void(v1::UpdateGuideRequest&)> spoil) {
    v1::UpdateGuideRequest request;
    *request.mutable_guide() = guide;
    spoil(request);
    v1::Guide out;
    return stub_->UpdateGuide(TestServer::ContextFor(kCoordinator).get(), request, &out);
  };
  grpc::Status unknown_path = update([](auto& r) { r.mutable_update_mask()->add_paths("name"); });
  EXPECT_EQ(unknown_path.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(unknown_path).contains("update_mask"));

  grpc::Status unset_state = update([](auto& r) {
    r.mutable_guide()->set_state(v1::Guide::STATE_UNSPECIFIED);
    r.mutable_update_mask()->add_paths("state");
  });
  EXPECT_TRUE(ViolatedFields(unset_state).contains("guide.state"));

  grpc::Status bad_capacity = update([](auto& r) {
    r.mutable_guide()->set_max_active_clients(-1);
    r.mutable_update_mask()->add_paths("max_active_clients");
  });
  EXPECT_TRUE(ViolatedFields(bad_capacity).contains("guide.max_active_clients"));

  grpc::Status bad_name = update([](auto& r) { r.mutable_guide()->set_name("guides/1"); });
  EXPECT_TRUE(ViolatedFields(bad_name).contains("guide.name"));

  EXPECT_EQ(server_.database().QueryNumber("SELECT revision FROM guides"), 1);
}

TEST_F(DirectoryTest, ListRefusesBadPagingAndFilters) {
  auto list = [&](std::function<void(v1::ListClientsRequest&)> spoil) {
    v1::ListClientsRequest request;
    request.set_parent(kParent);
    spoil(request);
    v1::ListClientsResponse out;
    return stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), request, &out);
  };
  EXPECT_TRUE(ViolatedFields(list([](auto& r) { r.set_page_size(-1); })).contains("page_size"));
  EXPECT_TRUE(ViolatedFields(list([](auto& r) { r.set_page_token("garbage"); })).contains("page_token"));
  EXPECT_TRUE(ViolatedFields(list([](auto& r) { r.set_filter("birth_year = 1980"); })).contains("filter"));
  EXPECT_TRUE(ViolatedFields(list([](auto& r) { r.set_filter("state = OPEN"); })).contains("filter"));
  EXPECT_TRUE(ViolatedFields(list([](auto& r) { r.set_filter("state ACTIVE"); })).contains("filter"));

  // A token is bound to its query: reusing it with another filter is refused.
  MustCreateClient("A1");
  MustCreateClient("A2");
  v1::ListClientsRequest first;
  first.set_parent(kParent);
  first.set_page_size(1);
  v1::ListClientsResponse page;
  ASSERT_TRUE(stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  grpc::Status other_query = list([&](auto& r) {
    r.set_page_token(page.next_page_token());
    r.set_filter("state = CLOSED");
  });
  EXPECT_TRUE(ViolatedFields(other_query).contains("page_token"));
}

}  // namespace
}  // namespace rinnalla::testing
