#include "validation.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "code_lists.h"
#include "field_rules.h"
#include "proto_time.h"
#include "requests.h"

namespace rinnalla::visits {
namespace {

void CheckStartTime(const v1::Visit& visit, absl::Time now, FieldViolations& v) {
  if (!visit.has_start_time()) {
    v.Add("visit.start_time", "is required");
    return;
  }
  CheckHappened(visit.start_time(), now, "visit.start_time", v);
}

void CheckGoals(const v1::Visit& visit, const ResourceName& client, FieldViolations& v) {
  if (visit.goals_size() > kMaxGoals) {
    v.Add("visit.goals", absl::StrCat("at most ", kMaxGoals, " goals"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < visit.goals_size(); ++i) {
    const std::string field = absl::StrCat("visit.goals[", i, "]");
    std::optional<std::string> goal = ClientChildIdOf(visit.goals(i), client, "goals");
    if (!goal) {
      v.Add(field,
            "must name a goal of the visit's client: "
            "organizations/{organization}/clients/{client}/goals/{uuid}");
    } else if (!seen.insert(*goal).second) {
      v.Add(field, "is listed twice");
    }
  }
}

void CheckOutcome(const v1::PlaceOutcome& o, const std::string& field, const std::set<int>& places,
                  std::set<int>& described, FieldViolations& v) {
  if (!places.contains(o.place())) {
    v.Add(field + ".place", "must be one of the visit's places");
  } else if (!described.insert(o.place()).second) {
    v.Add(field + ".place", "has an outcome already");
  }
  if (o.appointment() == v1::PlaceOutcome::APPOINTMENT_UNSPECIFIED ||
      !v1::PlaceOutcome::Appointment_IsValid(o.appointment())) {
    v.Add(field + ".appointment", "is required: KEPT, MISSED, RESCHEDULED or WALK_IN");
  }
  if (o.acting() == v1::PlaceOutcome::ACTING_UNSPECIFIED ||
      !v1::PlaceOutcome::Acting_IsValid(o.acting())) {
    v.Add(field + ".acting", "is required: CLIENT_ON_OWN, CLIENT_WITH_GUIDE or GUIDE_FOR_CLIENT");
  }
  CheckCodes(*v1::PlaceOutcome::Action_descriptor(), o.actions(), field + ".actions",
             "the actions of PlaceOutcome.Action", v);
  CheckOptionalProse(o.note(), kMaxNoteChars, field + ".note", v);
}

// An ACCOMPANIED visit tells what happened at each place it went to; other visits tell none.
void CheckOutcomes(const v1::Visit& visit, FieldViolations& v) {
  if (visit.mode() != v1::Visit::ACCOMPANIED) {
    if (visit.place_outcomes_size() > 0) {
      v.Add("visit.place_outcomes", "are given only for ACCOMPANIED visits");
    }
    return;
  }
  if (visit.places().empty()) {
    v.Add("visit.places", "an ACCOMPANIED visit names the places it went to");
    return;
  }
  const std::set<int> places(visit.places().begin(), visit.places().end());
  std::set<int> described;
  for (int i = 0; i < visit.place_outcomes_size(); ++i) {
    CheckOutcome(visit.place_outcomes(i), absl::StrCat("visit.place_outcomes[", i, "]"), places,
                 described, v);
  }
  for (int place : places) {
    if (!described.contains(place) && v1::ServicePlace_IsValid(place)) {
      v.Add("visit.place_outcomes",
            absl::StrCat("needs an outcome for each place; ",
                         v1::ServicePlace_Name(static_cast<v1::ServicePlace>(place)), " has none"));
    }
  }
}

}  // namespace

void CheckVisitContent(const v1::Visit& visit, const ResourceName& client, absl::Time now,
                       FieldViolations& v) {
  CheckStartTime(visit, now, v);
  if (visit.duration_minutes() < 1 || visit.duration_minutes() > kMaxDurationMinutes) {
    v.Add("visit.duration_minutes", absl::StrCat("must be 1..", kMaxDurationMinutes));
  }
  if (visit.mode() == v1::Visit::MODE_UNSPECIFIED || !v1::Visit::Mode_IsValid(visit.mode())) {
    v.Add("visit.mode", "is required: IN_PERSON, PHONE, VIDEO or ACCOMPANIED");
  }
  CheckCodes(*v1::ServicePlace_descriptor(), visit.places(), "visit.places",
             "the service places of the code list", v);
  CheckGoals(visit, client, v);
  CheckOptionalProse(visit.summary(), kMaxSummaryChars, "visit.summary", v);
  CheckOutcomes(visit, v);
}

void CheckLogVisit(const v1::LogVisitRequest& request, const ResourceName& client, absl::Time now,
                   FieldViolations& v) {
  std::optional<ResourceName> assignment =
      ParseResourceName(request.visit().assignment(), "assignments");
  if (!assignment || assignment->org_id != client.org_id) {
    v.Add("visit.assignment",
          "must name the client's assignment: "
          "organizations/{organization}/assignments/{uuid}");
  }
  CheckVisitContent(request.visit(), client, now, v);
  CheckOptionalUuid(request.visit_id(), "visit_id", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
}

}  // namespace rinnalla::visits
