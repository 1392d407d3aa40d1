#ifndef RINNALLA_TESTS_SUPPORT_TEST_KEYS_H_
#define RINNALLA_TESTS_SUPPORT_TEST_KEYS_H_

// Real signed tokens for tests: one ES256 key pair per test process.

#include <string>

#include "absl/time/time.h"
#include "signing_keys.h"

namespace rinnalla::testing {

inline constexpr char kTestIssuer[] = "rinnalla-test";
inline constexpr char kTestAudience[] = "rinnalla";

const KeyPair& TestKeys();
// A file holding the test public key (PEM), for --jwt-public-keys.
const std::string& TestPublicKeyFile();
// Writes `text` to a new file of this process and returns its path.
std::string WriteTempFile(const std::string& name, const std::string& text);
// A token for (org, role, sub), signed with the test key.
std::string TestToken(const std::string& org, const std::string& role, const std::string& sub,
                      absl::Duration ttl = absl::Hours(1));

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_TEST_KEYS_H_
