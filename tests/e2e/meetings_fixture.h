#ifndef RINNALLA_TESTS_E2E_MEETINGS_FIXTURE_H_
#define RINNALLA_TESTS_E2E_MEETINGS_FIXTURE_H_

// A client guided by a guide (an ACTIVE assignment), and Meetings stubs and builders.

#include <google/protobuf/util/time_util.h>

#include "matching_fixture.h"
#include "rinnalla/v1/meetings.grpc.pb.h"

namespace rinnalla::testing {

class MeetingsTest : public MatchingTest {
 protected:
  void SetUp() override {
    client_ = MustCreateClient("M-100");
    guide_ = MakeGuide("Aino", {v1::MENTAL_HEALTH, v1::DEBT});
    v1::Referral referral = Refer(client_);
    ASSERT_TRUE(Assign(referral, guide_, &assignment_).ok());
  }

  static google::protobuf::Timestamp HoursFromNow(int hours) {
    return google::protobuf::util::TimeUtil::GetCurrentTime() +
           google::protobuf::util::TimeUtil::HoursToDuration(hours);
  }

  v1::Meeting MustCreateMeeting(v1::Meeting::Kind kind, int hours_from_now = -1) {
    v1::CreateMeetingRequest request;
    request.set_parent(client_.name());
    request.mutable_meeting()->set_assignment(assignment_.name());
    request.mutable_meeting()->set_kind(kind);
    *request.mutable_meeting()->mutable_scheduled_time() = HoursFromNow(hours_from_now);
    request.mutable_meeting()->set_place("Lahden sosiaalitoimisto");
    v1::Meeting out;
    grpc::Status status =
        meetings_->CreateMeeting(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  static v1::Participant Party(v1::Participant::Role role, const std::string& identity,
                               bool present = true) {
    v1::Participant p;
    p.set_role(role);
    p.set_identity(identity);
    p.set_present(present);
    return p;
  }

  // The client, the social worker and the guide, all present.
  void AddThreeParties(v1::RecordMeetingOutcomeRequest& request) {
    *request.add_participants() = Party(v1::Participant::CLIENT, "");
    *request.add_participants() = Party(v1::Participant::SOCIAL_WORKER, kSocialWorker.sub);
    *request.add_participants() = Party(v1::Participant::GUIDE, guide_.name());
  }

  static v1::AgreedGoal GoalWithLevels(const std::string& title) {
    v1::AgreedGoal g;
    g.set_title(title);
    g.set_area(v1::DEBT);
    for (const char* level : {"Velat kasvavat", "Ei muutosta", "Velkaneuvonta varattu",
                              "Maksusuunnitelma tehty", "Velat järjestyksessä"}) {
      g.add_gas_levels(level);
    }
    g.set_weight(1);
    return g;
  }

  v1::RecordMeetingOutcomeRequest OutcomeOf(const v1::Meeting& meeting) {
    v1::RecordMeetingOutcomeRequest request;
    request.set_name(meeting.name());
    *request.mutable_held_time() = HoursFromNow(-1);
    AddThreeParties(request);
    request.set_summary("Kartoitimme tilanteen yhdessä.\nSovimme tavoitteet.");
    return request;
  }

  grpc::Status Record(const v1::RecordMeetingOutcomeRequest& request, v1::Meeting* out,
                      const Caller& caller = kSocialWorker) {
    return meetings_->RecordMeetingOutcome(TestServer::ContextFor(caller).get(), request, out);
  }

  std::vector<v1::Goal> Goals(const Caller& caller = kSocialWorker) {
    v1::ListGoalsRequest request;
    request.set_parent(client_.name());
    v1::ListGoalsResponse out;
    grpc::Status status = meetings_->ListGoals(TestServer::ContextFor(caller).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {out.goals().begin(), out.goals().end()};
  }

  v1::Client client_;
  v1::Guide guide_;
  v1::Assignment assignment_;
  std::unique_ptr<v1::Meetings::Stub> meetings_ = v1::Meetings::NewStub(server_.channel());
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_MEETINGS_FIXTURE_H_
