#include "trace.h"

#include <openssl/rand.h>

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace rinnalla {
namespace {

bool IsLowerHex(absl::string_view text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool AllZero(absl::string_view text) {
  return text.find_first_not_of('0') == absl::string_view::npos;
}

// A new trace id and span id, as lower-case hex, from one draw of random bytes: a draw costs about
// as much as the rest of making both. Neither is all zero, which W3C calls invalid.
storage::TraceIds NewIds() {
  unsigned char random[24];
  storage::TraceIds ids;
  do {
    RAND_bytes(random, sizeof random);
    const absl::string_view bytes(reinterpret_cast<const char*>(random), sizeof random);
    ids = {absl::BytesToHexString(bytes.substr(0, 16)), absl::BytesToHexString(bytes.substr(16))};
  } while (AllZero(ids.trace_id) || AllZero(ids.span_id));
  return ids;
}

}  // namespace

std::string TraceContext::Traceparent() const {
  return absl::StrCat("00-", ids.trace_id, "-", ids.span_id, "-", flags);
}

std::optional<TraceContext> ParseTraceparent(absl::string_view traceparent) {
  std::vector<absl::string_view> parts = absl::StrSplit(traceparent, '-');
  if (parts.size() < 4 || !IsLowerHex(parts[0], 2) || parts[0] == "ff") return std::nullopt;
  // Version 00 has exactly four parts; a later version may append more, which are ignored.
  if (parts[0] == "00" && parts.size() != 4) return std::nullopt;
  if (!IsLowerHex(parts[1], 32) || AllZero(parts[1]) || !IsLowerHex(parts[2], 16) ||
      AllZero(parts[2]) || !IsLowerHex(parts[3], 2)) {
    return std::nullopt;
  }
  TraceContext trace;
  trace.ids.trace_id = std::string(parts[1]);
  trace.ids.span_id = std::string(parts[2]);
  trace.flags = std::string(parts[3]);
  return trace;
}

TraceContext TraceFor(std::optional<absl::string_view> traceparent) {
  std::optional<TraceContext> parent;
  if (traceparent) parent = ParseTraceparent(*traceparent);
  storage::TraceIds ids = NewIds();
  TraceContext trace =
      parent ? *std::move(parent) : TraceContext{{std::move(ids.trace_id), ""}, "01"};
  trace.ids.span_id = std::move(ids.span_id);
  return trace;
}

}  // namespace rinnalla
