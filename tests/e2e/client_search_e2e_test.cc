// Finding a client by name on the server (ListClients' `display_name:` term), over gRPC and REST:
// every word typed occurs in the name, case aside (ä and Ä too), LIKE's own characters are
// letters, pages follow the search, a bad term is INVALID_ARGUMENT naming `filter` with nothing
// logged, and only the clients listed get their "listed" row in the access log.

#include <gmock/gmock.h>

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "directory_fixture.h"
#include "http_client.h"

namespace rinnalla::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::string UrlEncoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    out += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : absl::StrFormat("%%%02X", c);
  }
  return out;
}

class ClientSearchTest : public DirectoryTest {
 protected:
  void SetUp() override {
    aino_ = Create("Aino Virtanen", "S1");
    matti_ = Create("Matti Virta", "S2");
    aijala_ = Create("Äijälä Öhman", "S3");
    sara_ = Create("Sara Sundqvist", "S4");
  }

  v1::Client Create(const std::string& display_name, const std::string& ref) {
    v1::CreateClientRequest request;
    request.set_parent(kParent);
    *request.mutable_client() = ValidClient(ref);
    request.mutable_client()->set_display_name(display_name);
    v1::Client client;
    grpc::Status status =
        stub_->CreateClient(TestServer::ContextFor(kSocialWorker).get(), request, &client);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return client;
  }

  grpc::Status List(const std::string& filter, v1::ListClientsResponse* out, int page_size = 0,
                    const std::string& page_token = "") {
    v1::ListClientsRequest request;
    request.set_parent(kParent);
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return stub_->ListClients(TestServer::ContextFor(kSocialWorker).get(), request, out);
  }

  // The display names a filter finds (all pages of the default size).
  std::vector<std::string> Found(const std::string& filter) {
    v1::ListClientsResponse response;
    grpc::Status status = List(filter, &response);
    EXPECT_TRUE(status.ok()) << filter << ": " << status.error_message();
    EXPECT_TRUE(response.next_page_token().empty());
    std::vector<std::string> names;
    for (const v1::Client& client : response.clients()) names.push_back(client.display_name());
    return names;
  }

  // The "listed" rows of ListClients in the access log, by client id.
  long long ListedRows(const v1::Client& client) {
    return server_.database().QueryNumber(
        "SELECT count(*) FROM access_log WHERE method = '/rinnalla.v1.Directory/ListClients'"
        " AND resource = '" +
        client.name() + "'");
  }

  v1::Client aino_, matti_, aijala_, sara_;
};

TEST_F(ClientSearchTest, EveryWordTypedOccursInTheNameCaseAside) {
  EXPECT_THAT(Found(R"(display_name:"virta")"), ElementsAre("Aino Virtanen", "Matti Virta"));
  EXPECT_THAT(Found(R"(display_name:"VIRTA matti")"), ElementsAre("Matti Virta"));
  EXPECT_THAT(Found(R"(display_name:"  matti   VIRTA ")"), ElementsAre("Matti Virta"))
      << "the words' order and spaces aside";
  EXPECT_THAT(Found(R"(display_name:"tti irt")"), ElementsAre("Matti Virta"))
      << "parts of words count";
  EXPECT_THAT(Found("display_name:virtanen"), ElementsAre("Aino Virtanen")) << "a bare word";
  // Letters beyond ASCII fold their case too, whatever the database's locale.
  EXPECT_THAT(Found(R"(display_name:"ÄIJÄLÄ")"), ElementsAre("Äijälä Öhman"));
  EXPECT_THAT(Found(R"(display_name:"öhm äij")"), ElementsAre("Äijälä Öhman"));
}

TEST_F(ClientSearchTest, ANameThatMatchesNobodyListsNobodyAndLogsNothing) {
  const long long before = Count("access_log");
  EXPECT_THAT(Found(R"(display_name:"Nimetön")"), IsEmpty());
  EXPECT_THAT(Found(R"(display_name:"virta sara")"), IsEmpty()) << "every word must occur";
  // LIKE's own characters are letters like any other.
  EXPECT_THAT(Found(R"(display_name:"%")"), IsEmpty());
  EXPECT_THAT(Found(R"(display_name:"s_ra")"), IsEmpty());
  EXPECT_THAT(Found(R"(display_name:"\\")"), IsEmpty());
  EXPECT_EQ(Count("access_log"), before);
}

