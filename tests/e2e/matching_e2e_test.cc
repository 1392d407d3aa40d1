// Matching end to end: referral → suggestions → assignment → the guide reads the client → the
// end → the guide no longer does; every refusal; races that must not overbook.

#include <future>
#include <set>
#include <thread>

#include "matching_fixture.h"

namespace rinnalla::testing {
namespace {

grpc::StatusCode GetClientAs(v1::Directory::Stub& stub, const Caller& caller,
                             const v1::Client& client) {
  v1::GetClientRequest request;
  request.set_name(client.name());
  v1::Client out;
  return stub.GetClient(TestServer::ContextFor(caller).get(), request, &out).error_code();
}

TEST_F(MatchingTest, ReferralSuggestAssignReadEnd) {
  v1::Client client = MustCreateClient("A-path");
  v1::Guide best = MakeGuide("Aino", {v1::MENTAL_HEALTH, v1::DEBT});
  v1::Guide partial = MakeGuide("Eino", {v1::DEBT});
  v1::Guide unrelated = MakeGuide("Helmi", {v1::GAMBLING});
  MakeGuide("Swedish Only", {v1::MENTAL_HEALTH, v1::DEBT}, 4, v1::Guide::ACTIVE, {"398"}, {"sv"});
  MakeGuide("On Break", {v1::MENTAL_HEALTH, v1::DEBT}, 4, v1::Guide::ON_BREAK);
  v1::Referral referral = Refer(client);
  EXPECT_EQ(referral.state(), v1::Referral::OPEN);

  v1::SuggestGuidesResponse suggestions = Suggest(referral);
  ASSERT_EQ(suggestions.suggestions_size(), 3) << "no other language, no guide on a break";
  EXPECT_EQ(suggestions.suggestions(0).guide(), best.name());
  EXPECT_EQ(suggestions.suggestions(1).guide(), partial.name());
  EXPECT_EQ(suggestions.suggestions(2).guide(), unrelated.name());
  EXPECT_GT(suggestions.suggestions(0).score(), suggestions.suggestions(1).score());
  ASSERT_EQ(suggestions.suggestions(0).reasons_size(), 4);
  EXPECT_NE(suggestions.suggestions(0).reasons(0).explanation().find("2 of the client's 2 needs"),
            std::string::npos);

  // Before the assignment the guide cannot read the client.
  EXPECT_EQ(GetClientAs(*stub_, AsGuide(best), client), grpc::StatusCode::PERMISSION_DENIED);
  v1::Assignment assignment;
  ASSERT_TRUE(Assign(referral, best, &assignment).ok());
  EXPECT_EQ(assignment.state(), v1::Assignment::ACTIVE);
  EXPECT_EQ(assignment.client(), client.name());
  EXPECT_EQ(GetClientAs(*stub_, AsGuide(best), client), grpc::StatusCode::OK);
  EXPECT_EQ(GetClientAs(*stub_, AsGuide(partial), client), grpc::StatusCode::PERMISSION_DENIED);

  v1::GetReferralRequest get_referral;
  get_referral.set_name(referral.name());
  v1::Referral matched;
  ASSERT_TRUE(matching_->GetReferral(TestServer::ContextFor(kSocialWorker).get(), get_referral, &matched).ok());
  EXPECT_EQ(matched.state(), v1::Referral::MATCHED);
  v1::GetGuideRequest get_guide;
  get_guide.set_name(best.name());
  v1::Guide guide;
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kCoordinator).get(), get_guide, &guide).ok());
  EXPECT_EQ(guide.active_client_count(), 1);

  // Paused still counts, and the guide keeps access.
  v1::PauseAssignmentRequest pause;
  pause.set_name(assignment.name());
  ASSERT_TRUE(matching_->PauseAssignment(TestServer::ContextFor(kSocialWorker).get(), pause, &assignment).ok());
  EXPECT_EQ(assignment.state(), v1::Assignment::PAUSED);
  EXPECT_EQ(GetClientAs(*stub_, AsGuide(best), client), grpc::StatusCode::OK);
  v1::ResumeAssignmentRequest resume;
  resume.set_name(assignment.name());
  ASSERT_TRUE(matching_->ResumeAssignment(TestServer::ContextFor(kSocialWorker).get(), resume, &assignment).ok());

  v1::EndAssignmentRequest end;
  end.set_name(assignment.name());
  end.set_end_reason(v1::Assignment::GOALS_REACHED);
  end.set_note("Tavoitteet saavutettu yhdessä.");
  end.set_etag(assignment.etag());
  ASSERT_TRUE(matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &assignment).ok());
  EXPECT_EQ(assignment.state(), v1::Assignment::ENDED);
  EXPECT_EQ(assignment.end_reason(), v1::Assignment::GOALS_REACHED);
  EXPECT_GT(assignment.end_time().seconds(), 0);
  // The moment it ends, access ends; the caseload frees up.
  EXPECT_EQ(GetClientAs(*stub_, AsGuide(best), client), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->GetGuide(TestServer::ContextFor(kCoordinator).get(), get_guide, &guide).ok());
  EXPECT_EQ(guide.active_client_count(), 0);
  EXPECT_EQ(Count("events WHERE kind LIKE 'assignment.%'"), 4);
}

