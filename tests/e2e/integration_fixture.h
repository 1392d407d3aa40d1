#ifndef RINNALLA_TESTS_E2E_INTEGRATION_FIXTURE_H_
#define RINNALLA_TESTS_E2E_INTEGRATION_FIXTURE_H_

// A running server with the Integration stub, for a record system of Päijät-Häme ("apotti").

#include <grpcpp/support/sync_stream.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "matching_fixture.h"
#include "rinnalla/v1/integration.grpc.pb.h"

namespace rinnalla::testing {

inline const Caller kOtherIntegration{"helsinki", "integration", "systems/apotti-hki"};

// What a record system sends for one client.
inline v1::ImportClientRequest ImportOf(const std::string& ref, const std::string& name = "Asiakas",
                                        const std::string& system = "apotti") {
  v1::ImportClientRequest request;
  request.set_parent(kParent);
  v1::Client* c = request.mutable_client();
  c->set_display_name(name);
  v1::ExternalRef* r = c->add_external_refs();
  r->set_system(system);
  r->set_id(ref);
  c->set_municipality("398");
  c->add_languages("fi");
  return request;
}

// A record system's referral of its client `ref`.
inline v1::CreateReferralRequest ReferralOf(const std::string& ref) {
  v1::CreateReferralRequest request;
  request.set_parent(kParent);
  request.mutable_referral()->mutable_external_ref()->set_system("apotti");
  request.mutable_referral()->mutable_external_ref()->set_id(ref);
  request.mutable_referral()->add_needs(v1::DEBT);
  request.mutable_referral()->add_languages("fi");
  request.mutable_referral()->set_municipality("398");
  return request;
}

// The google.rpc.Status of an import item as the grpc::Status a call would carry, so the
// error_details.h helpers read it.
inline grpc::Status AsGrpcStatus(const google::rpc::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message(),
                      status.SerializeAsString());
}

// Streams `requests` to ImportClients as `caller`; the call's status, and the response in `out`.
inline grpc::Status ImportWith(v1::Integration::Stub& stub,
                               const std::vector<v1::ImportClientRequest>& requests,
                               v1::ImportClientsResponse* out,
                               const Caller& caller = kIntegration) {
  auto context = TestServer::ContextFor(caller);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  std::unique_ptr<grpc::ClientWriter<v1::ImportClientRequest>> writer =
      stub.ImportClients(context.get(), out);
  for (const v1::ImportClientRequest& request : requests) {
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

// A live WatchEvents call: Next() returns the next event, or nothing once the stream ended
// (then `status` holds how).
class Watch {
 public:
  // `context` defaults to one with `caller`'s token.
  Watch(v1::Integration::Stub& stub, const v1::WatchEventsRequest& request,
        const Caller& caller = kIntegration, std::unique_ptr<grpc::ClientContext> context = nullptr)
      : context_(context ? std::move(context) : TestServer::ContextFor(caller)) {
    context_->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    reader_ = stub.WatchEvents(context_.get(), request);
  }
  ~Watch() {
    if (!finished_) Cancel();
  }
  std::optional<v1::Event> Next() {
    v1::Event event;
    if (reader_->Read(&event)) return event;
    status = reader_->Finish();
    finished_ = true;
    return std::nullopt;
  }
  // Reads `n` events (fewer only when the stream ends first).
  std::vector<v1::Event> Take(size_t n) {
    std::vector<v1::Event> events;
    while (events.size() < n) {
      std::optional<v1::Event> event = Next();
      if (!event) break;
      events.push_back(*event);
    }
    return events;
  }
  // Leaves, as a consumer that disconnects does.
  void Cancel() {
    context_->TryCancel();
    status = reader_->Finish();
    finished_ = true;
  }
  grpc::Status status;

 private:
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<v1::Event>> reader_;
  bool finished_ = false;
};

class IntegrationTest : public MatchingTest {
 protected:
  grpc::Status Import(const std::vector<v1::ImportClientRequest>& requests,
                      v1::ImportClientsResponse* out, const Caller& caller = kIntegration) {
    return ImportWith(*integration_, requests, out, caller);
  }

  v1::ImportClientsResponse MustImport(const std::vector<v1::ImportClientRequest>& requests) {
    v1::ImportClientsResponse out;
    grpc::Status status = Import(requests, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(out.results_size(), static_cast<int>(requests.size()));
    return out;
  }

  static v1::WatchEventsRequest WatchFrom(const std::string& cursor = "",
                                          std::vector<std::string> kinds = {}) {
    v1::WatchEventsRequest request;
    request.set_parent(kParent);
    request.set_after_cursor(cursor);
    for (const std::string& kind : kinds) request.add_kinds(kind);
    return request;
  }

  std::unique_ptr<v1::Integration::Stub> integration_ = v1::Integration::NewStub(server_.channel());
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_INTEGRATION_FIXTURE_H_
