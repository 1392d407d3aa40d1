// rinnalla: the operator's tool. `rinnalla migrate`, `rinnalla demo-data`.

#include <cstdlib>
#include <iostream>

#include "commands.h"
#include "flags.h"

int main(int argc, char** argv) {
  rinnalla::tools::CommandOptions options;
  if (const char* env = std::getenv("RINNALLA_DATABASE")) options.database = env;
  rinnalla::Flags flags(
      "rinnalla COMMAND",
      "the Rinnalla operator's tool.\n\nCommands:\n"
      "  migrate     apply pending schema migrations (safe to run while servers start)\n"
      "  demo-data   fill an organization with a realistic demo pool of guides and clients");
  flags.AddString("database", &options.database,
                  "PostgreSQL connection string or URI; defaults to $RINNALLA_DATABASE.");
  flags.AddString("org", &options.org, "demo-data: the organization id to fill.");
  flags.AddInt("guides", &options.guides, "demo-data: how many guides.");
  flags.AddInt("clients", &options.clients, "demo-data: how many clients.");
  flags.AddInt("seed", &options.seed, "demo-data: random seed (the same seed, the same people).");
  absl::StatusOr<std::vector<std::string>> args = flags.Parse(argc, argv);
  if (!args.ok()) {
    std::cerr << "rinnalla: " << args.status().message() << " (see --help)\n";
    return 2;
  }
  if (flags.help_requested() || args->empty()) {
    std::cout << flags.Usage();
    return flags.help_requested() ? 0 : 2;
  }
  const std::string& command = args->front();
  if (command != "migrate" && command != "demo-data") {
    std::cerr << "rinnalla: unknown command \"" << command << "\" (see --help)\n";
    return 2;
  }
  if (options.database.empty()) {
    std::cerr << "rinnalla " << command
              << ": no database given: use --database or set RINNALLA_DATABASE\n";
    return 2;
  }
  if (command == "migrate") return rinnalla::tools::RunMigrate(options);
  return rinnalla::tools::RunDemoData(options);
}
