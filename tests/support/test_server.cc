#include "test_server.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "test_keys.h"

namespace rinnalla::testing {

TestServer::TestServer(std::function<void(ServerOptions&)> adjust,
                       std::shared_ptr<grpc::ChannelCredentials> credentials,
                       const std::string& host) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.connection_string = database_.server_connection_string();
  options.database.pool_size = 8;
  // On a loaded machine a call waits for a connection as long as its deadline lets it, rather
  // than failing UNAVAILABLE after the 5 s default; a test of the pool's timeout sets its own.
  options.database.lease_timeout = absl::Seconds(60);
  options.drain_timeout = absl::Seconds(5);
  options.health_interval = absl::Milliseconds(200);
  options.jwt_public_keys = TestPublicKeyFile();
  options.jwt_issuer = kTestIssuer;
  options.jwt_audience = kTestAudience;
  // Every test server also serves HTTP (REST and Connect), on a free port, with few threads.
  options.http.listen = "127.0.0.1:0";
  options.http.max_connections = 8;
  if (adjust) adjust(options);
  auto server = RinnallaServer::Start(options);
  if (!server.ok()) {
    ADD_FAILURE() << "server did not start: " << server.status();
    std::abort();
  }
  server_ = *std::move(server);
  channel_ = ChannelWith(credentials ? credentials : grpc::InsecureChannelCredentials(), host);
}

std::shared_ptr<grpc::Channel> TestServer::ChannelWith(
    std::shared_ptr<grpc::ChannelCredentials> credentials, const std::string& host) const {
  return grpc::CreateChannel(absl::StrCat(host, ":", server_->port()), credentials);
}

TestServer::~TestServer() { server_->Shutdown(); }

std::string TestServer::address() const { return absl::StrCat("127.0.0.1:", server_->port()); }

std::unique_ptr<grpc::ClientContext> TestServer::ContextFor(const Caller& caller,
                                                            absl::Duration deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + TestToken(caller.org, caller.role, caller.sub));
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  return context;
}

}  // namespace rinnalla::testing