TEST_F(ClientSearchTest, OnlyTheClientsListedGetTheirListedRow) {
  EXPECT_THAT(Found(R"(display_name:"virta")"), ElementsAre("Aino Virtanen", "Matti Virta"));
  EXPECT_EQ(ListedRows(aino_), 1);
  EXPECT_EQ(ListedRows(matti_), 1);
  EXPECT_EQ(ListedRows(aijala_), 0);
  EXPECT_EQ(ListedRows(sara_), 0);

  // A page of one lists one: the next match is not logged until its page is read.
  v1::ListClientsResponse first;
  ASSERT_TRUE(List(R"(display_name:"virta")", &first, 1).ok());
  ASSERT_EQ(first.clients_size(), 1);
  EXPECT_EQ(first.clients(0).display_name(), "Aino Virtanen");
  ASSERT_FALSE(first.next_page_token().empty());
  EXPECT_EQ(ListedRows(aino_), 2);
  EXPECT_EQ(ListedRows(matti_), 1);
  v1::ListClientsResponse second;
  ASSERT_TRUE(List(R"(display_name:"virta")", &second, 1, first.next_page_token()).ok());
  ASSERT_EQ(second.clients_size(), 1);
  EXPECT_EQ(second.clients(0).display_name(), "Matti Virta");
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(ListedRows(matti_), 2);

  // The token belongs to the search it came from.
  v1::ListClientsResponse other;
  grpc::Status status = List(R"(display_name:"sara")", &other, 1, first.next_page_token());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(ViolatedFields(status).contains("page_token"));
}

TEST_F(ClientSearchTest, TheNameJoinsTheOtherTerms) {
  v1::UpdateClientRequest update;
  update.mutable_client()->set_name(matti_.name());
  update.mutable_client()->set_state(v1::Client::CLOSED);
  update.mutable_update_mask()->add_paths("state");
  v1::Client out;
  ASSERT_TRUE(stub_->UpdateClient(TestServer::ContextFor(kSocialWorker).get(), update, &out).ok());
  EXPECT_THAT(Found(R"(display_name:"virta" AND state = ACTIVE)"), ElementsAre("Aino Virtanen"));
  EXPECT_THAT(Found(R"(state = CLOSED AND display_name:"virta")"), ElementsAre("Matti Virta"));
  EXPECT_THAT(Found(R"(display_name:"virta" AND external_ref = "apotti/S1")"),
              ElementsAre("Aino Virtanen"));
  EXPECT_THAT(Found(R"(display_name:"sara" AND external_ref = "apotti/S1")"), IsEmpty());
}

TEST_F(ClientSearchTest, ABadNameTermIsRefusedNamingTheFilterAndLogsNothing) {
  const std::string too_long = "display_name:\"" + std::string(201, 'a') + "\"";
  const std::string eleven_words = R"(display_name:"a b c d e f g h i j k")";
  for (const std::string& bad :
       {std::string(R"(display_name:"")"), std::string(R"(display_name:"   ")"), too_long,
        eleven_words, std::string("display_name:\"vir\x01ta\""),
        std::string("display_name:\"vir\tta\x7f\""), std::string(R"(display_name = "virta")"),
        std::string(R"(display_name:"virta" AND display_name:"matti")"),
        std::string(R"(display_name:"virta)"), std::string("display_name:")}) {
    const long long before = Count("access_log");
    v1::ListClientsResponse response;
    grpc::Status status = List(bad, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(ViolatedFields(status), ElementsAre("filter")) << bad;
    EXPECT_EQ(response.clients_size(), 0);
    EXPECT_EQ(Count("access_log"), before) << bad << ": nothing logged as read";
  }
  // Two hundred characters, the longest a name may be, are a search.
  v1::ListClientsResponse response;
  EXPECT_TRUE(List("display_name:\"" + std::string(200, 'a') + "\"", &response).ok());
}

TEST_F(ClientSearchTest, RestFindsWhatGrpcFinds) {
  const std::string filter = R"(display_name:"VIRTA")";
  HttpReply reply =
      HttpGet(server_.http_port(),
              "/v1/organizations/paijat-hame/clients?filter=" + UrlEncoded(filter), &kSocialWorker);
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_EQ(reply.json()["clients"].size(), 2u);
  EXPECT_EQ(reply.json()["clients"][0]["name"], aino_.name());
  EXPECT_EQ(reply.json()["clients"][1]["name"], matti_.name());
  EXPECT_EQ(ListedRows(aino_), 1);
  EXPECT_EQ(ListedRows(aijala_), 0);

  HttpReply none = HttpGet(
      server_.http_port(),
      "/v1/organizations/paijat-hame/clients?filter=" + UrlEncoded(R"(display_name:"Nimetön")"),
      &kSocialWorker);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_FALSE(none.json().contains("clients"));

  const long long before = Count("access_log");
  HttpReply bad = HttpGet(
      server_.http_port(),
      "/v1/organizations/paijat-hame/clients?filter=" + UrlEncoded("display_name:\"a\x01\""),
      &kSocialWorker);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_THAT(bad.violated_fields(), UnorderedElementsAre("filter"));
  EXPECT_EQ(Count("access_log"), before);
}

}  // namespace
}  // namespace rinnalla::testing
