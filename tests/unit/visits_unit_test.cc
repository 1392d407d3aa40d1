// The pure pieces Visits brought: filter comparisons, multi-line text, code lists, per-message
// errors of a stream, the visit rules, and the mapping between a visit and what is stored.

#include <gtest/gtest.h>

#include "code_lists.h"
#include "errors.h"
#include "field_rules.h"
#include "google/rpc/error_details.pb.h"
#include "listing.h"
#include "mapping.h"
#include "principal.h"
#include "proto_time.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla {
namespace {

std::set<std::string> Fields(const FieldViolations& v) {
  google::rpc::Status status = ToRpcStatus(v.ToStatus());
  std::set<std::string> fields;
  for (const auto& any : status.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& f : bad.field_violations()) fields.insert(f.field());
    }
  }
  return fields;
}

TEST(ParseFilterTerms, ReadsComparisons) {
  auto terms = ParseFilterTerms(
      R"(start_time >= "2024-05-01T00:00:00Z" AND start_time < "2024-06-01T00:00:00+03:00")",
      {{"start_time", {">=", "<"}}});
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 2u);
  EXPECT_EQ((*terms)[0].op, ">=");
  EXPECT_EQ((*terms)[1].op, "<");
  EXPECT_EQ((*terms)[1].value, "2024-06-01T00:00:00+03:00");
}

