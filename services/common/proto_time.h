#ifndef RINNALLA_SERVICES_COMMON_PROTO_TIME_H_
#define RINNALLA_SERVICES_COMMON_PROTO_TIME_H_

// Times and dates between protobuf (Timestamp, google.type.Date) and Abseil.

#include <google/protobuf/timestamp.pb.h>

#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/type/date.pb.h"

namespace rinnalla {

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out);
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);
// Within 0001-01-01..9999-12-31 with nanos 0..999,999,999 (the Timestamp's own rules).
bool IsValidTimestamp(const google::protobuf::Timestamp& ts);

// A whole calendar date, when `date` is one (year, month and day all given and real).
std::optional<absl::CivilDay> DayOf(const google::type::Date& date);
void SetDate(absl::CivilDay day, google::type::Date* out);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_PROTO_TIME_H_
