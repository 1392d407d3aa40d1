#include "tokens.h"

#include <cjose/jwk.h>
#include <cjose/jws.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"

namespace rinnalla {
namespace {

using Jwt = std::unique_ptr<jwt_t, decltype(&jwt_free)>;

absl::Status Unauthenticated(absl::string_view why) {
  return WithReason(absl::UnauthenticatedError(why), "UNAUTHENTICATED");
}

jwt_alg_t LibjwtAlgorithm(TokenAlgorithm alg) {
  return alg == TokenAlgorithm::kES256 ? JWT_ALG_ES256 : JWT_ALG_RS256;
}

// The JOSE header, read only to choose the key and pin the algorithm; libjwt verifies.
struct Header {
  std::string alg;
  std::string kid;
  size_t signature_bytes = 0;
};

absl::StatusOr<Header> ReadHeader(absl::string_view token) {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
    return Unauthenticated("the token is malformed");
  }
  std::string json;
  google::protobuf::Struct header;
  if (!absl::WebSafeBase64Unescape(parts[0], &json) ||
      !google::protobuf::util::JsonStringToMessage(json, &header).ok()) {
    return Unauthenticated("the token is malformed");
  }
  auto field = [&](const char* name) {
    auto it = header.fields().find(name);
    return it == header.fields().end() ? std::string() : it->second.string_value();
  };
  std::string signature;
  if (!absl::WebSafeBase64Unescape(parts[2], &signature)) {
    return Unauthenticated("the token is malformed");
  }
  return Header{field("alg"), field("kid"), signature.size()};
}

// A claim that must be a number of seconds; nullopt when absent or not a number.
std::optional<absl::Time> TimeClaim(const google::protobuf::Struct& claims, const char* name) {
  auto it = claims.fields().find(name);
  if (it == claims.fields().end() || !it->second.has_number_value()) return std::nullopt;
  return absl::FromUnixSeconds(static_cast<int64_t>(it->second.number_value()));
}

// `aud` is one string or a list of them (RFC 7519 4.1.3).
bool AudienceMatches(const google::protobuf::Struct& claims, const std::string& audience) {
  auto it = claims.fields().find("aud");
  if (it == claims.fields().end()) return false;
  if (it->second.has_string_value()) return it->second.string_value() == audience;
  for (const auto& item : it->second.list_value().values()) {
    if (item.string_value() == audience) return true;
  }
  return false;
}

std::string Grant(const google::protobuf::Struct& claims, const std::string& name) {
  auto it = claims.fields().find(name);
  return it == claims.fields().end() ? "" : it->second.string_value();
}

// The claims of a compact JWS whose signature `key_jwk` verifies (cjose: RFC 7515), whatever its
// `typ` ("JWT", or "at+jwt" for RFC 9068 access tokens from an identity provider); nullopt
// when the signature does not verify or the payload is no JSON object.
std::optional<google::protobuf::Struct> VerifiedClaims(absl::string_view token,
                                                       const std::string& key_jwk) {
  using Jwk = std::unique_ptr<cjose_jwk_t, decltype(&cjose_jwk_release)>;
  using Jws = std::unique_ptr<cjose_jws_t, decltype(&cjose_jws_release)>;
  cjose_err error;
  Jwk jwk(cjose_jwk_import(key_jwk.data(), key_jwk.size(), &error), &cjose_jwk_release);
  Jws jws(cjose_jws_import(token.data(), token.size(), &error), &cjose_jws_release);
  if (jwk == nullptr || jws == nullptr || !cjose_jws_verify(jws.get(), jwk.get(), &error)) {
    return std::nullopt;
  }
  uint8_t* payload = nullptr;  // owned by the JWS
  size_t length = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &payload, &length, &error)) return std::nullopt;
  google::protobuf::Struct claims;
  std::string json(reinterpret_cast<const char*>(payload), length);
  if (!google::protobuf::util::JsonStringToMessage(json, &claims).ok()) return std::nullopt;
  return claims;
}

}  // namespace