TEST(ParseFilterTerms, RefusesOperatorsAFieldDoesNotTakeAndRepeats) {
  const std::map<std::string, std::set<std::string>> allowed = {{"guide", {"="}},
                                                                {"start_time", {">=", "<"}}};
  for (const char* bad : {"guide >= x", "start_time = \"x\"", "start_time == \"x\"",
                          "start_time >= a AND start_time >= b", "start_time", "guide ="}) {
    EXPECT_EQ(ParseFilterTerms(bad, allowed).status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
  // The same field with two operators is a range.
  EXPECT_TRUE(ParseFilterTerms("start_time >= a AND start_time < b", allowed).ok());
}

TEST(CheckOptionalProse, AllowsLineBreaksAndTabsOnly) {
  FieldViolations ok;
  CheckOptionalProse("rivi 1\r\nrivi 2\n\tsisennys", 100, "summary", ok);
  EXPECT_TRUE(ok.empty());
  FieldViolations bell, long_text, one_line;
  CheckOptionalProse("a\x07", 100, "summary", bell);
  CheckOptionalProse(std::string(101, 'a'), 100, "summary", long_text);
  CheckOptionalText("a\nb", 100, "name", one_line);
  EXPECT_EQ(Fields(bell), std::set<std::string>{"summary"});
  EXPECT_EQ(Fields(long_text), std::set<std::string>{"summary"});
  EXPECT_EQ(Fields(one_line), std::set<std::string>{"name"}) << "single-line text stays so";
}

TEST(CheckCodes, NamesUnknownUnspecifiedAndRepeatedEntries) {
  google::protobuf::RepeatedField<int> places;
  for (int p : {int{v1::KELA}, 0, 99, int{v1::KELA}, int{v1::HOUSING}}) places.Add(p);
  FieldViolations v;
  CheckCodes(*v1::ServicePlace_descriptor(), places, "visit.places", "the places", v);
  EXPECT_EQ(Fields(v),
            (std::set<std::string>{"visit.places[1]", "visit.places[2]", "visit.places[3]"}));
  EXPECT_EQ(CodeNames(*v1::ServicePlace_descriptor(), places),
            (std::vector<std::string>{"KELA", "SERVICE_PLACE_UNSPECIFIED", "KELA", "HOUSING"}));
}

TEST(ToRpcStatus, CarriesTheReasonAndTheFields) {
  google::rpc::Status status =
      ToRpcStatus(WithReason(absl::FailedPreconditionError("closed"), "LATE_SYNC_WINDOW_CLOSED"));
  EXPECT_EQ(status.code(), static_cast<int>(absl::StatusCode::kFailedPrecondition));
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(status.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "LATE_SYNC_WINDOW_CLOSED");
  EXPECT_EQ(info.domain(), "rinnalla.fi");
  EXPECT_EQ(ToRpcStatus(absl::CancelledError("gone")).details_size(), 1);
}

const ResourceName kClient{"paijat-hame", "6f1a7d2e-2b5c-4c8e-9a61-0c3f2d9e8b17"};

v1::Visit AccompaniedVisit(absl::Time now) {
  v1::Visit v;
  SetTimestamp(now - absl::Hours(1), v.mutable_start_time());
  v.set_duration_minutes(120);
  v.set_mode(v1::Visit::ACCOMPANIED);
  v.add_places(v1::KELA);
  v.add_places(v1::HEALTH_CENTRE);
  for (v1::ServicePlace place : {v1::KELA, v1::HEALTH_CENTRE}) {
    v1::PlaceOutcome* o = v.add_place_outcomes();
    o->set_place(place);
    o->set_appointment(v1::PlaceOutcome::KEPT);
    o->set_acting(v1::PlaceOutcome::CLIENT_WITH_GUIDE);
    o->add_actions(v1::PlaceOutcome::DECISION_RECEIVED);
  }
  v.add_goals("organizations/paijat-hame/clients/" + kClient.id +
              "/goals/1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9");
  v.set_summary("Kelan päätös saatiin.\nTerveysasemalla labra.");
  return v;
}

TEST(VisitRules, AnAccompaniedVisitWithAnOutcomePerPlacePasses) {
  const absl::Time now = absl::Now();
  FieldViolations v;
  visits::CheckVisitContent(AccompaniedVisit(now), kClient, now, v);
  EXPECT_TRUE(v.empty()) << v.ToStatus();
}

TEST(VisitRules, TheClockSkewIsFiveMinutes) {
  const absl::Time now = absl::Now();
  v1::Visit visit = AccompaniedVisit(now);
  SetTimestamp(now + absl::Minutes(4), visit.mutable_start_time());
  FieldViolations within, beyond;
  visits::CheckVisitContent(visit, kClient, now, within);
  EXPECT_TRUE(within.empty());
  SetTimestamp(now + absl::Minutes(6), visit.mutable_start_time());
  visits::CheckVisitContent(visit, kClient, now, beyond);
  EXPECT_EQ(Fields(beyond), std::set<std::string>{"visit.start_time"});
}

TEST(VisitRules, OutcomesBelongToAccompaniedVisitsOnly) {
  const absl::Time now = absl::Now();
  v1::Visit visit = AccompaniedVisit(now);
  visit.set_mode(v1::Visit::PHONE);
  FieldViolations v;
  visits::CheckVisitContent(visit, kClient, now, v);
  EXPECT_EQ(Fields(v), std::set<std::string>{"visit.place_outcomes"});
  visit.clear_place_outcomes();
  FieldViolations none;
  visits::CheckVisitContent(visit, kClient, now, none);
  EXPECT_TRUE(none.empty()) << "a phone call may still name places";
}

TEST(VisitMapping, ContentSurvivesTheRoundTripToTheMicrosecond) {
  const absl::Time now = absl::Now();
  v1::Visit visit = AccompaniedVisit(now);
  visit.mutable_start_time()->set_nanos(123456789);
  storage::VisitContent content = visits::ContentOf(visit);
  EXPECT_EQ(content.places, (std::vector<std::string>{"KELA", "HEALTH_CENTRE"}));
  EXPECT_EQ(content.outcomes[0].actions, std::vector<std::string>{"DECISION_RECEIVED"});
  EXPECT_EQ(content.goal_ids, std::vector<std::string>{"1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"});
  v1::Visit back;
  visits::SetContent(content, kClient.org_id, kClient.id, &back);
  EXPECT_EQ(back.start_time().nanos(), 123456000) << "stored to the microsecond";
  back.mutable_start_time()->set_nanos(123456789);
  EXPECT_EQ(back.SerializeAsString(), visit.SerializeAsString());
  EXPECT_EQ(visits::ContentOf(back), content);
}

TEST(VisitMapping, ChangedFieldsUseTheApisNames) {
  storage::VisitContent before = visits::ContentOf(AccompaniedVisit(absl::Now()));
  storage::VisitContent after = before;
  after.summary = "toinen";
  after.outcomes[1].note = "labra siirtyi";
  after.goal_ids.clear();
  EXPECT_EQ(after.ChangedFields(before),
            (std::vector<std::string>{"goals", "summary", "place_outcomes"}));
}

TEST(GuideScope, StaffHaveNoneAndAGuideIsTheGuideTheirTokenNamesInTheirOwnOrganization) {
  EXPECT_EQ(GuideIdOf({"users/sw", "paijat-hame", Role::kSocialWorker}), std::nullopt);
  EXPECT_EQ(GuideIdOf({"organizations/paijat-hame/guides/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                       "paijat-hame", Role::kGuide}),
            "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  // A guide's token naming a guide of another organization names nobody the guide may be.
  EXPECT_EQ(GuideIdOf({"organizations/helsinki/guides/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                       "paijat-hame", Role::kGuide}),
            std::nullopt);
  EXPECT_EQ(GuideIdOf({"users/g", "paijat-hame", Role::kGuide}), std::nullopt);
}

}  // namespace
}  // namespace rinnalla
