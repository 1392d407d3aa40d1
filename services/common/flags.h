#ifndef RINNALLA_SERVICES_COMMON_FLAGS_H_
#define RINNALLA_SERVICES_COMMON_FLAGS_H_

// Command-line flags for rinnalla-server and the rinnalla CLI: `--name=value`, `--name value`,
// `--switch`. Names use dashes (--jwt-public-keys), which Abseil's flags cannot express.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rinnalla {

class Flags {
 public:
  Flags(std::string program, std::string summary)
      : program_(std::move(program)), summary_(std::move(summary)) {}

  void AddString(std::string name, std::string* target, std::string help);
  void AddInt(std::string name, int* target, std::string help);
  void AddDouble(std::string name, double* target, std::string help);
  void AddBool(std::string name, bool* target, std::string help);
  // Durations as "30s", "5m", "8h".
  void AddDuration(std::string name, absl::Duration* target, std::string help);

  // Parses the arguments after the program name; returns the positional ones. An unknown flag,
  // a missing or malformed value is INVALID_ARGUMENT with a one-line message.
  absl::StatusOr<std::vector<std::string>> Parse(int argc, const char* const* argv);
  bool help_requested() const { return help_; }
  std::string Usage() const;

  // For a program's main: parses, and on --help prints the usage (exit code 0), on a bad flag
  // prints one line to stderr (exit code 2). Returns the positional arguments, or nullopt with
  // `*exit_code` set when the program should exit now.
  std::optional<std::vector<std::string>> ParseCommandLine(int argc, const char* const* argv,
                                                           int* exit_code);

 private:
  struct Flag {
    std::string name;
    std::string help;
    std::string default_text;
    bool is_switch = false;
    std::function<bool(const std::string&)> set;
  };
  Flag* Find(const std::string& name);

  std::string program_;
  std::string summary_;
  std::vector<Flag> flags_;
  bool help_ = false;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_FLAGS_H_
