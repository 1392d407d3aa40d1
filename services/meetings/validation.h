#ifndef RINNALLA_SERVICES_MEETINGS_VALIDATION_H_
#define RINNALLA_SERVICES_MEETINGS_VALIDATION_H_

// Pure checks of Meetings input; each broken rule names its field.

#include <set>
#include <string>

#include "absl/time/time.h"
#include "errors.h"
#include "resource_names.h"
#include "rinnalla/v1/meetings.pb.h"

namespace rinnalla::meetings {

// A new meeting of `client`: its assignment, kind, scheduled time and place.
void CheckNewMeeting(const v1::Meeting& meeting, const ResourceName& client, FieldViolations& v);
// A meeting's record: held time (not in the future), participants and support needs, summary.
void CheckOutcome(const google::protobuf::Timestamp* held_time,
                  const google::protobuf::RepeatedPtrField<v1::Participant>& participants,
                  const google::protobuf::RepeatedPtrField<v1::SupportNeed>& support_needs,
                  const std::string& summary, const std::string& prefix, absl::Time now,
                  FieldViolations& v);
void CheckRecordOutcome(const v1::RecordMeetingOutcomeRequest& request, const ResourceName& client,
                        absl::Time now, FieldViolations& v);
// A new goal: created PROPOSED, with no or all five GAS levels.
void CheckNewGoal(const v1::Goal& goal, const ResourceName& client, FieldViolations& v);
// The fields an update names.
void CheckGoalFields(const v1::Goal& goal, const std::set<std::string>& fields, FieldViolations& v);

}  // namespace rinnalla::meetings

#endif  // RINNALLA_SERVICES_MEETINGS_VALIDATION_H_
