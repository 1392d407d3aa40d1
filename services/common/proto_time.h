#ifndef RINNALLA_SERVICES_COMMON_PROTO_TIME_H_
#define RINNALLA_SERVICES_COMMON_PROTO_TIME_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace rinnalla {

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out);
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_PROTO_TIME_H_