TEST_F(MatchingTest, SuggestionsFollowCaseloadsAndGuideChanges) {
  v1::Guide one_place = MakeGuide("Yksi Paikka", {v1::DEBT}, 1);
  v1::Guide resting_soon = MakeGuide("Lomalle", {v1::DEBT});
  v1::Referral referral = Refer(MustCreateClient("A-fresh"));
  ASSERT_EQ(Suggest(referral).suggestions_size(), 2);
  // The guide's only place is taken: no longer suggested.
  v1::Assignment a;
  ASSERT_TRUE(Assign(Refer(MustCreateClient("A-other")), one_place, &a).ok());
  v1::SuggestGuidesResponse after_assign = Suggest(referral);
  ASSERT_EQ(after_assign.suggestions_size(), 1);
  EXPECT_EQ(after_assign.suggestions(0).guide(), resting_soon.name());
  // A guide goes on a break; another joins.
  v1::UpdateGuideRequest update;
  update.mutable_guide()->set_name(resting_soon.name());
  update.mutable_guide()->set_state(v1::Guide::ON_BREAK);
  update.mutable_update_mask()->add_paths("state");
  v1::Guide updated;
  ASSERT_TRUE(stub_->UpdateGuide(TestServer::ContextFor(kCoordinator).get(), update, &updated).ok());
  v1::Guide newcomer = MakeGuide("Uusi", {v1::DEBT});
  v1::SuggestGuidesResponse now = Suggest(referral);
  ASSERT_EQ(now.suggestions_size(), 1);
  EXPECT_EQ(now.suggestions(0).guide(), newcomer.name());
  // The place frees up when the assignment ends.
  v1::EndAssignmentRequest end;
  end.set_name(a.name());
  end.set_end_reason(v1::Assignment::OTHER);
  ASSERT_TRUE(matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &a).ok());
  EXPECT_EQ(Suggest(referral).suggestions_size(), 2);
}

TEST_F(MatchingTest, ContinuityFavoursTheClientsEarlierGuide) {
  v1::Client client = MustCreateClient("A-cont");
  v1::Guide earlier = MakeGuide("Veikko", {v1::DEBT});
  v1::Guide other = MakeGuide("Aada", {v1::DEBT});
  v1::Assignment first;
  ASSERT_TRUE(Assign(Refer(client), earlier, &first).ok());
  v1::EndAssignmentRequest end;
  end.set_name(first.name());
  end.set_end_reason(v1::Assignment::CLIENT_MOVED);
  ASSERT_TRUE(matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &first).ok());
  v1::SuggestGuidesResponse s = Suggest(Refer(client));
  ASSERT_EQ(s.suggestions_size(), 2);
  EXPECT_EQ(s.suggestions(0).guide(), earlier.name()) << "ties would put Aada first";
  EXPECT_EQ(s.suggestions(0).reasons(3).explanation(), "Has guided this client before");
}

