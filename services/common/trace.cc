#include "trace.h"

#include <openssl/rand.h>

#include <algorithm>
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

// Random lower-case hex of `bytes` bytes, never all zero.
std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> random(bytes);
  do {
    RAND_bytes(random.data(), static_cast<int>(random.size()));
  } while (std::all_of(random.begin(), random.end(), [](unsigned char b) { return b == 0; }));
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
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
  TraceContext trace = parent ? *std::move(parent) : TraceContext{{RandomHex(16), ""}, "01"};
  trace.ids.span_id = RandomHex(8);
  return trace;
}

}  // namespace rinnalla
