#ifndef RINNALLA_TESTS_SUPPORT_SERVER_PROCESS_H_
#define RINNALLA_TESTS_SUPPORT_SERVER_PROCESS_H_

// The real rinnalla-server binary, started as an operator starts it, against a TestDatabase, on
// free loopback ports: what is linked into the binary (and not only into the test) is what the
// tests see.

#include <grpcpp/channel.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "process.h"
#include "test_database.h"

namespace rinnalla::testing {

class ServerProcess {
 public:
  // Starts `binary` with the test keys, port 0 and `flags`; fails the test when it does not
  // announce that it serves within 20 s.
  ServerProcess(const std::string& binary, const std::vector<std::string>& flags = {});

  TestDatabase& database() { return database_; }
  ChildProcess& process() { return *process_; }
  bool started() const { return port_ != 0; }
  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }
  std::shared_ptr<grpc::Channel> channel() const;

 private:
  TestDatabase database_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  int metrics_port_ = 0;
};

// The number after `"key":` in a JSON log line (0 when absent).
int NumberInLogLine(const std::string& line, const std::string& key);

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_SERVER_PROCESS_H_