absl::StatusOr<std::string> SignToken(absl::string_view private_pem, const TokenClaims& claims,
                                      const ClaimNames& names) {
  absl::StatusOr<PublicKey> key = PublicKeyOfPrivate(private_pem);
  if (!key.ok()) return key.status();
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("cannot make a token");
  Jwt jwt(raw, &jwt_free);
  jwt_add_grant(raw, names.sub.c_str(), claims.sub.c_str());
  jwt_add_grant(raw, names.org.c_str(), claims.org.c_str());
  jwt_add_grant(raw, names.role.c_str(), claims.role.c_str());
  jwt_add_grant(raw, "iss", claims.issuer.c_str());
  jwt_add_grant(raw, "aud", claims.audience.c_str());
  jwt_add_grant_int(raw, "iat", absl::ToUnixSeconds(claims.issued_at));
  jwt_add_grant_int(raw, "nbf", absl::ToUnixSeconds(claims.issued_at));
  jwt_add_grant_int(raw, "exp", absl::ToUnixSeconds(claims.expires_at));
  jwt_add_header(raw, "kid", key->kid.c_str());
  if (jwt_set_alg(raw, LibjwtAlgorithm(key->algorithm),
                  reinterpret_cast<const unsigned char*>(private_pem.data()),
                  static_cast<int>(private_pem.size())) != 0) {
    return absl::InternalError("cannot sign with this key");
  }
  char* encoded = jwt_encode_str(raw);
  if (encoded == nullptr) return absl::InternalError("cannot sign with this key");
  std::string token(encoded);
  std::free(encoded);
  return token;
}

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token, absl::Time now) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = verified_.find(token); it != verified_.end()) return CheckTimes(it->second, now);
  }
  absl::StatusOr<Verified> verified = VerifySignatureAndClaims(token);
  if (!verified.ok()) return verified.status();
  absl::StatusOr<Principal> principal = CheckTimes(*verified, now);
  if (principal.ok()) {
    std::lock_guard lock(mutex_);
    if (verified_.size() >= kCacheSize) verified_.clear();  // rare; the next calls re-verify
    verified_.emplace(std::string(token), *std::move(verified));
  }
  return principal;
}

absl::StatusOr<Principal> TokenVerifier::CheckTimes(const Verified& verified,
                                                    absl::Time now) const {
  if (now > verified.expires + rules_.clock_skew) return Unauthenticated("the token has expired");
  if (now + rules_.clock_skew < verified.not_before) {
    return Unauthenticated("the token is not valid yet");
  }
  return verified.principal;
}

absl::StatusOr<TokenVerifier::Verified> TokenVerifier::VerifySignatureAndClaims(
    absl::string_view token) const {
  absl::StatusOr<Header> header = ReadHeader(token);
  if (!header.ok()) return header.status();
  if (header->alg != "ES256" && header->alg != "RS256") {
    return Unauthenticated("the token's algorithm is not accepted (ES256 or RS256 only)");
  }
  const PublicKey* key = nullptr;
  for (const PublicKey& candidate : keys_) {
    if (!header->kid.empty() && candidate.kid == header->kid) key = &candidate;
  }
  // A lone key from a PEM file names itself by thumbprint only, so any kid (or none) selects it.
  if (key == nullptr && keys_.size() == 1 && (!keys_.front().kid_declared || header->kid.empty())) {
    key = &keys_.front();
  }
  if (key == nullptr) return Unauthenticated("the token's signing key is not trusted");
  if (AlgorithmName(key->algorithm) != header->alg) {
    return Unauthenticated("the token's algorithm does not match its key");
  }

  // An ES256 signature is r and s, 32 bytes each (RFC 7518 3.4); cjose reads no further, so a
  // token with anything appended to it would verify.
  if (key->algorithm == TokenAlgorithm::kES256 && header->signature_bytes != 64) {
    return Unauthenticated("the token's signature does not verify");
  }
  std::optional<google::protobuf::Struct> claims = VerifiedClaims(token, key->jwk);
  if (!claims) return Unauthenticated("the token's signature does not verify");

  std::optional<absl::Time> expires = TimeClaim(*claims, "exp");
  if (!expires) return Unauthenticated("the token has no expiry (exp)");
  if (Grant(*claims, "iss") != rules_.issuer) {
    return Unauthenticated("the token's issuer is not trusted");
  }
  if (!AudienceMatches(*claims, rules_.audience)) {
    return Unauthenticated("the token is meant for another audience");
  }
  Principal principal;
  principal.sub = Grant(*claims, rules_.claims.sub);
  principal.org_id = Grant(*claims, rules_.claims.org);
  std::optional<Role> role = ParseRole(Grant(*claims, rules_.claims.role));
  if (principal.sub.empty() || !IsOrganizationId(principal.org_id) || !role) {
    return Unauthenticated("the token lacks a valid sub, org or role");
  }
  principal.role = *role;
  principal.expires = *expires;
  return Verified{principal, TimeClaim(*claims, "nbf").value_or(absl::InfinitePast()), *expires};
}

absl::StatusOr<Principal> TokenAuthenticator::Authenticate(
    const grpc::ServerContext& context) const {
  auto it = context.client_metadata().find("authorization");
  if (it == context.client_metadata().end()) {
    return Unauthenticated("authorization: Bearer <token> is required");
  }
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::ConsumePrefix(&value, "Bearer ") || value.empty()) {
    return Unauthenticated("authorization must be \"Bearer <token>\"");
  }
  return verifier_.Verify(value, absl::Now());
}

}  // namespace rinnalla