TEST_F(MatchingTest, ExcludedGuideIsNeverSuggestedNorAssigned) {
  v1::Client client = MustCreateClient("A-excl");
  v1::Guide knows = MakeGuide("Tuttu", {v1::MENTAL_HEALTH, v1::DEBT});
  v1::Guide other = MakeGuide("Vieras", {v1::DEBT});
  // The guide says "I know this person".
  v1::AddMatchExclusionRequest add;
  add.set_parent(client.name());
  add.mutable_match_exclusion()->set_guide(knows.name());
  add.mutable_match_exclusion()->set_reason("Naapurit");
  v1::MatchExclusion exclusion;
  ASSERT_TRUE(matching_->AddMatchExclusion(TestServer::ContextFor(AsGuide(knows)).get(), add, &exclusion).ok());
  EXPECT_TRUE(exclusion.reason().empty()) << "the reason is for staff";
  // A guide cannot exclude someone else.
  add.mutable_match_exclusion()->set_guide(other.name());
  EXPECT_EQ(matching_->AddMatchExclusion(TestServer::ContextFor(AsGuide(knows)).get(), add, &exclusion).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::Referral referral = Refer(client);
  v1::SuggestGuidesResponse s = Suggest(referral);
  ASSERT_EQ(s.suggestions_size(), 1);
  EXPECT_EQ(s.suggestions(0).guide(), other.name());
  v1::Assignment assignment;
  grpc::Status refused = Assign(referral, knows, &assignment);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(refused), "GUIDE_EXCLUDED");
  EXPECT_EQ(Count("assignments"), 0);

  v1::ListMatchExclusionsRequest list;
  list.set_parent(client.name());
  v1::ListMatchExclusionsResponse listed;
  ASSERT_TRUE(matching_->ListMatchExclusions(TestServer::ContextFor(kCoordinator).get(), list, &listed).ok());
  ASSERT_EQ(listed.match_exclusions_size(), 1);
  EXPECT_EQ(listed.match_exclusions(0).reason(), "Naapurit");
  v1::RemoveMatchExclusionRequest remove;
  remove.set_name(listed.match_exclusions(0).name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(matching_->RemoveMatchExclusion(TestServer::ContextFor(kCoordinator).get(), remove, &empty).ok());
  EXPECT_EQ(Suggest(referral).suggestions_size(), 2);
}

TEST_F(MatchingTest, RefusalsNameTheirReasonAndWriteNothing) {
  v1::Client client = MustCreateClient("A-ref");
  v1::Client other_client = MustCreateClient("A-ref-2");
  v1::Guide resting = MakeGuide("Lepäävä", {v1::DEBT}, 4, v1::Guide::ON_BREAK);
  v1::Guide full = MakeGuide("Täysi", {v1::DEBT}, 1);
  v1::Guide free = MakeGuide("Vapaa", {v1::DEBT}, 3);
  v1::Assignment a;
  ASSERT_TRUE(Assign(Refer(other_client), full, &a).ok());
  v1::Referral referral = Refer(client);

  grpc::Status not_active = Assign(referral, resting, &a);
  EXPECT_EQ(ErrorReason(not_active), "GUIDE_NOT_ACTIVE");
  grpc::Status at_capacity = Assign(referral, full, &a);
  EXPECT_EQ(at_capacity.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(at_capacity), "GUIDE_AT_CAPACITY");
  EXPECT_EQ(Count("assignments"), 1);
  EXPECT_EQ(server_.database().QueryNumber("SELECT active_client_count FROM guides WHERE display_name = 'Täysi'"), 1);

  ASSERT_TRUE(Assign(referral, free, &a).ok());
  // The client now has an open assignment: a second referral cannot be matched.
  grpc::Status already = Assign(Refer(client), free, &a);
  EXPECT_EQ(ErrorReason(already), "CLIENT_ALREADY_ASSIGNED");
  EXPECT_EQ(Count("assignments"), 2);
  EXPECT_EQ(server_.database().QueryNumber("SELECT active_client_count FROM guides WHERE display_name = 'Vapaa'"), 1);

  v1::CancelReferralRequest cancel;
  cancel.set_name(referral.name());
  v1::Referral cancelled;
  EXPECT_EQ(ErrorReason(matching_->CancelReferral(TestServer::ContextFor(kSocialWorker).get(), cancel, &cancelled)),
            "REFERRAL_NOT_OPEN");

  v1::EndAssignmentRequest end;
  end.set_name(a.name());
  grpc::Status no_reason = matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &a);
  EXPECT_TRUE(ViolatedFields(no_reason).contains("end_reason"));
  v1::ResumeAssignmentRequest resume;
  resume.set_name(a.name());
  EXPECT_EQ(ErrorReason(matching_->ResumeAssignment(TestServer::ContextFor(kSocialWorker).get(), resume, &a)),
            "ASSIGNMENT_NOT_PAUSED");
  v1::PauseAssignmentRequest stale;
  stale.set_name(a.name());
  stale.set_etag("999");
  EXPECT_EQ(matching_->PauseAssignment(TestServer::ContextFor(kSocialWorker).get(), stale, &a).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(MatchingTest, ReferralValidationNamesFieldsAndWritesNothing) {
  v1::Client client = MustCreateClient("A-val");
  auto create = [&](std::function<void(v1::CreateReferralRequest&)> spoil) {
    v1::CreateReferralRequest request;
    request.set_parent(kParent);
    request.mutable_referral()->set_client(client.name());
    request.mutable_referral()->add_needs(v1::DEBT);
    request.mutable_referral()->add_languages("fi");
    request.mutable_referral()->set_municipality("398");
    spoil(request);
    v1::Referral out;
    return matching_->CreateReferral(TestServer::ContextFor(kSocialWorker).get(), request, &out);
  };
  EXPECT_TRUE(ViolatedFields(create([](auto& r) { r.mutable_referral()->clear_needs(); })).contains("referral.needs"));
  EXPECT_TRUE(ViolatedFields(create([](auto& r) { r.mutable_referral()->add_needs(static_cast<v1::ExperienceArea>(77)); })).contains("referral.needs[1]"));
  EXPECT_TRUE(ViolatedFields(create([](auto& r) { r.mutable_referral()->clear_languages(); })).contains("referral.languages"));
  EXPECT_TRUE(ViolatedFields(create([](auto& r) { r.mutable_referral()->set_municipality("Lahti"); })).contains("referral.municipality"));
  EXPECT_TRUE(ViolatedFields(create([](auto& r) { r.mutable_referral()->set_note(std::string(4001, 'x')); })).contains("referral.note"));
  EXPECT_TRUE(ViolatedFields(create([](auto& r) { r.mutable_referral()->clear_client(); })).contains("referral.client"));
  EXPECT_TRUE(ViolatedFields(create([](auto& r) {
    r.mutable_referral()->set_client("organizations/helsinki/clients/00000000-0000-4000-8000-000000000000");
  })).contains("referral.client"));
  grpc::Status unknown_ref = create([](auto& r) {
    r.mutable_referral()->clear_client();
    r.mutable_referral()->mutable_external_ref()->set_system("apotti");
    r.mutable_referral()->mutable_external_ref()->set_id("NOPE");
  });
  EXPECT_EQ(unknown_ref.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Count("referrals"), 0);

  // A record system refers by its own id.
  v1::CreateReferralRequest by_ref;
  by_ref.set_parent(kParent);
  by_ref.mutable_referral()->mutable_external_ref()->set_system("apotti");
  by_ref.mutable_referral()->mutable_external_ref()->set_id("A-val");
  by_ref.mutable_referral()->add_needs(v1::HOMELESSNESS);
  by_ref.mutable_referral()->add_languages("fi");
  by_ref.mutable_referral()->set_municipality("398");
  v1::Referral created;
  ASSERT_TRUE(matching_->CreateReferral(TestServer::ContextFor(kIntegration).get(), by_ref, &created).ok());
  EXPECT_EQ(created.client(), client.name());
}

TEST_F(MatchingTest, RetriedAssignGuideReturnsTheSameAssignment) {
  v1::Guide guide = MakeGuide("Toistuva", {v1::DEBT});
  v1::Referral referral = Refer(MustCreateClient("A-retry"));
  v1::Assignment first, second;
  const std::string request_id = "9b2d0f4e-1c3a-4e5b-8f7a-6d5c4b3a2f10";
  ASSERT_TRUE(Assign(referral, guide, &first, request_id).ok());
  ASSERT_TRUE(Assign(referral, guide, &second, request_id).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Count("assignments"), 1);
  EXPECT_EQ(server_.database().QueryNumber("SELECT active_client_count FROM guides"), 1);
}

TEST_F(MatchingTest, SixtyFourRacersOverOneGuideOfThreePlaces) {
  v1::Guide guide = MakeGuide("Kysytty", {v1::DEBT}, 3);
  constexpr int kRacers = 64;
  std::vector<v1::Referral> referrals;
  for (int i = 0; i < kRacers; ++i) referrals.push_back(Refer(MustCreateClient("R" + std::to_string(i))));
  std::vector<grpc::Status> results(kRacers);
  std::vector<std::thread> racers;
  // 64 calls share a pool of 8: each may wait for a connection as long as it needs (the test
  // server's pool waits 60 s), so only the guide's capacity can refuse one.
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      v1::Assignment out;
      results[i] = Assign(referrals[i], guide, &out, "", absl::Seconds(60));
    });
  }
  for (auto& t : racers) t.join();
  int won = 0, full = 0;
  for (const grpc::Status& s : results) {
    won += s.ok();
    full += ErrorReason(s) == "GUIDE_AT_CAPACITY";
    EXPECT_TRUE(s.ok() || ErrorReason(s) == "GUIDE_AT_CAPACITY")
        << s.error_code() << " " << s.error_message();
  }
  EXPECT_EQ(won, 3);
  EXPECT_EQ(full, kRacers - 3);
  EXPECT_EQ(Count("assignments WHERE state IN ('ACTIVE', 'PAUSED')"), 3) << "the database agrees";
  EXPECT_EQ(server_.database().QueryNumber("SELECT active_client_count FROM guides"), 3);
}

