// One client's access log filtered on the server (ListAccessLog's `filter`), over gRPC and REST:
// hand-worked rows of 2020 found by time (both bounds, each operator at its edge), by actor and
// by outcome, pages across a filtered set, and every bad filter INVALID_ARGUMENT naming `filter`
// with nothing written.

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "directory_fixture.h"
#include "http_client.h"
#include "rinnalla/v1/audit.grpc.pb.h"

namespace rinnalla::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string UrlEncoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    out += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : absl::StrFormat("%%%02X", c);
  }
  return out;
}

const std::string kGuide = "organizations/paijat-hame/guides/00000000-0000-4000-8000-0000000000aa";

class AccessLogFilterTest : public DirectoryTest {
 protected:
  void SetUp() override {
    client_ = MustCreateClient();
    // Five entries of 2020, named by their request ids r1..r5 (Finnish summer time, +03:00).
    Add("r1", "2020-05-01T09:00:00+03:00", "users/a", "social_worker", "OK");
    Add("r2", "2020-05-15T12:00:00+03:00", kGuide, "guide", "OK");
    Add("r3", "2020-05-31T23:59:59.999999+03:00", "users/a", "social_worker", "DENIED");
    Add("r4", "2020-06-01T00:00:00+03:00", "users/a", "social_worker", "OK");
    Add("r5", "2020-06-02T08:00:00+03:00", kGuide, "guide", "DENIED");
  }

  void Add(const std::string& request_id, const std::string& time, const std::string& actor,
           const std::string& role, const std::string& outcome) {
    const std::string id = client_.name().substr(client_.name().rfind('/') + 1);
    server_.database().Exec(absl::StrFormat(
        "INSERT INTO access_log (time, org_id, actor_org, actor, role, method, client_id,"
        " resource, outcome, request_id) VALUES ('%s', 'paijat-hame', 'paijat-hame', '%s', '%s',"
        " '/rinnalla.v1.Directory/GetClient', '%s', '%s', '%s', '%s')",
        time, actor, role, id, client_.name(), outcome, request_id));
  }

  grpc::Status List(const std::string& filter, v1::ListAccessLogResponse* out, int page_size = 0,
                    const std::string& page_token = "") {
    v1::ListAccessLogRequest request;
    request.set_parent(client_.name());
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return audit_->ListAccessLog(TestServer::ContextFor(kAuditor).get(), request, out);
  }

  // The request ids of the entries a filter keeps, newest first (one page).
  std::vector<std::string> Kept(const std::string& filter) {
    v1::ListAccessLogResponse response;
    grpc::Status status = List(filter, &response);
    EXPECT_TRUE(status.ok()) << filter << ": " << status.error_message();
    EXPECT_TRUE(response.next_page_token().empty());
    std::vector<std::string> ids;
    for (const v1::AccessLogEntry& e : response.entries()) ids.push_back(e.request_id());
    return ids;
  }

  v1::Client client_;
  std::unique_ptr<v1::Audit::Stub> audit_ = v1::Audit::NewStub(server_.channel());
};

TEST_F(AccessLogFilterTest, TimeBoundsKeepTheEntriesBetweenThem) {
  EXPECT_THAT(Kept(R"(time >= "2020-05-01T00:00:00+03:00" AND time < "2020-06-01T00:00:00+03:00")"),
              ElementsAre("r3", "r2", "r1"));
  // The same bounds in UTC.
  EXPECT_THAT(Kept(R"(time >= "2020-04-30T21:00:00Z" AND time < "2020-05-31T21:00:00Z")"),
              ElementsAre("r3", "r2", "r1"));
  // Each operator at its edge: >= and <= keep an entry at the bound, > and < do not.
  EXPECT_THAT(Kept(R"(time > "2020-05-01T09:00:00+03:00" AND time <= "2020-06-01T00:00:00+03:00")"),
              ElementsAre("r4", "r3", "r2"));
  EXPECT_THAT(Kept(R"(time >= "2020-05-01T09:00:00+03:00" AND time < "2020-05-15T12:00:00+03:00")"),
              ElementsAre("r1"));
  EXPECT_THAT(Kept(R"(time < "2020-05-01T09:00:00+03:00")"), IsEmpty());
  EXPECT_THAT(Kept(R"(time >= "2020-06-02T08:00:00+03:00" AND time < "2021-01-01T00:00:00Z")"),
              ElementsAre("r5"));
  // A bound alone: everything since r5 is this test's own work, not the hand-worked rows.
  v1::ListAccessLogResponse since;
  ASSERT_TRUE(List(R"(time > "2020-06-02T08:00:00+03:00")", &since).ok());
  for (const v1::AccessLogEntry& e : since.entries())
    EXPECT_THAT(e.request_id(), ::testing::Not(::testing::StartsWith("r")));
}

