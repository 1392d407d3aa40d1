#ifndef RINNALLA_SERVICES_COMMON_SIGNING_KEYS_H_
#define RINNALLA_SERVICES_COMMON_SIGNING_KEYS_H_

// Keys for signed tokens (JWT): making a key pair, naming a key, and reading the public keys the
// server trusts from a PEM file or a JWKS document. Crypto is OpenSSL's; nothing here signs.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rinnalla {

// The algorithms accepted; everything else (none, HS*, ...) is refused.
enum class TokenAlgorithm { kES256, kRS256 };
absl::string_view AlgorithmName(TokenAlgorithm alg);

struct PublicKey {
  std::string kid;
  TokenAlgorithm algorithm;
  std::string pem;  // SubjectPublicKeyInfo PEM
  bool kid_declared = false;  // named by its issuer (JWKS), not by our thumbprint
  std::string jwk;  // the public key as a JWK (RFC 7517), for verifying signatures
};

struct KeyPair {
  std::string private_pem;
  std::string public_pem;
  std::string kid;
};

// A new ECDSA P-256 key pair (ES256).
absl::StatusOr<KeyPair> GenerateKeyPair();

// A PEM private key's public part, its key id and algorithm (P-256 → ES256, RSA → RS256).
absl::StatusOr<PublicKey> PublicKeyOfPrivate(absl::string_view private_pem);

// The public keys in a file's text: one or more PEM public keys (kid: the key's thumbprint,
// SHA-256 of its DER, first 16 hex digits), or a JWKS document {"keys":[...]} with EC P-256 and
// RSA keys (kid as given). INVALID_ARGUMENT naming what is wrong.
absl::StatusOr<std::vector<PublicKey>> ParsePublicKeys(absl::string_view text);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_SIGNING_KEYS_H_
