#ifndef RINNALLA_SERVICES_COMMON_TOKENS_H_
#define RINNALLA_SERVICES_COMMON_TOKENS_H_

// Signed tokens (JWT, via libjwt): API.md's claims `sub`, `org`, `role`, `iss`, `aud`, `iat`,
// `nbf`, `exp`; ES256 or RS256 only.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "principal.h"
#include "signing_keys.h"

namespace rinnalla {

// The claims that name the caller. API.md's are `sub`, `org` and `role`; a county's identity
// provider may carry them under other names (its `sub` is often an opaque id of its own).
struct ClaimNames {
  std::string sub = "sub";
  std::string org = "org";
  std::string role = "role";
};

struct TokenClaims {
  std::string sub;
  std::string org;
  std::string role;
  std::string issuer;
  std::string audience;
  absl::Time issued_at;
  absl::Time expires_at;
};

// Signs `claims` with a PEM private key (P-256 → ES256, RSA → RS256); the header names the key
// (`kid`: its thumbprint). The caller's claims go under `names`.
absl::StatusOr<std::string> SignToken(absl::string_view private_pem, const TokenClaims& claims,
                                      const ClaimNames& names = {});

struct TokenRules {
  std::string issuer;
  std::string audience;
  absl::Duration clock_skew = absl::Seconds(60);
  ClaimNames claims;
};

// Checks tokens against the trusted public keys: the algorithm is pinned to ES256/RS256 and to
// the key's own, the key is chosen by `kid` (or is the only one), the signature must verify, and
// `exp`, `nbf`, `iss`, `aud` and the caller's claims (`rules.claims`) must hold. Every failure is
// UNAUTHENTICATED with a reason that names no secret. Thread-safe.
//
// Callers send the same token for hours, so a token whose signature verified is remembered (by
// its full text, at most `kCacheSize` of them); its `nbf` and `exp` are still checked on every
// use, and a failed token is never remembered.
class TokenVerifier {
 public:
  static constexpr size_t kCacheSize = 10000;

  TokenVerifier(std::vector<PublicKey> keys, TokenRules rules)
      : keys_(std::move(keys)), rules_(std::move(rules)) {}
  TokenVerifier(TokenVerifier&& other) noexcept
      : keys_(std::move(other.keys_)), rules_(std::move(other.rules_)) {}

  absl::StatusOr<Principal> Verify(absl::string_view token, absl::Time now) const;

 private:
  struct Verified {
    Principal principal;
    absl::Time not_before;
    absl::Time expires;
  };
  absl::StatusOr<Verified> VerifySignatureAndClaims(absl::string_view token) const;
  absl::StatusOr<Principal> CheckTimes(const Verified& verified, absl::Time now) const;

  std::vector<PublicKey> keys_;
  TokenRules rules_;
  mutable std::mutex mutex_;
  mutable absl::flat_hash_map<std::string, Verified> verified_;
};

// Authenticates calls by `authorization: Bearer <token>`.
class TokenAuthenticator final : public Authenticator {
 public:
  explicit TokenAuthenticator(TokenVerifier verifier) : verifier_(std::move(verifier)) {}
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContext& context) const override;

 private:
  TokenVerifier verifier_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_TOKENS_H_
