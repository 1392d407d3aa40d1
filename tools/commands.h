#ifndef RINNALLA_TOOLS_COMMANDS_H_
#define RINNALLA_TOOLS_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace rinnalla::tools {

// What every command of the CLI may be given.
struct CommandOptions {
  std::string database;
  std::string org = "paijat-hame";
  int guides = 40;
  int clients = 100;
  int seed = 7;
  int visits = 0;  // demo-data: with visits, a year of guidances
  // keygen
  std::string out = ".";
  // token
  std::string key;
  std::string role;
  std::string sub;
  std::string issuer = "rinnalla-local";
  std::string audience = "rinnalla";
  absl::Duration ttl = absl::Hours(8);
  // call
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string tls_ca;
};

// Each returns the process exit code and prints its own one-line errors.
int RunMigrate(const CommandOptions& options);
int RunDemoData(const CommandOptions& options);
int RunKeygen(const CommandOptions& options);
int RunToken(const CommandOptions& options);
// `args`: the command line's positional arguments ("call", METHOD, JSON).
int RunCall(const CommandOptions& options, const std::vector<std::string>& args);

}  // namespace rinnalla::tools

#endif  // RINNALLA_TOOLS_COMMANDS_H_
