// rinnalla: the operator's tool. `rinnalla migrate`, `rinnalla demo-data`.

#include <cstdlib>
#include <iostream>

#include "commands.h"
#include "flags.h"
#include "rinnalla/storage/status.h"

int main(int argc, char** argv) {
  rinnalla::tools::CommandOptions options;
  if (const char* env = std::getenv("RINNALLA_DATABASE")) options.database = env;
  if (const char* env = std::getenv("RINNALLA_SERVER")) options.server = env;
  if (const char* env = std::getenv("RINNALLA_TOKEN")) options.token = env;
  rinnalla::Flags flags(
      "rinnalla COMMAND",
      "the Rinnalla operator's tool.\n\nCommands:\n"
      "  migrate     apply pending schema migrations (safe to run while servers start)\n"
      "  demo-data   fill an organization with a realistic demo pool of guides and clients\n"
      "  keygen      write a new signing key pair (private.pem, public.pem) into --out\n"
      "  token       print a signed token for --org, --role and --sub, signed with --key\n"
      "  call        call an RPC: rinnalla call [--server H:P] [--token T] METHOD 'JSON'\n"
      "              e.g. rinnalla call Directory/ListGuides "
      "'{\"parent\":\"organizations/paijat-hame\"}'\n"
      "              streams: a server stream prints one JSON line per message until it ends\n"
      "              (Integration/WatchEvents: until Ctrl-C); a client stream takes a JSON\n"
      "              array of requests, or - to read one request per line from stdin");
  flags.AddString("database", &options.database,
                  "PostgreSQL connection string or URI; defaults to $RINNALLA_DATABASE.");
  flags.AddString("org", &options.org, "demo-data: the organization id to fill.");
  flags.AddInt("guides", &options.guides, "demo-data: how many guides.");
  flags.AddInt("clients", &options.clients, "demo-data: how many clients.");
  flags.AddInt("seed", &options.seed, "demo-data: random seed (the same seed, the same people).");
  flags.AddInt("visits", &options.visits,
               "demo-data: also a year of guidances with this many visits in all (e.g. 50000).");
  flags.AddString("out", &options.out, "keygen: the folder to write the key pair into.");
  flags.AddString("key", &options.key, "token: the private key (PEM) to sign with.");
  flags.AddString("role", &options.role,
                  "token: coordinator, social_worker, guide, integration or auditor.");
  flags.AddString("sub", &options.sub,
                  "token: the user; for a guide, their guide's resource name.");
  flags.AddString("issuer", &options.issuer, "token: the `iss` claim.");
  flags.AddString("audience", &options.audience, "token: the `aud` claim.");
  flags.AddDuration("ttl", &options.ttl, "token: how long it is valid, e.g. 8h.");
  flags.AddString("server", &options.server, "call: the server; defaults to $RINNALLA_SERVER.");
  flags.AddString("token", &options.token,
                  "call: the caller's token; defaults to $RINNALLA_TOKEN.");
  flags.AddString("tls-ca", &options.tls_ca, "call: use TLS, trusting this CA certificate (PEM).");
  int exit_code = 0;
  std::optional<std::vector<std::string>> args = flags.ParseCommandLine(argc, argv, &exit_code);
  if (!args) return exit_code;
  if (args->empty()) {
    std::cout << flags.Usage();
    return 2;
  }
  const std::string& command = args->front();
  if (command == "keygen") return rinnalla::tools::RunKeygen(options);
  if (command == "token") return rinnalla::tools::RunToken(options);
  if (command == "call") return rinnalla::tools::RunCall(options, *args);
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
