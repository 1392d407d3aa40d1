#ifndef RINNALLA_TESTS_SUPPORT_TEST_SERVER_H_
#define RINNALLA_TESTS_SUPPORT_TEST_SERVER_H_

// The real rinnalla-server, in process, on a free loopback port, against a TestDatabase, and
// callers that reach it over real gRPC.

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <grpcpp/security/credentials.h>

#include <functional>
#include <memory>
#include <string>

#include "server.h"
#include "test_database.h"

namespace rinnalla::testing {

// Who a test calls as.
struct Caller {
  std::string org;
  std::string role;
  std::string sub;
};

class TestServer {
 public:
  // `adjust` may change the options (keys, TLS) before the server starts; `credentials` are the
  // channel's (plaintext by default).
  explicit TestServer(std::function<void(ServerOptions&)> adjust = {},
                      std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr,
                      const std::string& host = "127.0.0.1");
  ~TestServer();

  TestDatabase& database() { return database_; }
  RinnallaServer& server() { return *server_; }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  std::string address() const;
  // The HTTP listener's port.
  int http_port() const { return server_->http_port(); }
  // A new channel to this server with other credentials.
  std::shared_ptr<grpc::Channel> ChannelWith(std::shared_ptr<grpc::ChannelCredentials> credentials,
                                             const std::string& host = "127.0.0.1") const;

  // A context with a token signed for `caller`, and a 10 s deadline.
  static std::unique_ptr<grpc::ClientContext> ContextFor(const Caller& caller);

 private:
  TestDatabase database_;
  std::unique_ptr<RinnallaServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

// The gRPC status code alone, for tables of expectations.
inline grpc::StatusCode CodeOf(const grpc::Status& status) { return status.error_code(); }

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_TEST_SERVER_H_