TEST_F(MatchingTest, OneClientRacedOntoManyGuidesGetsOne) {
  v1::Client client = MustCreateClient("A-race");
  constexpr int kRacers = 12;
  std::vector<v1::Guide> guides;
  std::vector<v1::Referral> referrals;
  for (int i = 0; i < kRacers; ++i) {
    guides.push_back(MakeGuide("Ohjaaja " + std::to_string(i), {v1::DEBT}));
    referrals.push_back(Refer(client));  // several referrals of one client, raced at once
  }
  std::vector<grpc::Status> results(kRacers);
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      v1::Assignment out;
      results[i] = Assign(referrals[i], guides[i], &out);
    });
  }
  for (auto& t : racers) t.join();
  int won = 0, already = 0;
  for (const grpc::Status& s : results) {
    won += s.ok();
    already += ErrorReason(s) == "CLIENT_ALREADY_ASSIGNED";
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(already, kRacers - 1);
  EXPECT_EQ(Count("assignments"), 1);
  EXPECT_EQ(server_.database().QueryNumber("SELECT sum(active_client_count) FROM guides"), 1)
      << "no guide's caseload counts a lost race";
}

TEST_F(MatchingTest, GuidesSeeOnlyTheirOwnAssignments) {
  v1::Guide mine = MakeGuide("Oma", {v1::DEBT});
  v1::Guide theirs = MakeGuide("Toisen", {v1::DEBT});
  v1::Assignment a, b;
  ASSERT_TRUE(Assign(Refer(MustCreateClient("A-own-1")), mine, &a).ok());
  ASSERT_TRUE(Assign(Refer(MustCreateClient("A-own-2")), theirs, &b).ok());
  v1::GetAssignmentRequest get;
  get.set_name(a.name());
  v1::Assignment out;
  EXPECT_TRUE(matching_->GetAssignment(TestServer::ContextFor(AsGuide(mine)).get(), get, &out).ok());
  get.set_name(b.name());
  grpc::Status other = matching_->GetAssignment(TestServer::ContextFor(AsGuide(mine)).get(), get, &out);
  get.set_name(kParent + "/assignments/00000000-0000-4000-8000-000000000009");
  grpc::Status missing = matching_->GetAssignment(TestServer::ContextFor(AsGuide(mine)).get(), get, &out);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(missing.error_message(), other.error_message());

  v1::ListAssignmentsRequest list;
  list.set_parent(kParent);
  list.set_filter("guide = \"" + mine.name() + "\"");
  v1::ListAssignmentsResponse listed;
  ASSERT_TRUE(matching_->ListAssignments(TestServer::ContextFor(AsGuide(mine)).get(), list, &listed).ok());
  ASSERT_EQ(listed.assignments_size(), 1);
  list.set_filter("state = ACTIVE");
  EXPECT_EQ(matching_->ListAssignments(TestServer::ContextFor(AsGuide(mine)).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(matching_->ListAssignments(TestServer::ContextFor(kSocialWorker).get(), list, &listed).ok());
  EXPECT_EQ(listed.assignments_size(), 2);
}

}  // namespace
}  // namespace rinnalla::testing
