// TokenVerifier::Verify (services/common/tokens.h) on any text, against a key made at start:
// every answer is a principal or UNAUTHENTICATED, and nothing unsigned by that key passes.

#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/time/clock.h"
#include "signing_keys.h"
#include "tokens.h"

namespace {

const rinnalla::TokenVerifier& Verifier() {
  static const rinnalla::TokenVerifier* verifier = [] {
    absl::StatusOr<rinnalla::KeyPair> pair = rinnalla::GenerateKeyPair();
    if (!pair.ok()) std::abort();
    absl::StatusOr<rinnalla::PublicKey> key = rinnalla::PublicKeyOfPrivate(pair->private_pem);
    if (!key.ok()) std::abort();
    return new rinnalla::TokenVerifier({*key}, {.issuer = "rinnalla-local", .audience = "rinnalla"});
  }();
  return *verifier;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string token(reinterpret_cast<const char*>(data), size);
  auto principal = Verifier().Verify(token, absl::Now());
  // Random bytes cannot carry a signature of a key made in this process.
  if (principal.ok()) std::abort();
  if (principal.status().code() != absl::StatusCode::kUnauthenticated) std::abort();
  return 0;
}
