#ifndef RINNALLA_TOOLS_COMMANDS_H_
#define RINNALLA_TOOLS_COMMANDS_H_

#include <string>

#include "absl/time/time.h"

namespace rinnalla::tools {

// What every command of the CLI may be given.
struct CommandOptions {
  std::string database;
  std::string org = "demo";
  int guides = 40;
  int clients = 100;
  int seed = 7;
  // keygen
  std::string out = ".";
  // token
  std::string key;
  std::string role;
  std::string sub;
  std::string issuer = "rinnalla-local";
  std::string audience = "rinnalla";
  absl::Duration ttl = absl::Hours(8);
};

// Each returns the process exit code and prints its own one-line errors.
int RunMigrate(const CommandOptions& options);
int RunDemoData(const CommandOptions& options);
int RunKeygen(const CommandOptions& options);
int RunToken(const CommandOptions& options);

}  // namespace rinnalla::tools

#endif  // RINNALLA_TOOLS_COMMANDS_H_
