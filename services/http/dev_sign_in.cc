#include "dev_sign_in.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "addresses.h"
#include "rinnalla/storage/status.h"
#include "tokens.h"

namespace rinnalla::http {
namespace {

constexpr absl::Duration kTokenLifetime = absl::Hours(8);

absl::Status Invalid(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("--dev-sign-in: ", why));
}

}  // namespace

absl::StatusOr<DevSignIn> DevSignIn::Load(const std::string& path, std::string issuer,
                                          std::string audience, ClaimNames claims) {
  std::optional<std::string> text = ReadTextFile(path);
  if (!text) return Invalid(absl::StrCat("cannot read ", path));
  nlohmann::json file = nlohmann::json::parse(*text, nullptr, false);
  if (!file.is_object() || !file["privateKey"].is_string() || !file["users"].is_array()) {
    return Invalid("expected {\"privateKey\":\"<path>\",\"users\":[...]}");
  }
  for (const nlohmann::json& user : file["users"]) {
    for (const char* claim : {"sub", "org", "role"}) {
      if (!user.is_object() || !user.contains(claim) || !user.at(claim).is_string()) {
        return Invalid(absl::StrCat("every user needs a string \"", claim, "\""));
      }
    }
  }
  DevSignIn result;
  std::optional<std::string> pem = ReadTextFile(file["privateKey"].get<std::string>());
  if (!pem) return Invalid("cannot read the private key it names");
  result.private_pem_ = *std::move(pem);
  result.issuer_ = std::move(issuer);
  result.audience_ = std::move(audience);
  result.claims_ = std::move(claims);
  result.users_json_ = nlohmann::json{{"users", file["users"]}}.dump();
  // A key that cannot sign is found now, not at the first sign-in.
  TokenClaims probe{"probe",
                    "probe",
                    "guide",
                    result.issuer_,
                    result.audience_,
                    absl::Now(),
                    absl::Now() + absl::Minutes(1)};
  if (!SignToken(result.private_pem_, probe, result.claims_).ok())
    return Invalid("the private key cannot sign");
  return result;
}

absl::StatusOr<std::string> DevSignIn::SignIn(const std::string& request_json,
                                              absl::Time now) const {
  nlohmann::json request = nlohmann::json::parse(request_json, nullptr, false);
  if (!request.is_object() || !request["sub"].is_string() || !request["org"].is_string()) {
    return WithReason(absl::InvalidArgumentError("expected {\"sub\":\"...\",\"org\":\"...\"}"),
                      "MALFORMED_JSON");
  }
  const nlohmann::json users = nlohmann::json::parse(users_json_)["users"];
  for (const nlohmann::json& user : users) {
    if (user["sub"] != request["sub"] || user["org"] != request["org"]) continue;
    TokenClaims claims{user["sub"].get<std::string>(),
                       user["org"].get<std::string>(),
                       user["role"].get<std::string>(),
                       issuer_,
                       audience_,
                       now,
                       now + kTokenLifetime};
    absl::StatusOr<std::string> token = SignToken(private_pem_, claims, claims_);
    if (!token.ok()) return token.status();
    return nlohmann::json{
        {"token", *token},
        {"expireTime", absl::FormatTime(absl::RFC3339_sec, claims.expires_at, absl::UTCTimeZone())}}
        .dump();
  }
  return WithReason(absl::NotFoundError("no such development user"), "UNKNOWN_USER");
}

}  // namespace rinnalla::http