TEST_F(AccessLogFilterTest, ActorAndOutcomeJoinTheTimeBounds) {
  const std::string year = R"(time >= "2020-01-01T00:00:00Z" AND time < "2021-01-01T00:00:00Z")";
  EXPECT_THAT(Kept(year), ElementsAre("r5", "r4", "r3", "r2", "r1"));
  EXPECT_THAT(Kept(year + R"( AND actor = "users/a")"), ElementsAre("r4", "r3", "r1"));
  EXPECT_THAT(Kept(R"(actor = ")" + kGuide + R"(" AND )" + year), ElementsAre("r5", "r2"));
  EXPECT_THAT(Kept(year + " AND outcome = DENIED"), ElementsAre("r5", "r3"));
  EXPECT_THAT(Kept("outcome = DENIED"), ElementsAre("r5", "r3")) << "no other refusal";
  EXPECT_THAT(Kept(R"(outcome = DENIED AND actor = "users/a")"), ElementsAre("r3"));
  EXPECT_THAT(Kept(R"(actor = "users/nobody")"), IsEmpty());
  // The auditor's own readings are entries like any other: each call logs itself first.
  v1::ListAccessLogResponse own;
  ASSERT_TRUE(List(R"(actor = "users/tietosuojavastaava")", &own).ok());
  EXPECT_EQ(own.entries_size(), 8) << "the seven calls above and this one";
  for (const v1::AccessLogEntry& e : own.entries()) {
    EXPECT_EQ(e.method(), "/rinnalla.v1.Audit/ListAccessLog");
  }
}

TEST_F(AccessLogFilterTest, PagesWalkTheFilteredSetAndTheTokenKeepsItsFilter) {
  const std::string filter = R"(actor = "users/a" AND time < "2021-01-01T00:00:00Z")";
  std::vector<std::string> ids;
  std::string token;
  std::string first_token;
  for (int page = 0; page < 10; ++page) {
    v1::ListAccessLogResponse response;
    ASSERT_TRUE(List(filter, &response, 1, token).ok());
    ASSERT_EQ(response.entries_size(), 1);
    ids.push_back(response.entries(0).request_id());
    token = response.next_page_token();
    if (first_token.empty()) first_token = token;
    if (token.empty()) break;
  }
  EXPECT_THAT(ids, ElementsAre("r4", "r3", "r1"));

  // A token from another filter, or from no filter, is refused.
  v1::ListAccessLogResponse response;
  grpc::Status status = List("outcome = DENIED", &response, 1, first_token);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("page_token"));
  status = List("", &response, 1, first_token);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AccessLogFilterTest, ABadFilterIsRefusedNamingItAndWritesNothing) {
  for (const std::string& bad : {
           std::string(R"(time >= "yesterday")"),
           std::string(R"(time >= "2020-05-01")"),
           std::string(R"(time = "2020-05-01T00:00:00Z")"),
           std::string(R"(time >= "2020-05-01T00:00:00Z" AND time >= "2020-06-01T00:00:00Z")"),
           std::string(R"(actor = "")"),
           std::string("actor = \"users/\x01a\""),
           std::string("actor = \"" + std::string(513, 'a') + "\""),
           std::string(R"(actor:"users")"),
           std::string("outcome = MAYBE"),
           std::string("outcome = OUTCOME_UNSPECIFIED"),
           std::string("method = GetClient"),
           std::string(R"(actor = "users/a" OR outcome = OK)"),
       }) {
    const long long before = Count("access_log");
    v1::ListAccessLogResponse response;
    grpc::Status status = List(bad, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(ViolatedFields(status), ElementsAre("filter")) << bad;
    EXPECT_EQ(response.entries_size(), 0);
    EXPECT_EQ(Count("access_log"), before) << bad << ": nothing written";
  }
}

TEST_F(AccessLogFilterTest, RestFiltersAndPagesAsGrpcDoes) {
  const std::string filter = R"(actor = "users/a" AND time < "2021-01-01T00:00:00Z")";
  const std::string path =
      "/v1/" + client_.name() + "/accessLog?pageSize=2&filter=" + UrlEncoded(filter);
  HttpReply first = HttpGet(server_.http_port(), path, &kAuditor);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.json()["entries"].size(), 2u);
  EXPECT_EQ(first.json()["entries"][0]["requestId"], "r4");
  EXPECT_EQ(first.json()["entries"][0]["time"], "2020-05-31T21:00:00Z");
  EXPECT_EQ(first.json()["entries"][0]["outcome"], "OK");
  EXPECT_EQ(first.json()["entries"][1]["requestId"], "r3");
  EXPECT_EQ(first.json()["entries"][1]["outcome"], "DENIED");
  v1::ListAccessLogResponse grpc_first;
  ASSERT_TRUE(List(filter, &grpc_first, 2).ok());
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(grpc_first, &json).ok());
  EXPECT_EQ(first.json()["entries"], nlohmann::json::parse(json)["entries"]);

  const std::string token = first.json()["nextPageToken"];
  HttpReply second =
      HttpGet(server_.http_port(), path + "&pageToken=" + UrlEncoded(token), &kAuditor);
  ASSERT_EQ(second.status, 200) << second.body;
  ASSERT_EQ(second.json()["entries"].size(), 1u);
  EXPECT_EQ(second.json()["entries"][0]["requestId"], "r1");
  EXPECT_FALSE(second.json().contains("nextPageToken"));

  const long long before = Count("access_log");
  HttpReply bad = HttpGet(
      server_.http_port(),
      "/v1/" + client_.name() + "/accessLog?filter=" + UrlEncoded(R"(time >= "soon")"), &kAuditor);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_THAT(bad.violated_fields(), ElementsAre("filter"));
  EXPECT_EQ(Count("access_log"), before);
}

}  // namespace
}  // namespace rinnalla::testing
