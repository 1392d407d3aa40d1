// `rinnalla keygen` and `rinnalla token`: a local signing key, and tokens signed with it.

#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/time/clock.h"
#include "commands.h"
#include "principal.h"
#include "resource_names.h"
#include "signing_keys.h"
#include "tokens.h"

namespace rinnalla::tools {

int RunKeygen(const CommandOptions& options) {
  absl::StatusOr<KeyPair> pair = GenerateKeyPair();
  if (!pair.ok()) {
    std::cerr << "rinnalla keygen: " << pair.status().message() << "\n";
    return 1;
  }
  const std::string private_path = options.out + "/private.pem";
  const std::string public_path = options.out + "/public.pem";
  {
    // The private key is readable by its owner only.
    std::ofstream key(private_path);
    if (!key) {
      std::cerr << "rinnalla keygen: cannot write " << private_path << "\n";
      return 1;
    }
    key << pair->private_pem;
  }
  ::chmod(private_path.c_str(), 0600);
  std::ofstream(public_path) << pair->public_pem;
  std::cout << "wrote " << private_path << " and " << public_path << " (ES256, kid " << pair->kid
            << ")\n";
  return 0;
}

int RunToken(const CommandOptions& options) {
  std::ifstream in(options.key);
  if (!in) {
    std::cerr << "rinnalla token: cannot read --key " << options.key << "\n";
    return 2;
  }
  if (!IsOrganizationId(options.org) || !ParseRole(options.role) || options.sub.empty()) {
    std::cerr << "rinnalla token: --org must be an organization id, --role one of coordinator, "
                 "social_worker, guide, integration, auditor, and --sub the user\n";
    return 2;
  }
  std::stringstream key;
  key << in.rdbuf();
  absl::Time now = absl::Now();
  absl::StatusOr<std::string> token =
      SignToken(key.str(), {options.sub, options.org, options.role, options.issuer,
                            options.audience, now, now + options.ttl});
  if (!token.ok()) {
    std::cerr << "rinnalla token: " << token.status().message() << "\n";
    return 1;
  }
  std::cout << *token << "\n";
  return 0;
}

}  // namespace rinnalla::tools
