#ifndef RINNALLA_SERVICES_MEETINGS_MAPPING_H_
#define RINNALLA_SERVICES_MEETINGS_MAPPING_H_

#include "rinnalla/storage/meeting_records.h"
#include "rinnalla/v1/meetings.pb.h"

namespace rinnalla::meetings {

v1::Meeting ToProto(const storage::MeetingRecord& record);
v1::MeetingOutcome ToProto(const storage::MeetingOutcomeRecord& record);
v1::Goal ToProto(const storage::GoalRecord& record);
v1::InformationSharingConsent ToProto(const storage::ConsentRecord& record);

storage::MeetingOutcomeRecord OutcomeFromProto(
    const google::protobuf::Timestamp& held_time,
    const google::protobuf::RepeatedPtrField<v1::Participant>& participants,
    const google::protobuf::RepeatedPtrField<v1::SupportNeed>& support_needs,
    const std::string& summary);
// The goal a meeting's agreed goal describes (title, area, levels, date, weight).
v1::Goal GoalOf(const v1::AgreedGoal& agreed);
// The goal's caller-settable fields (title, area, levels, date, weight, state) as stored.
storage::GoalRecord GoalFromProto(const v1::Goal& goal);

}  // namespace rinnalla::meetings

#endif  // RINNALLA_SERVICES_MEETINGS_MAPPING_H_
