#ifndef RINNALLA_TESTS_E2E_DIRECTORY_FIXTURE_H_
#define RINNALLA_TESTS_E2E_DIRECTORY_FIXTURE_H_

// A running server and Directory stubs, with callers of two organizations.

#include <gtest/gtest.h>

#include "error_details.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "test_server.h"

namespace rinnalla::testing {

inline const Caller kCoordinator{"paijat-hame", "coordinator", "users/koordinaattori"};
inline const Caller kSocialWorker{"paijat-hame", "social_worker", "users/sosiaalityontekija"};
inline const Caller kAuditor{"paijat-hame", "auditor", "users/tietosuojavastaava"};
inline const Caller kIntegration{"paijat-hame", "integration", "systems/apotti"};
inline const Caller kOtherCoordinator{"helsinki", "coordinator", "users/muu"};
inline const std::string kParent = "organizations/paijat-hame";

// A guide that passes every rule.
inline v1::Guide DirectoryTestGuide(const std::string& name = "Aino Virtanen") {
  v1::Guide g;
  g.set_display_name(name);
  g.add_experience_areas(v1::MENTAL_HEALTH);
  g.add_experience_areas(v1::LONG_TERM_UNEMPLOYMENT);
  g.add_languages("fi");
  g.add_municipalities("398");
  g.set_max_active_clients(4);
  g.set_state(v1::Guide::ACTIVE);
  return g;
}

class DirectoryTest : public ::testing::Test {
 protected:
  static v1::Guide ValidGuide(const std::string& name = "Aino Virtanen") {
    return DirectoryTestGuide(name);
  }

  static v1::Client ValidClient(const std::string& ref = "A100") {
    v1::Client c;
    c.set_display_name("Matti Meikäläinen");
    v1::ExternalRef* r = c.add_external_refs();
    r->set_system("apotti");
    r->set_id(ref);
    c.set_birth_year(1984);
    c.set_municipality("398");
    c.add_languages("fi");
    return c;
  }

  grpc::Status CreateGuide(const Caller& caller, const v1::CreateGuideRequest& request,
                           v1::Guide* out) {
    return stub_->CreateGuide(TestServer::ContextFor(caller).get(), request, out);
  }

  v1::Guide MustCreateGuide(const std::string& name = "Aino Virtanen") {
    v1::CreateGuideRequest request;
    request.set_parent(kParent);
    *request.mutable_guide() = ValidGuide(name);
    v1::Guide guide;
    grpc::Status status = CreateGuide(kCoordinator, request, &guide);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return guide;
  }

  v1::Client MustCreateClient(const std::string& ref = "A100") {
    v1::CreateClientRequest request;
    request.set_parent(kParent);
    *request.mutable_client() = ValidClient(ref);
    v1::Client client;
    grpc::Status status =
        stub_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), request, &client);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return client;
  }

  long long Count(const std::string& table) {
    return server_.database().QueryNumber("SELECT count(*) FROM " + table);
  }

  TestServer server_;
  std::unique_ptr<v1::Directory::Stub> stub_ = v1::Directory::NewStub(server_.channel());
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_DIRECTORY_FIXTURE_H_
