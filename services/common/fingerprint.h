#ifndef RINNALLA_SERVICES_COMMON_FINGERPRINT_H_
#define RINNALLA_SERVICES_COMMON_FINGERPRINT_H_

#include <string>
#include "absl/strings/string_view.h"

#include <google/protobuf/message.h>

namespace rinnalla {

std::string Sha256Hex(absl::string_view data);

// A stable hash of a request (deterministic serialization), for AIP-155 request ids: the same
// request id with a different fingerprint is another request.
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_FINGERPRINT_H_
