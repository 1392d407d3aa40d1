#ifndef RINNALLA_SERVICES_COMMON_ADDRESSES_H_
#define RINNALLA_SERVICES_COMMON_ADDRESSES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace rinnalla {

// Whether a listen address (host:port, [v6]:port) is on this machine only (127.x, localhost, ::1).
bool IsLoopback(absl::string_view listen);

// A whole file's contents, or nullopt when it cannot be read.
std::optional<std::string> ReadTextFile(const std::string& path);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_ADDRESSES_H_
