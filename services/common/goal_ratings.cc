#include "goal_ratings.h"

#include "absl/strings/str_cat.h"
#include "field_rules.h"

namespace rinnalla {

std::optional<std::string> GoalIdOf(absl::string_view goal_name, const ResourceName& client) {
  return ClientChildIdOf(goal_name, client, "goals");
}

void CheckGoalRatings(const google::protobuf::RepeatedPtrField<v1::GoalRating>& ratings,
                      const ResourceName& client, const std::string& field, FieldViolations& v) {
  for (int i = 0; i < ratings.size(); ++i) {
    const v1::GoalRating& r = ratings[i];
    const std::string at = absl::StrCat(field, "[", i, "]");
    if (!GoalIdOf(r.goal(), client)) v.Add(at + ".goal", "must be a goal of this client");
    if (r.score() < -2 || r.score() > 2) v.Add(at + ".score", "must be -2, -1, 0, 1 or 2");
    if (!v1::Rater_IsValid(r.rated_by())) {
      v.Add(at + ".rated_by", "must be CLIENT, GUIDE or SOCIAL_WORKER");
    }
    CheckOptionalText(r.comment(), 1000, at + ".comment", v);
  }
}

std::vector<storage::GoalRatingRecord> GoalRatingRecords(
    const google::protobuf::RepeatedPtrField<v1::GoalRating>& ratings, Role author) {
  std::vector<storage::GoalRatingRecord> records;
  for (const v1::GoalRating& r : ratings) {
    v1::Rater rater = r.rated_by();
    if (rater == v1::RATER_UNSPECIFIED) {
      rater = author == Role::kGuide ? v1::GUIDE : v1::SOCIAL_WORKER;
    }
    std::optional<ChildName> goal = ParseChildName(r.goal(), "clients", "goals");
    records.push_back({goal ? goal->id : "", r.score(), v1::Rater_Name(rater), r.comment()});
  }
  return records;
}

}  // namespace rinnalla
