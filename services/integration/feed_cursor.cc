#include "feed_cursor.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "errors.h"

namespace rinnalla::integration {
namespace {

// The version lets the format change while old cursors stay readable.
constexpr absl::string_view kVersion = "f1";

absl::Status NotACursor() {
  FieldViolations v;
  v.Add("after_cursor", "is not a cursor of this feed: pass an event's cursor as it was received");
  return v.ToStatus();
}

}  // namespace

std::string EncodeCursor(const storage::FeedPosition& position) {
  return absl::WebSafeBase64Escape(absl::StrCat(kVersion, ".", position.xid, ".", position.seq));
}

absl::StatusOr<std::optional<storage::FeedPosition>> DecodeCursor(absl::string_view cursor) {
  if (cursor.empty()) return std::optional<storage::FeedPosition>();
  std::string text;
  if (cursor.size() > 100 || !absl::WebSafeBase64Unescape(cursor, &text)) return NotACursor();
  std::vector<absl::string_view> parts = absl::StrSplit(text, '.');
  storage::FeedPosition position;
  if (parts.size() != 3 || parts[0] != kVersion || !absl::SimpleAtoi(parts[1], &position.xid) ||
      !absl::SimpleAtoi(parts[2], &position.seq) || position.seq < 0) {
    return NotACursor();
  }
  return std::optional<storage::FeedPosition>(position);
}

}  // namespace rinnalla::integration
