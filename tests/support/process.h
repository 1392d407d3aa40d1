#ifndef RINNALLA_TESTS_SUPPORT_PROCESS_H_
#define RINNALLA_TESTS_SUPPORT_PROCESS_H_

// Running the real binaries (rinnalla-server, rinnalla) from tests.

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace rinnalla::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program to completion (killed after `timeout`).
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         absl::Duration timeout = absl::Seconds(30));

// A program running in the background; killed when destroyed if still running.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // The next stdout line that contains `needle`, or nullopt after `timeout` or at end of output.
  std::optional<std::string> WaitForLine(const std::string& needle, absl::Duration timeout);
  void Signal(int signal);
  // The exit code, or nullopt if still running after `timeout`.
  std::optional<int> Wait(absl::Duration timeout);
  // Everything on stdout not yet returned by WaitForLine, up to its end (or `timeout`).
  std::string RestOfOutput(absl::Duration timeout);

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  std::optional<int> exit_code_;
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_PROCESS_H_
