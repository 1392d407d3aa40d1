#include "codec.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rinnalla::storage {

std::string JoinArray(const std::vector<std::string>& values) {
  return absl::StrJoin(values, kArraySeparator);
}

std::string JoinRows(const std::vector<std::string>& values) {
  return absl::StrJoin(values, kRowSeparator);
}

std::vector<std::string> SplitArray(const std::string& joined) {
  if (joined.empty()) return {};
  return absl::StrSplit(joined, kArraySeparator);
}

std::string MicrosOf(const std::string& column) {
  return "(extract(epoch FROM " + column + ") * 1000000)::bigint";
}

std::string TimeFromMicros(const std::string& parameter) {
  return "(timestamptz 'epoch' + " + parameter + " * interval '1 microsecond')";
}

long long ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(long long micros) { return absl::FromUnixMicros(micros); }

std::optional<std::string> OptionalString(const soci::row& row, size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<std::string>(column);
}

std::optional<int> OptionalInt(const soci::row& row, size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<int>(column);
}

}  // namespace rinnalla::storage
