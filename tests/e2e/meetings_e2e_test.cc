// Meetings end to end: the pilot's whole path from the initial goal-setting meeting to the closing
// evaluation, every refusal with nothing half-written, amendments that keep the record, consent.

#include <gmock/gmock.h>

#include <future>

#include "meetings_fixture.h"

namespace rinnalla::testing {
namespace {

using google::protobuf::util::TimeUtil;

TEST_F(MeetingsTest, PilotPathFromInitialMeetingToClosing) {
  // The INITIAL meeting: three parties, support needs, three goals with GAS levels, consent.
  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  EXPECT_EQ(initial.state(), v1::Meeting::SCHEDULED);
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
  v1::SupportNeed* need = record.add_support_needs();
  need->set_area(v1::DEBT);
  need->set_description("Laskut ovat kasautuneet, en uskalla avata kirjeitä.");
  for (const char* title : {"Saan velkani järjestykseen", "Käyn TE-toimistossa",
                            "Löydän vertaisryhmän"}) {
    *record.add_agreed_goals() = GoalWithLevels(title);
  }
  record.set_consent(true);
  v1::Meeting held;
  ASSERT_TRUE(Record(record, &held).ok());
  EXPECT_EQ(held.state(), v1::Meeting::HELD);
  EXPECT_EQ(held.outcome().revision(), 1);
  EXPECT_EQ(held.outcome().participants_size(), 3);
  EXPECT_EQ(held.outcome().support_needs(0).description(),
            "Laskut ovat kasautuneet, en uskalla avata kirjeitä.");

  std::vector<v1::Goal> goals = Goals();
  ASSERT_EQ(goals.size(), 3u);
  for (const v1::Goal& g : goals) {
    EXPECT_EQ(g.state(), v1::Goal::AGREED);
    EXPECT_EQ(g.gas_levels_size(), 5);
    EXPECT_EQ(g.agreed_meeting(), initial.name());
    EXPECT_THAT(g.agreed_by(), ::testing::UnorderedElementsAre(
                                   "CLIENT", "SOCIAL_WORKER:" + kSocialWorker.sub,
                                   "GUIDE:" + guide_.name()));
  }
  v1::GetAssignmentRequest get_assignment;
  get_assignment.set_name(assignment_.name());
  v1::Assignment assignment;
  ASSERT_TRUE(matching_->GetAssignment(TestServer::ContextFor(kSocialWorker).get(),
                                       get_assignment, &assignment).ok());
  EXPECT_EQ(assignment.first_meeting_time(), record.held_time());

  // A REVIEW meeting rates the goals; the client's own view is recorded too.
  v1::Meeting review = MustCreateMeeting(v1::Meeting::REVIEW);
  v1::RecordMeetingOutcomeRequest review_record = OutcomeOf(review);
  v1::GoalRating* rating = review_record.add_goal_ratings();
  rating->set_goal(goals[0].name());
  rating->set_score(1);
  rating->set_rated_by(v1::CLIENT);
  ASSERT_TRUE(Record(review_record, &held).ok());
  EXPECT_EQ(server_.database().QueryNumber(
                "SELECT count(*) FROM goal_ratings WHERE source_kind = 'MEETING'"
                " AND rated_by = 'CLIENT' AND score = 1"),
            1);
  // The first meeting date stays the INITIAL one.
  ASSERT_TRUE(matching_->GetAssignment(TestServer::ContextFor(kSocialWorker).get(),
                                       get_assignment, &assignment).ok());
  EXPECT_EQ(assignment.first_meeting_time(), record.held_time());

  // The CLOSING meeting decides each goal and ends the guidance, in one transaction.
  v1::Meeting closing = MustCreateMeeting(v1::Meeting::CLOSING);
  v1::RecordMeetingOutcomeRequest closing_record = OutcomeOf(closing);
  const v1::Goal::State finals[] = {v1::Goal::ACHIEVED, v1::Goal::NOT_ACHIEVED,
                                    v1::Goal::DROPPED};
  for (int i = 0; i < 3; ++i) {
    v1::GoalClosing* c = closing_record.add_goal_closings();
    c->set_goal(goals[i].name());
    c->set_final_state(finals[i]);
  }
  closing_record.set_end_assignment(true);
  ASSERT_TRUE(Record(closing_record, &held).ok());
  goals = Goals();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(goals[i].state(), finals[i]) << i;
  ASSERT_TRUE(matching_->GetAssignment(TestServer::ContextFor(kSocialWorker).get(),
                                       get_assignment, &assignment).ok());
  EXPECT_EQ(assignment.state(), v1::Assignment::ENDED);
  EXPECT_EQ(assignment.end_reason(), v1::Assignment::GOALS_REACHED);

  v1::ListMeetingsRequest list;
  list.set_parent(client_.name());
  list.set_filter("state = HELD");
  v1::ListMeetingsResponse meetings;
  ASSERT_TRUE(meetings_->ListMeetings(TestServer::ContextFor(kSocialWorker).get(), list,
                                      &meetings).ok());
  EXPECT_EQ(meetings.meetings_size(), 3);
  // With the guidance ended, the guide reads nothing of it any more.
  v1::GetMeetingRequest get;
  get.set_name(initial.name());
  v1::Meeting out;
  EXPECT_EQ(CodeOf(meetings_->GetMeeting(TestServer::ContextFor(AsGuide(guide_)).get(), get, &out)),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_GT(server_.database().QueryNumber(
                "SELECT count(*) FROM events WHERE kind IN ('meeting.created', 'meeting.updated',"
                " 'goal.created', 'goal.updated', 'consent.recorded')"),
            9);
}

TEST_F(MeetingsTest, InitialAndClosingMeetingsNeedAllThreePartiesAndNothingIsHalfWritten) {
  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  for (int absent = 0; absent < 3; ++absent) {
    v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
    record.mutable_participants(absent)->set_present(false);
    *record.add_agreed_goals() = GoalWithLevels("Saan velkani järjestykseen");
    record.set_consent(true);
    v1::Meeting out;
    grpc::Status status = Record(record, &out);
    EXPECT_EQ(CodeOf(status), grpc::StatusCode::FAILED_PRECONDITION) << absent;
    EXPECT_EQ(ErrorReason(status), "THREE_PARTIES_REQUIRED");
  }
  // The CLOSING meeting evaluates together: the same three must be there.
  v1::Meeting closing = MustCreateMeeting(v1::Meeting::CLOSING);
  for (int absent = 0; absent < 3; ++absent) {
    v1::RecordMeetingOutcomeRequest record = OutcomeOf(closing);
    record.mutable_participants(absent)->set_present(false);
    v1::Meeting out;
    grpc::Status status = Record(record, &out);
    EXPECT_EQ(CodeOf(status), grpc::StatusCode::FAILED_PRECONDITION) << "closing " << absent;
    EXPECT_EQ(ErrorReason(status), "THREE_PARTIES_REQUIRED") << "closing " << absent;
  }
  // Another guide in the guide's place is not the guidance's guide.
  v1::Guide other = MakeGuide("Eino", {v1::DEBT});
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
  record.mutable_participants(2)->set_identity(other.name());
  v1::Meeting out;
  EXPECT_EQ(ErrorReason(Record(record, &out)), "GUIDE_NOT_ON_ASSIGNMENT");
  // A REVIEW meeting may be held without everyone.
  v1::Meeting review = MustCreateMeeting(v1::Meeting::REVIEW);
  v1::RecordMeetingOutcomeRequest review_record = OutcomeOf(review);
  review_record.mutable_participants(0)->set_present(false);
  EXPECT_TRUE(Record(review_record, &out).ok());

  EXPECT_EQ(Count("meeting_outcomes"), 1) << "only the review";
  EXPECT_EQ(Count("goals"), 0);
  EXPECT_EQ(Count("information_sharing_consents"), 0);
  EXPECT_EQ(
      server_.database().QueryNumber("SELECT count(*) FROM meetings WHERE state = 'SCHEDULED'"), 2)
      << "the initial and the closing";
  EXPECT_EQ(server_.database().QueryNumber(
                "SELECT count(*) FROM assignments WHERE first_meeting_time IS NOT NULL"),
            1);
}

TEST_F(MeetingsTest, RecordingTwiceIsRefusedAndAmendmentsKeepEveryVersion) {
  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
  *record.add_agreed_goals() = GoalWithLevels("Saan velkani järjestykseen");
  v1::Meeting held;
  ASSERT_TRUE(Record(record, &held).ok());
  grpc::Status again = Record(record, &held);
  EXPECT_EQ(CodeOf(again), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(again), "OUTCOME_ALREADY_RECORDED");
  EXPECT_EQ(Count("goals"), 1);

  v1::AmendMeetingOutcomeRequest amend;
  amend.set_name(initial.name());
  *amend.mutable_outcome() = held.outcome();
  amend.mutable_outcome()->set_summary("Korjattu: tapaaminen pidettiin asiakkaan kotona.");
  amend.set_reason("Paikka kirjattiin väärin");
  amend.set_etag(held.etag());
  v1::Meeting amended;
  ASSERT_TRUE(meetings_->AmendMeetingOutcome(TestServer::ContextFor(kSocialWorker).get(), amend,
                                             &amended).ok());
  EXPECT_EQ(amended.outcome().revision(), 2);
  EXPECT_EQ(amended.outcome().amend_reason(), "Paikka kirjattiin väärin");
  // The same etag again is stale.
  grpc::Status stale =
      meetings_->AmendMeetingOutcome(TestServer::ContextFor(kSocialWorker).get(), amend, &amended);
  EXPECT_EQ(CodeOf(stale), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReason(stale), "STALE_ETAG");

  v1::ListMeetingOutcomeRevisionsRequest revisions;
  revisions.set_name(initial.name());
  v1::ListMeetingOutcomeRevisionsResponse versions;
  ASSERT_TRUE(meetings_->ListMeetingOutcomeRevisions(TestServer::ContextFor(kSocialWorker).get(),
                                                     revisions, &versions).ok());
  ASSERT_EQ(versions.outcomes_size(), 2);
  EXPECT_EQ(versions.outcomes(0).summary(), record.summary());
  EXPECT_EQ(versions.outcomes(1).summary(), "Korjattu: tapaaminen pidettiin asiakkaan kotona.");
  EXPECT_EQ(versions.outcomes(0).participants_size(), 3);
}

TEST_F(MeetingsTest, RacingRecordsOfOneMeetingLeaveExactlyOneRecord) {
  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
  *record.add_agreed_goals() = GoalWithLevels("Saan velkani järjestykseen");
  constexpr int kRacers = 8;
  std::vector<std::future<grpc::Status>> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.push_back(std::async(std::launch::async, [&] {
      v1::Meeting out;
      return Record(record, &out);
    }));
  }
  int recorded = 0, refused = 0;
  for (auto& racer : racers) {
    grpc::Status status = racer.get();
    recorded += status.ok();
    refused += ErrorReason(status) == "OUTCOME_ALREADY_RECORDED";
  }
  EXPECT_EQ(recorded, 1);
  EXPECT_EQ(refused, kRacers - 1);
  EXPECT_EQ(Count("meeting_outcomes"), 1);
  EXPECT_EQ(Count("goals"), 1);
}

TEST_F(MeetingsTest, RetriedRecordWithRequestIdReturnsTheFirstResponse) {
  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
  *record.add_agreed_goals() = GoalWithLevels("Saan velkani järjestykseen");
  record.set_request_id("2f1c7d3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f");
  v1::Meeting first, second;
  ASSERT_TRUE(Record(record, &first).ok());
  ASSERT_TRUE(Record(record, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Count("goals"), 1);
  EXPECT_EQ(Count("meeting_outcomes"), 1);
}

TEST_F(MeetingsTest, GoalsMoveOnlyAlongLegalTransitions) {
  v1::CreateGoalRequest create;
  create.set_parent(client_.name());
  create.mutable_goal()->set_assignment(assignment_.name());
  create.mutable_goal()->set_title("Opettelen asioimaan Kelan verkkopalvelussa");
  v1::Goal goal;
  ASSERT_TRUE(meetings_->CreateGoal(TestServer::ContextFor(kSocialWorker).get(), create, &goal).ok());
  EXPECT_EQ(goal.state(), v1::Goal::PROPOSED);

  auto update = [&](std::function<void(v1::UpdateGoalRequest&)> change) {
    v1::UpdateGoalRequest request;
    *request.mutable_goal() = goal;
    change(request);
    v1::Goal out;
    grpc::Status status =
        meetings_->UpdateGoal(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    if (status.ok()) goal = out;
    return status;
  };
  // Agreeing needs all five levels.
  grpc::Status incomplete = update([](auto& r) {
    r.mutable_goal()->set_state(v1::Goal::AGREED);
    r.mutable_update_mask()->add_paths("state");
  });
  EXPECT_EQ(ErrorReason(incomplete), "GAS_LEVELS_INCOMPLETE");
  ASSERT_TRUE(update([](auto& r) {
                *r.mutable_goal()->mutable_gas_levels() = GoalWithLevels("x").gas_levels();
                r.mutable_goal()->set_state(v1::Goal::AGREED);
                r.mutable_update_mask()->add_paths("gas_levels");
                r.mutable_update_mask()->add_paths("state");
              }).ok());
  EXPECT_EQ(goal.state(), v1::Goal::AGREED);
  EXPECT_EQ(goal.agreed_by_size(), 1);
  // The agreed wording stays.
  EXPECT_EQ(ErrorReason(update([](auto& r) {
              r.mutable_goal()->set_title("Jotain muuta");
              r.mutable_update_mask()->add_paths("title");
            })),
            "GOAL_WORDING_FIXED");
  // A stale etag changes nothing.
  const std::string old_etag = goal.etag();
  ASSERT_TRUE(update([](auto& r) {
                r.mutable_goal()->set_weight(3);
                r.mutable_update_mask()->add_paths("weight");
              }).ok());
  grpc::Status stale = update([&](auto& r) {
    r.mutable_goal()->set_etag(old_etag);
    r.mutable_goal()->set_weight(5);
    r.mutable_update_mask()->add_paths("weight");
  });
  EXPECT_EQ(CodeOf(stale), grpc::StatusCode::ABORTED);
  EXPECT_EQ(goal.weight(), 3);
  ASSERT_TRUE(update([](auto& r) {
                r.mutable_goal()->set_state(v1::Goal::ACHIEVED);
                r.mutable_update_mask()->add_paths("state");
              }).ok());
  // Nothing moves a closed goal.
  for (v1::Goal::State next : {v1::Goal::AGREED, v1::Goal::PROPOSED, v1::Goal::DROPPED}) {
    grpc::Status illegal = update([&](auto& r) {
      r.mutable_goal()->set_state(next);
      r.mutable_update_mask()->add_paths("state");
    });
    EXPECT_EQ(CodeOf(illegal), grpc::StatusCode::FAILED_PRECONDITION) << next;
    EXPECT_EQ(ErrorReason(illegal), "ILLEGAL_GOAL_TRANSITION") << next;
  }
  EXPECT_EQ(server_.database().QueryNumber("SELECT count(*) FROM goals WHERE state = 'ACHIEVED'"),
            1);
}

TEST_F(MeetingsTest, TheGuideReadsAndProposesButDoesNotRecordAndOthersSeeNothing) {
  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(initial);
  *record.add_agreed_goals() = GoalWithLevels("Saan velkani järjestykseen");
  v1::Meeting held;
  EXPECT_EQ(CodeOf(Record(record, &held, AsGuide(guide_))), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Record(record, &held).ok());

  EXPECT_EQ(Goals(AsGuide(guide_)).size(), 1u);
  v1::GetMeetingRequest get;
  get.set_name(initial.name());
  v1::Meeting out;
  EXPECT_TRUE(meetings_->GetMeeting(TestServer::ContextFor(AsGuide(guide_)).get(), get, &out).ok());
  v1::CreateGoalRequest propose;
  propose.set_parent(client_.name());
  propose.mutable_goal()->set_assignment(assignment_.name());
  propose.mutable_goal()->set_title("Menen vertaisryhmään");
  v1::Goal proposed;
  EXPECT_TRUE(meetings_->CreateGoal(TestServer::ContextFor(AsGuide(guide_)).get(), propose,
                                    &proposed).ok());
  EXPECT_EQ(proposed.state(), v1::Goal::PROPOSED);
  v1::UpdateGoalRequest agree;
  *agree.mutable_goal() = proposed;
  agree.mutable_goal()->set_state(v1::Goal::AGREED);
  agree.mutable_update_mask()->add_paths("state");
  EXPECT_EQ(CodeOf(meetings_->UpdateGoal(TestServer::ContextFor(AsGuide(guide_)).get(), agree,
                                         &proposed)),
            grpc::StatusCode::PERMISSION_DENIED);

  // A guide not on the assignment, and staff of another organization, are refused alike.
  v1::Guide stranger = MakeGuide("Eino", {v1::DEBT});
  EXPECT_EQ(CodeOf(meetings_->GetMeeting(TestServer::ContextFor(AsGuide(stranger)).get(), get,
                                         &out)),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CodeOf(meetings_->CreateGoal(TestServer::ContextFor(AsGuide(stranger)).get(), propose,
                                         &proposed)),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CreateMeetingRequest foreign;
  foreign.set_parent(client_.name());
  foreign.mutable_meeting()->set_assignment(assignment_.name());
  foreign.mutable_meeting()->set_kind(v1::Meeting::REVIEW);
  *foreign.mutable_meeting()->mutable_scheduled_time() = HoursFromNow(24);
  EXPECT_EQ(CodeOf(meetings_->CreateMeeting(TestServer::ContextFor(kOtherCoordinator).get(),
                                            foreign, &out)),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CodeOf(meetings_->GetMeeting(TestServer::ContextFor(kOtherCoordinator).get(), get,
                                         &out)),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("meetings"), 1);
  EXPECT_EQ(Count("goals"), 2);
  EXPECT_GE(server_.database().QueryNumber(
                "SELECT count(*) FROM access_log WHERE outcome = 'DENIED'"),
            4);
}

TEST_F(MeetingsTest, ConsentIsKeptWithItsHistoryAndTheLatestHolds) {
  auto set = [&](bool granted, const Caller& caller) {
    v1::SetInformationSharingConsentRequest request;
    request.set_parent(client_.name());
    request.set_assignment(assignment_.name());
    request.set_granted(granted);
    v1::InformationSharingConsent out;
    return meetings_->SetInformationSharingConsent(TestServer::ContextFor(caller).get(), request,
                                                   &out);
  };
  ASSERT_TRUE(set(true, kSocialWorker).ok());
  // The client tells their guide they have changed their mind.
  ASSERT_TRUE(set(false, AsGuide(guide_)).ok());
  v1::ListInformationSharingConsentsRequest list;
  list.set_parent(client_.name());
  v1::ListInformationSharingConsentsResponse consents;
  ASSERT_TRUE(meetings_->ListInformationSharingConsents(TestServer::ContextFor(kSocialWorker).get(),
                                                        list, &consents).ok());
  ASSERT_EQ(consents.consents_size(), 2);
  EXPECT_FALSE(consents.consents(0).granted()) << "newest first";
  EXPECT_EQ(consents.consents(0).recorded_by(), guide_.name());
  EXPECT_TRUE(consents.consents(1).granted());
  EXPECT_EQ(server_.database().QueryNumber(
                "SELECT CAST(information_sharing_granted('paijat-hame', id) AS int)"
                " FROM assignments"),
            0);
}

TEST_F(MeetingsTest, MeetingsAreRescheduledOrCancelledOnlyWhileScheduled) {
  v1::Meeting meeting = MustCreateMeeting(v1::Meeting::REVIEW, 48);
  v1::RescheduleMeetingRequest reschedule;
  reschedule.set_name(meeting.name());
  *reschedule.mutable_scheduled_time() = HoursFromNow(72);
  reschedule.set_etag(meeting.etag());
  ASSERT_TRUE(meetings_->RescheduleMeeting(TestServer::ContextFor(kSocialWorker).get(), reschedule,
                                           &meeting).ok());
  EXPECT_EQ(meeting.scheduled_time(), reschedule.scheduled_time());
  EXPECT_EQ(meeting.place(), "Lahden sosiaalitoimisto") << "an empty place keeps the old one";

  v1::ListMeetingsRequest list;
  list.set_parent(client_.name());
  list.set_filter("when = UPCOMING");
  v1::ListMeetingsResponse upcoming;
  ASSERT_TRUE(meetings_->ListMeetings(TestServer::ContextFor(kSocialWorker).get(), list,
                                      &upcoming).ok());
  EXPECT_EQ(upcoming.meetings_size(), 1);

  v1::CancelMeetingRequest cancel;
  cancel.set_name(meeting.name());
  cancel.set_reason("Asiakas sairastui");
  ASSERT_TRUE(meetings_->CancelMeeting(TestServer::ContextFor(kSocialWorker).get(), cancel,
                                       &meeting).ok());
  EXPECT_EQ(meeting.state(), v1::Meeting::CANCELLED);
  grpc::Status again =
      meetings_->CancelMeeting(TestServer::ContextFor(kSocialWorker).get(), cancel, &meeting);
  EXPECT_EQ(ErrorReason(again), "MEETING_NOT_SCHEDULED");
  v1::RecordMeetingOutcomeRequest record = OutcomeOf(meeting);
  EXPECT_EQ(ErrorReason(Record(record, &meeting)), "MEETING_NOT_SCHEDULED");
  EXPECT_EQ(Count("meeting_outcomes"), 0);
}

TEST_F(MeetingsTest, BadInputNamesTheFieldAndWritesNothing) {
  auto create = [&](std::function<void(v1::CreateMeetingRequest&)> change) {
    v1::CreateMeetingRequest request;
    request.set_parent(client_.name());
    request.mutable_meeting()->set_assignment(assignment_.name());
    request.mutable_meeting()->set_kind(v1::Meeting::INITIAL);
    *request.mutable_meeting()->mutable_scheduled_time() = HoursFromNow(24);
    change(request);
    v1::Meeting out;
    grpc::Status status =
        meetings_->CreateMeeting(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_EQ(CodeOf(status), grpc::StatusCode::INVALID_ARGUMENT);
    return ViolatedFields(status);
  };
  EXPECT_TRUE(create([](auto& r) { r.mutable_meeting()->clear_kind(); }).contains("meeting.kind"));
  EXPECT_TRUE(create([](auto& r) { r.mutable_meeting()->clear_scheduled_time(); })
                  .contains("meeting.scheduled_time"));
  EXPECT_TRUE(create([](auto& r) { r.mutable_meeting()->set_assignment("assignments/x"); })
                  .contains("meeting.assignment"));
  EXPECT_TRUE(create([](auto& r) { r.mutable_meeting()->set_place(std::string(201, 'x')); })
                  .contains("meeting.place"));
  EXPECT_TRUE(create([](auto& r) { r.set_meeting_id("not-a-uuid"); }).contains("meeting_id"));
  EXPECT_EQ(Count("meetings"), 0);

  v1::Meeting initial = MustCreateMeeting(v1::Meeting::INITIAL);
  auto record = [&](std::function<void(v1::RecordMeetingOutcomeRequest&)> change) {
    v1::RecordMeetingOutcomeRequest request = OutcomeOf(initial);
    *request.add_agreed_goals() = GoalWithLevels("Saan velkani järjestykseen");
    change(request);
    v1::Meeting out;
    grpc::Status status = Record(request, &out);
    EXPECT_EQ(CodeOf(status), grpc::StatusCode::INVALID_ARGUMENT);
    return ViolatedFields(status);
  };
  EXPECT_TRUE(record([](auto& r) { r.clear_held_time(); }).contains("held_time"));
  EXPECT_TRUE(record([](auto& r) { *r.mutable_held_time() = HoursFromNow(2); })
                  .contains("held_time"));
  EXPECT_TRUE(record([](auto& r) { r.mutable_agreed_goals(0)->mutable_gas_levels()->RemoveLast(); })
                  .contains("agreed_goals[0].gas_levels"));
  EXPECT_TRUE(record([](auto& r) { r.mutable_agreed_goals(0)->set_gas_levels(2, " "); })
                  .contains("agreed_goals[0].gas_levels[2]"));
  EXPECT_TRUE(record([](auto& r) { r.mutable_agreed_goals(0)->clear_title(); })
                  .contains("agreed_goals[0].title"));
  EXPECT_TRUE(record([](auto& r) { r.mutable_agreed_goals(0)->set_weight(11); })
                  .contains("agreed_goals[0].weight"));
  EXPECT_TRUE(record([](auto& r) {
                r.mutable_agreed_goals(0)->mutable_target_date()->set_year(2027);
                r.mutable_agreed_goals(0)->mutable_target_date()->set_month(2);
                r.mutable_agreed_goals(0)->mutable_target_date()->set_day(30);
              }).contains("agreed_goals[0].target_date"));
  EXPECT_TRUE(record([](auto& r) { r.mutable_participants(1)->clear_identity(); })
                  .contains("participants[1].identity"));
  EXPECT_TRUE(record([](auto& r) { r.mutable_participants(2)->set_identity("Aino"); })
                  .contains("participants[2].identity"));
  EXPECT_TRUE(record([](auto& r) { r.add_support_needs()->set_description(""); })
                  .contains("support_needs[0].description"));
  EXPECT_TRUE(record([](auto& r) {
                v1::GoalRating* rating = r.add_goal_ratings();
                rating->set_goal("organizations/paijat-hame/clients/x/goals/y");
                rating->set_score(3);
              }) == std::set<std::string>({"goal_ratings[0].goal", "goal_ratings[0].score"}));
  EXPECT_TRUE(record([](auto& r) {
                v1::GoalClosing* c = r.add_goal_closings();
                c->set_goal("bad");
                c->set_final_state(v1::Goal::AGREED);
              }) == std::set<std::string>({"goal_closings[0].goal", "goal_closings[0].final_state"}));
  EXPECT_TRUE(record([](auto& r) { r.set_summary(std::string(8001, 'x')); }).contains("summary"));
  EXPECT_EQ(Count("meeting_outcomes"), 0);
  EXPECT_EQ(Count("goals"), 0);

  // Closing goals and ending the guidance belong to a CLOSING meeting.
  v1::RecordMeetingOutcomeRequest ending = OutcomeOf(initial);
  ending.set_end_assignment(true);
  v1::Meeting out;
  EXPECT_EQ(ErrorReason(Record(ending, &out)), "CLOSING_MEETING_ONLY");
  EXPECT_EQ(server_.database().QueryNumber(
                "SELECT count(*) FROM assignments WHERE state = 'ACTIVE'"),
            1);
}

}  // namespace
}  // namespace rinnalla::testing
