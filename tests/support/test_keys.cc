#include "test_keys.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tokens.h"

namespace rinnalla::testing {

const KeyPair& TestKeys() {
  static const KeyPair keys = [] {
    auto pair = GenerateKeyPair();
    if (!pair.ok()) std::abort();
    return *pair;
  }();
  return keys;
}

std::string WriteTempFile(const std::string& name, const std::string& text) {
  std::string path = absl::StrCat(::testing::TempDir(), "rinnalla-", getpid(), "-", name);
  std::ofstream(path) << text;
  return path;
}

const std::string& TestPublicKeyFile() {
  static const std::string path = WriteTempFile("public.pem", TestKeys().public_pem);
  return path;
}

std::string TestToken(const std::string& org, const std::string& role, const std::string& sub,
                      absl::Duration ttl) {
  absl::Time now = absl::Now();
  auto token = SignToken(TestKeys().private_pem,
                         {sub, org, role, kTestIssuer, kTestAudience, now, now + ttl});
  if (!token.ok()) std::abort();
  return *token;
}

}  // namespace rinnalla::testing
