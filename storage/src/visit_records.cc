#include "rinnalla/storage/visit_records.h"

namespace rinnalla::storage {

std::vector<std::string> VisitContent::ChangedFields(const VisitContent& b) const {
  std::vector<std::string> out;
  auto add_if = [&](const char* name, bool changed) {
    if (changed) out.push_back(name);
  };
  // The API's field names.
  add_if("start_time", start_time != b.start_time);
  add_if("duration_minutes", duration_minutes != b.duration_minutes);
  add_if("mode", mode != b.mode);
  add_if("places", places != b.places);
  add_if("goals", goal_ids != b.goal_ids);
  add_if("summary", summary != b.summary);
  add_if("place_outcomes", outcomes != b.outcomes);
  return out;
}

}  // namespace rinnalla::storage
