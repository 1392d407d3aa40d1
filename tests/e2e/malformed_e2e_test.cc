// Messages that cannot be parsed. Inside a client stream each gets its own error result at its
// position and reading goes on (a phone's queue never silently loses what follows); a unary
// request that cannot be parsed is answered like any call: INVALID_ARGUMENT MALFORMED_MESSAGE,
// with its log line.

#include "api_calls.h"
#include "error_details.h"
#include "generic_call.h"
#include "integration_fixture.h"
#include "log_capture.h"
#include "test_keys.h"
#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

// Field 1 (a string) holding bytes that are not UTF-8: not a message of any of the API's types.
const std::string kMalformed("\x0a\x02\xff\xfe", 4);

// Calls `method` with `messages` as bytes; the status, and the one response in `out`.
grpc::Status CallWith(TestServer& server, const Caller& caller, const std::string& method,
                      const std::vector<std::string>& messages,
                      google::protobuf::Message* out = nullptr) {
  BytesCall call = CallWithBytes(server, caller, method, messages);
  if (out != nullptr && !call.responses.empty()) out->ParseFromString(call.responses.front());
  return call.status;
}

void ExpectMalformed(const google::rpc::Status& error) {
  EXPECT_EQ(error.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(ErrorReason(AsGrpcStatus(error)), "MALFORMED_MESSAGE");
}

class MalformedVisitsTest : public VisitsTest {
 protected:
  GuideAndClient g_ = MakeGuidance("A100");
};

TEST_F(MalformedVisitsTest, SyncAnswersEveryMessageAndStoresTheOthers) {
  std::vector<std::string> messages = {
      LogRequest(g_, ValidVisit(g_, absl::Hours(4))).SerializeAsString(), kMalformed,
      LogRequest(g_, ValidVisit(g_, absl::Hours(3))).SerializeAsString(),
      LogRequest(g_, ValidVisit(g_, absl::Hours(2))).SerializeAsString()};
  v1::SyncVisitsResponse out;
  grpc::Status status =
      CallWith(server_, g_.caller, "/rinnalla.v1.Visits/SyncVisits", messages, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(out.results_size(), 4);
  EXPECT_TRUE(out.results(0).has_visit());
  ASSERT_TRUE(out.results(1).has_error());
  ExpectMalformed(out.results(1).error());
  EXPECT_TRUE(out.results(2).has_visit());
  EXPECT_TRUE(out.results(3).has_visit());
  EXPECT_EQ(Count("visits"), 3);
}

TEST_F(MalformedVisitsTest, SyncOfOnlyMalformedMessagesStoresNothing) {
  const long long before = VisitsWritten();
  v1::SyncVisitsResponse out;
  grpc::Status status = CallWith(server_, g_.caller, "/rinnalla.v1.Visits/SyncVisits",
                                 {kMalformed, kMalformed}, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(out.results_size(), 2);
  ExpectMalformed(out.results(0).error());
  ExpectMalformed(out.results(1).error());
  EXPECT_EQ(VisitsWritten(), before);
}

class MalformedImportTest : public IntegrationTest {};

TEST_F(MalformedImportTest, ImportAnswersEveryMessageAndImportsTheOthers) {
  std::vector<std::string> messages = {ImportOf("R1").SerializeAsString(), kMalformed,
                                       ImportOf("R2").SerializeAsString(),
                                       ImportOf("R3").SerializeAsString()};
  v1::ImportClientsResponse out;
  grpc::Status status =
      CallWith(server_, kIntegration, "/rinnalla.v1.Integration/ImportClients", messages, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(out.results_size(), 4);
  EXPECT_EQ(out.results(0).outcome(), v1::ImportClientResult::CREATED);
  EXPECT_EQ(out.results(1).outcome(), v1::ImportClientResult::FAILED);
  ExpectMalformed(out.results(1).error());
  EXPECT_EQ(out.results(2).outcome(), v1::ImportClientResult::CREATED);
  EXPECT_EQ(out.results(3).outcome(), v1::ImportClientResult::CREATED);
  EXPECT_EQ(Count("clients"), 3);
}

class MalformedUnaryTest : public DirectoryTest {};

TEST_F(MalformedUnaryTest, AMalformedRequestIsInvalidArgumentLoggedAndWritesNothing) {
  LogCapture log;
  const long long before = Count("guides") + Count("clients");
  auto context = TestServer::ContextFor(kCoordinator);
  context->AddMetadata("x-request-id", "malformed-create-guide");
  grpc::Status status =
      tools::GenericCall(server_.channel(), *context, "/rinnalla.v1.Directory/CreateGuide",
                         {tools::BufferOf(kMalformed)}, [](const auto&) {});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ErrorReason(status), "MALFORMED_MESSAGE");
  EXPECT_EQ(Count("guides") + Count("clients"), before);
  EXPECT_NE(
      log.text().find(R"("method":"/rinnalla.v1.Directory/CreateGuide","code":"INVALID_ARGUMENT")"),
      std::string::npos)
      << log.text();
  EXPECT_NE(log.text().find(R"("request_id":"malformed-create-guide")"), std::string::npos)
      << "captured: [" << log.text() << "]";
}

TEST_F(MalformedUnaryTest, AMalformedRequestOfAStrangerIsStillUnauthenticated) {
  grpc::Status status =
      CallWith(server_, Caller{}, "/rinnalla.v1.Directory/GetClient", {kMalformed});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(MalformedUnaryTest, AMalformedServerStreamRequestIsInvalidArgument) {
  grpc::Status status =
      CallWith(server_, kIntegration, "/rinnalla.v1.Integration/WatchEvents", {kMalformed});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ErrorReason(status), "MALFORMED_MESSAGE");
}

}  // namespace
}  // namespace rinnalla::testing
