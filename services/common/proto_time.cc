#include "proto_time.h"

namespace rinnalla {

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rest * 1000));
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

}  // namespace rinnalla

namespace rinnalla {

bool IsValidTimestamp(const google::protobuf::Timestamp& ts) {
  constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
  return ts.seconds() >= kMinSeconds && ts.seconds() <= kMaxSeconds && ts.nanos() >= 0 &&
         ts.nanos() <= 999999999;
}

std::optional<absl::CivilDay> DayOf(const google::type::Date& date) {
  if (date.year() < 1 || date.year() > 9999) return std::nullopt;
  absl::CivilDay day(date.year(), date.month(), date.day());
  // CivilDay normalizes (2026-02-30 becomes 2026-03-02): a real date survives unchanged.
  if (day.month() != date.month() || day.day() != date.day()) return std::nullopt;
  return day;
}

void SetDate(absl::CivilDay day, google::type::Date* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

}  // namespace rinnalla
