#ifndef RINNALLA_SERVICES_INTEGRATION_FEED_CURSOR_H_
#define RINNALLA_SERVICES_INTEGRATION_FEED_CURSOR_H_

// The opaque `cursor` of an event: its place in the feed, nothing else (it grants no access).

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rinnalla/storage/event_feed.h"

namespace rinnalla::integration {

std::string EncodeCursor(const storage::FeedPosition& position);
// An empty cursor is no position (from the oldest event kept); anything not made by
// EncodeCursor is INVALID_ARGUMENT naming `after_cursor`.
absl::StatusOr<std::optional<storage::FeedPosition>> DecodeCursor(absl::string_view cursor);

}  // namespace rinnalla::integration

#endif  // RINNALLA_SERVICES_INTEGRATION_FEED_CURSOR_H_
