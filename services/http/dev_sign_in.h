#ifndef RINNALLA_SERVICES_HTTP_DEV_SIGN_IN_H_
#define RINNALLA_SERVICES_HTTP_DEV_SIGN_IN_H_

// Development sign-in, for the local run and the browser tests only (the listener serves it on
// loopback only): a file names a signing key and the users one may sign in as,
//   {"privateKey":"<path to PEM>","users":[{"sub":"users/x","org":"paijat-hame",
//    "role":"social_worker","displayName":"..."}]}
// and each sign-in is a token for one of them, signed with that key for the server's own issuer
// and audience (the caller under the server's claim names), valid 8 hours.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tokens.h"

namespace rinnalla::http {

class DevSignIn {
 public:
  // INVALID_ARGUMENT naming what is wrong with the file (never the key's contents).
  static absl::StatusOr<DevSignIn> Load(const std::string& path, std::string issuer,
                                        std::string audience, ClaimNames claims = {});

  // {"users":[...]}: the users as in the file.
  const std::string& users_json() const { return users_json_; }

  // {"token":"...","expireTime":"<RFC 3339>"} for the user (sub, org) of the file;
  // INVALID_ARGUMENT for a body that is not {"sub","org"}, NOT_FOUND for a user not in the file.
  absl::StatusOr<std::string> SignIn(const std::string& request_json, absl::Time now) const;

 private:
  std::string private_pem_;
  std::string issuer_;
  std::string audience_;
  ClaimNames claims_;
  std::string users_json_;
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_DEV_SIGN_IN_H_
