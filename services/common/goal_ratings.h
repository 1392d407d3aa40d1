#ifndef RINNALLA_SERVICES_COMMON_GOAL_RATINGS_H_
#define RINNALLA_SERVICES_COMMON_GOAL_RATINGS_H_

// Goal ratings on the GAS scale, as meetings and progress notes take them.

#include <google/protobuf/repeated_field.h>

#include <string>
#include <vector>

#include "errors.h"
#include "principal.h"
#include "resource_names.h"
#include "rinnalla/storage/meeting_records.h"
#include "rinnalla/v1/common.pb.h"

namespace rinnalla {

// Each rating names a goal of `client`, a score of -2..+2, a known rater, and a short comment.
void CheckGoalRatings(const google::protobuf::RepeatedPtrField<v1::GoalRating>& ratings,
                      const ResourceName& client, const std::string& field, FieldViolations& v);

// The ratings as stored; an unspecified rater is the author's own role (a coordinator rates as
// staff, like a social worker).
std::vector<storage::GoalRatingRecord> GoalRatingRecords(
    const google::protobuf::RepeatedPtrField<v1::GoalRating>& ratings, Role author);

// The goal id of a goal name of `client`, if it is one.
std::optional<std::string> GoalIdOf(absl::string_view goal_name, const ResourceName& client);

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_GOAL_RATINGS_H_
