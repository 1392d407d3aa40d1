#ifndef RINNALLA_TESTS_E2E_MATCHING_FIXTURE_H_
#define RINNALLA_TESTS_E2E_MATCHING_FIXTURE_H_

#include "directory_fixture.h"
#include "rinnalla/v1/matching.grpc.pb.h"

namespace rinnalla::testing {

class MatchingTest : public DirectoryTest {
 protected:
  v1::Guide MakeGuide(const std::string& name, std::vector<v1::ExperienceArea> areas,
                      int capacity = 4, v1::Guide::State state = v1::Guide::ACTIVE,
                      std::vector<std::string> municipalities = {"398"},
                      std::vector<std::string> languages = {"fi"}) {
    v1::CreateGuideRequest request;
    request.set_parent(kParent);
    v1::Guide* g = request.mutable_guide();
    g->set_display_name(name);
    for (auto area : areas) g->add_experience_areas(area);
    for (const auto& l : languages) g->add_languages(l);
    for (const auto& m : municipalities) g->add_municipalities(m);
    g->set_max_active_clients(capacity);
    g->set_state(state);
    v1::Guide out;
    grpc::Status status = CreateGuide(kCoordinator, request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  v1::Referral Refer(const v1::Client& client,
                     std::vector<v1::ExperienceArea> needs = {v1::MENTAL_HEALTH, v1::DEBT}) {
    v1::CreateReferralRequest request;
    request.set_parent(kParent);
    request.mutable_referral()->set_client(client.name());
    for (auto need : needs) request.mutable_referral()->add_needs(need);
    request.mutable_referral()->add_languages("fi");
    request.mutable_referral()->set_municipality("398");
    v1::Referral out;
    grpc::Status status =
        matching_->CreateReferral(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  grpc::Status Assign(const v1::Referral& referral, const v1::Guide& guide, v1::Assignment* out,
                      const std::string& request_id = "",
                      absl::Duration deadline = absl::Seconds(10)) {
    v1::AssignGuideRequest request;
    request.set_referral(referral.name());
    request.set_guide(guide.name());
    request.set_request_id(request_id);
    return matching_->AssignGuide(TestServer::ContextFor(kSocialWorker, deadline).get(), request,
                                  out);
  }

  v1::SuggestGuidesResponse Suggest(const v1::Referral& referral, int max_results = 10) {
    v1::SuggestGuidesRequest request;
    request.set_referral(referral.name());
    request.set_max_results(max_results);
    v1::SuggestGuidesResponse out;
    grpc::Status status =
        matching_->SuggestGuides(TestServer::ContextFor(kSocialWorker).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  static Caller AsGuide(const v1::Guide& guide) { return {"paijat-hame", "guide", guide.name()}; }

  std::unique_ptr<v1::Matching::Stub> matching_ = v1::Matching::NewStub(server_.channel());
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_MATCHING_FIXTURE_H_
