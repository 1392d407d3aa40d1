#ifndef RINNALLA_SERVICES_MATCHING_MAPPING_H_
#define RINNALLA_SERVICES_MATCHING_MAPPING_H_

#include "rinnalla/storage/matching_records.h"
#include "rinnalla/v1/matching.pb.h"
#include "scoring.h"

namespace rinnalla::matching {

v1::Referral ToProto(const storage::ReferralRecord& record);
v1::MatchExclusion ToProto(const storage::MatchExclusionRecord& record);
v1::Assignment ToProto(const storage::AssignmentRecord& record);
v1::GuideSuggestion ToProto(const std::string& org_id, const Suggestion& suggestion);

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_MAPPING_H_
