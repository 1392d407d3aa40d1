// Who may do what, across every RPC, and the access log that records it.

#include <functional>
#include <map>
#include <set>

#include "directory_fixture.h"
#include "rinnalla/v1/audit.grpc.pb.h"

namespace rinnalla::testing {
namespace {

const std::vector<std::string> kRoles = {"coordinator", "social_worker", "guide", "integration",
                                         "auditor"};

class AccessTest : public DirectoryTest {
 protected:
  void SetUp() override {
    guide_ = MustCreateGuide();
    client_ = MustCreateClient("A-matrix");
  }

  // The caller of `role` in `org`; a guide's sub is their own guide profile in their org.
  Caller CallerOf(const std::string& role, const std::string& org) {
    if (role == "guide") {
      return {org, role, org == "paijat-hame" ? guide_.name()
                                              : "organizations/" + org + "/guides/" + kOtherId};
    }
    return {org, role, "users/" + role};
  }

  // Each RPC, called as `caller`; returns the status and whether any data came back.
  using Rpc = std::function<std::pair<grpc::Status, bool>(const Caller&)>;
  std::map<std::string, Rpc> Rpcs() {
    return {
        {"CreateGuide", [&](const Caller& c) {
           v1::CreateGuideRequest r;
           r.set_parent(kParent);
           *r.mutable_guide() = ValidGuide("Uusi Ohjaaja");
           v1::Guide out;
           auto s = stub_->CreateGuide(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"GetGuide", [&](const Caller& c) {
           v1::GetGuideRequest r;
           r.set_name(guide_.name());
           v1::Guide out;
           auto s = stub_->GetGuide(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"ListGuides", [&](const Caller& c) {
           v1::ListGuidesRequest r;
           r.set_parent(kParent);
           v1::ListGuidesResponse out;
           auto s = stub_->ListGuides(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"UpdateGuide", [&](const Caller& c) {
           v1::UpdateGuideRequest r;
           r.mutable_guide()->set_name(guide_.name());
           r.mutable_guide()->set_display_name("Päivitetty");
           r.mutable_update_mask()->add_paths("display_name");
           v1::Guide out;
           auto s = stub_->UpdateGuide(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"CreateClient", [&](const Caller& c) {
           v1::CreateClientRequest r;
           r.set_parent(kParent);
           *r.mutable_client() = ValidClient("A-" + std::to_string(++refs_));
           v1::Client out;
           auto s = stub_->CreateClient(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"GetClient", [&](const Caller& c) {
           v1::GetClientRequest r;
           r.set_name(client_.name());
           v1::Client out;
           auto s = stub_->GetClient(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"ListClients", [&](const Caller& c) {
           v1::ListClientsRequest r;
           r.set_parent(kParent);
           v1::ListClientsResponse out;
           auto s = stub_->ListClients(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"UpdateClient", [&](const Caller& c) {
           v1::UpdateClientRequest r;
           r.mutable_client()->set_name(client_.name());
           r.mutable_client()->set_municipality("111");
           r.mutable_update_mask()->add_paths("municipality");
           v1::Client out;
           auto s = stub_->UpdateClient(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
        {"ListAccessLog", [&](const Caller& c) {
           v1::ListAccessLogRequest r;
           r.set_parent(client_.name());
           v1::ListAccessLogResponse out;
           auto s = audit_->ListAccessLog(TestServer::ContextFor(c).get(), r, &out);
           return std::make_pair(s, out.ByteSizeLong() > 0);
         }},
    };
  }

  static constexpr char kOtherId[] = "00000000-0000-4000-8000-000000000001";
  v1::Guide guide_;
  v1::Client client_;
  int refs_ = 0;
  std::unique_ptr<v1::Audit::Stub> audit_ = v1::Audit::NewStub(server_.channel());
};

TEST_F(AccessTest, EveryRpcEveryRoleOwnAndOtherOrganization) {
  // API.md's role table, for the RPCs that exist.
  const std::map<std::string, std::set<std::string>> allowed = {
      {"CreateGuide", {"coordinator"}},
      {"GetGuide", {"coordinator", "social_worker", "guide"}},  // a guide: their own profile
      {"ListGuides", {"coordinator", "social_worker"}},
      {"UpdateGuide", {"coordinator"}},
      {"CreateClient", {"coordinator", "social_worker"}},
      // A guide reads a client only through an ACTIVE or PAUSED assignment; there is none.
      {"GetClient", {"coordinator", "social_worker"}},
      {"ListClients", {"coordinator", "social_worker"}},
      {"UpdateClient", {"coordinator", "social_worker"}},
      {"ListAccessLog", {"auditor"}},
  };
  auto rpcs = Rpcs();
  ASSERT_EQ(rpcs.size(), allowed.size());
  for (const auto& [method, call] : rpcs) {
    for (const std::string& role : kRoles) {
      for (const std::string& org : {std::string("paijat-hame"), std::string("helsinki")}) {
        const bool expect_ok = org == "paijat-hame" && allowed.at(method).contains(role);
        auto [status, returned_data] = call(CallerOf(role, org));
        const std::string where = method + " as " + role + " of " + org;
        if (expect_ok) {
          EXPECT_TRUE(status.ok()) << where << ": " << status.error_message();
        } else {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
          EXPECT_FALSE(returned_data) << where << " returned data";
        }
      }
    }
  }
}

TEST_F(AccessTest, AGuideCannotReadAnotherGuidesProfile) {
  v1::Guide other = MustCreateGuide("Toinen");
  v1::GetGuideRequest r;
  r.set_name(other.name());
  v1::Guide out;
  EXPECT_EQ(stub_->GetGuide(TestServer::ContextFor(CallerOf("guide", "paijat-hame")).get(), r, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(out.ByteSizeLong(), 0u);
}

TEST_F(AccessTest, TheAccessLogCountsEveryAccessInAScriptedSession) {
  // SetUp: created one client (1 row for it).
  v1::Client second = MustCreateClient("B-session");  // 1 row for the second
  v1::GetClientRequest get;
  get.set_name(client_.name());
  v1::Client out;
  ASSERT_TRUE(stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), get, &out).ok());  // 1
  v1::ListClientsRequest list;
  list.set_parent(kParent);
  v1::ListClientsResponse listed;
  ASSERT_TRUE(stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), list, &listed).ok());
  ASSERT_EQ(listed.clients_size(), 2);  // 2 rows: one per client returned
  v1::UpdateClientRequest update;
  update.mutable_client()->set_name(client_.name());
  update.mutable_client()->add_languages("sv");
  update.mutable_update_mask()->add_paths("languages");
  ASSERT_TRUE(stub_->UpdateClient(TestServer::ContextFor(kSocialWorker).get(), update, &out).ok());  // 1
  // Refused: a guide without an assignment, and another organization (2 DENIED rows).
  EXPECT_FALSE(stub_->GetClient(TestServer::ContextFor(CallerOf("guide", "paijat-hame")).get(), get, &out).ok());
  EXPECT_FALSE(stub_->GetClient(TestServer::ContextFor(kOtherCoordinator).get(), get, &out).ok());
  // Failed: a client that does not exist (1 ERROR row, for that id).
  v1::GetClientRequest missing;
  missing.set_name(kParent + "/clients/" + kOtherId);
  EXPECT_EQ(stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), missing, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Reads of guides are not client data: no rows.
  v1::GetGuideRequest get_guide;
  get_guide.set_name(guide_.name());
  v1::Guide g;
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kSocialWorker).get(), get_guide, &g).ok());

  EXPECT_EQ(Count("access_log"), 1 + 1 + 1 + 2 + 1 + 2 + 1);

  // The auditor reads the first client's log: its own reading comes first.
  v1::ListAccessLogRequest request;
  request.set_parent(client_.name());
  v1::ListAccessLogResponse log;
  auto audit = v1::Audit::NewStub(server_.channel());
  ASSERT_TRUE(audit->ListAccessLog(TestServer::ContextFor(kAuditor).get(), request, &log).ok());
  ASSERT_EQ(log.entries_size(), 1 + 1 + 1 + 1 + 2 + 1);
  EXPECT_EQ(log.entries(0).role(), "auditor");
  EXPECT_EQ(log.entries(0).method(), "/rinnalla.v1.Audit/ListAccessLog");
  std::map<v1::AccessLogEntry::Outcome, int> outcomes;
  std::set<std::string> actor_orgs;
  for (const auto& e : log.entries()) {
    ++outcomes[e.outcome()];
    actor_orgs.insert(e.actor_organization());
    EXPECT_EQ(e.resource(), client_.name());
    EXPECT_FALSE(e.request_id().empty());
  }
  EXPECT_EQ(outcomes[v1::AccessLogEntry::OK], 5);
  EXPECT_EQ(outcomes[v1::AccessLogEntry::DENIED], 2);
  EXPECT_TRUE(actor_orgs.contains("helsinki")) << "the other organization's attempt is visible";
  EXPECT_EQ(Count("access_log"), 10);
}

TEST_F(AccessTest, WithTheLogUnwritableReadsReturnNoData) {
  server_.database().Exec(
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'insufficient_privilege'; END $$;"
      "CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse()");
  v1::GetClientRequest get;
  get.set_name(client_.name());
  v1::Client out;
  grpc::Status status = stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), get, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ErrorReason(status), "ACCESS_LOG_UNAVAILABLE");
  EXPECT_EQ(out.ByteSizeLong(), 0u);
  v1::ListClientsRequest list;
  list.set_parent(kParent);
  v1::ListClientsResponse listed;
  EXPECT_EQ(stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), list, &listed).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(listed.clients_size(), 0);
}

TEST_F(AccessTest, AccessLogPagesAndRefusesBadParents) {
  v1::GetClientRequest get;
  get.set_name(client_.name());
  v1::Client out;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(stub_->GetClient(TestServer::ContextFor(kSocialWorker).get(), get, &out).ok());
  }
  auto audit = v1::Audit::NewStub(server_.channel());
  v1::ListAccessLogRequest request;
  request.set_parent(client_.name());
  request.set_page_size(2);
  std::set<std::string> seen;
  int total = 0;
  for (int page = 0; page < 10; ++page) {
    v1::ListAccessLogResponse response;
    ASSERT_TRUE(audit->ListAccessLog(TestServer::ContextFor(kAuditor).get(), request, &response).ok());
    for (const auto& e : response.entries()) {
      seen.insert(e.request_id() + e.method() + std::to_string(e.time().nanos()));
      ++total;
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(static_cast<int>(seen.size()), total) << "no entry repeated across pages";
  EXPECT_GE(total, 6);

  v1::ListAccessLogRequest bad;
  bad.set_parent(kParent);
  v1::ListAccessLogResponse response;
  grpc::Status status = audit->ListAccessLog(TestServer::ContextFor(kAuditor).get(), bad, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains("parent"));
}

}  // namespace
}  // namespace rinnalla::testing
