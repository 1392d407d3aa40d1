#include "server_process.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "test_keys.h"

namespace rinnalla::testing {

ServerProcess::ServerProcess(const std::string& binary, const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {binary,
                                   "--listen=127.0.0.1:0",
                                   "--database=" + database_.server_connection_string(),
                                   "--jwt-public-keys=" + TestPublicKeyFile(),
                                   std::string("--jwt-issuer=") + kTestIssuer,
                                   "--health-interval=100ms",
                                   "--drain-timeout=5s"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  process_ = std::make_unique<ChildProcess>(argv);
  std::optional<std::string> serving =
      process_->WaitForLine("\"event\":\"serving\"", absl::Seconds(20));
  if (!serving) {
    ADD_FAILURE() << "the server did not start";
    return;
  }
  port_ = NumberInLogLine(*serving, "port");
  metrics_port_ = NumberInLogLine(*serving, "metrics_port");
}

std::shared_ptr<grpc::Channel> ServerProcess::channel() const {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials());
}

int NumberInLogLine(const std::string& line, const std::string& key) {
  nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains(key) || !parsed[key].is_number_integer()) return 0;
  return parsed[key].get<int>();
}

}  // namespace rinnalla::testing
