#include "scoring.h"

#include <gtest/gtest.h>

#include <deque>

#include "mapping.h"

namespace rinnalla::matching {
namespace {

storage::ReferralRecord Referral() {
  storage::ReferralRecord r;
  r.needs = {"MENTAL_HEALTH", "DEBT"};
  r.languages = {"fi"};
  r.municipality = "398";
  return r;
}

// Sets a candidate's areas and municipalities as storage reports them for Referral().
void Give(storage::GuideCandidate& g, std::vector<std::string> areas,
          std::vector<std::string> municipalities = {}) {
  g.experience_mask = storage::ExperienceMask(areas);
  g.works_in_municipality =
      std::find(municipalities.begin(), municipalities.end(), "398") != municipalities.end();
}

// Candidates view their names, which the guide pool owns; the tests' names are kept here.
std::string_view Kept(std::string text) {
  static std::deque<std::string> kept;
  return kept.emplace_back(std::move(text));
}

storage::GuideCandidate Guide(const std::string& name) {
  storage::GuideCandidate g;
  g.id = Kept("id-" + name);
  g.display_name = Kept(name);
  g.max_active_clients = 4;
  return g;
}

double ScoreOf(const storage::GuideCandidate& g) {
  return RankGuides(Referral(), {g}, {}, 1).at(0).score;
}

TEST(Scoring, EachNeedCoveredAddsItsShareOfTheNeedsWeight) {
  storage::GuideCandidate none = Guide("A"), one = Guide("B"), both = Guide("C");
  Give(one, {"DEBT"});
  Give(both, {"DEBT", "MENTAL_HEALTH", "GAMBLING"});
  EXPECT_DOUBLE_EQ(ScoreOf(one) - ScoreOf(none), 30);
  EXPECT_DOUBLE_EQ(ScoreOf(both) - ScoreOf(none), 60);
}

TEST(Scoring, MunicipalityCaseloadAndContinuityMoveTheScoreAsDocumented) {
  storage::GuideCandidate base = Guide("A");
  base.active_client_count = 4 - 1;  // one free place of four
  storage::GuideCandidate local = base;
  Give(local, {}, {"111", "398"});
  EXPECT_DOUBLE_EQ(ScoreOf(local) - ScoreOf(base), 20);

  storage::GuideCandidate empty_caseload = base;
  empty_caseload.active_client_count = 0;
  EXPECT_DOUBLE_EQ(ScoreOf(empty_caseload) - ScoreOf(base), 10 * 3.0 / 4);

  storage::GuideCandidate known = base;
  known.guided_client_before = true;
  EXPECT_DOUBLE_EQ(ScoreOf(known) - ScoreOf(base), 10);
}

TEST(Scoring, NeedsDominate) {
  // Full coverage elsewhere beats a local guide with an empty caseload who knew the client but
  // shares no lived experience.
  storage::GuideCandidate experienced = Guide("Experienced");
  Give(experienced, {"MENTAL_HEALTH", "DEBT"});
  experienced.active_client_count = 3;
  storage::GuideCandidate near = Guide("Near");
  Give(near, {}, {"398"});
  near.guided_client_before = true;
  auto ranked = RankGuides(Referral(), {near, experienced}, {}, 2);
  EXPECT_EQ(ranked.at(0).display_name, "Experienced");
}

TEST(Scoring, EveryCriterionExplainsItself) {
  storage::GuideCandidate g = Guide("Aino");
  Give(g, {"DEBT"}, {"398"});
  g.active_client_count = 1;
  Suggestion s = RankGuides(Referral(), {g}, {}, 1).at(0);
  ASSERT_EQ(s.reasons.size(), 4u);
  double sum = 0;
  for (const Reason& r : s.reasons) {
    EXPECT_FALSE(r.explanation.empty()) << r.criterion;
    sum += r.contribution;
  }
  EXPECT_DOUBLE_EQ(sum, s.score);
  EXPECT_EQ(s.reasons[0].criterion, "NEEDS");
  EXPECT_EQ(s.reasons[0].explanation, "Lived experience of 1 of the client's 2 needs: debt");
  EXPECT_EQ(s.reasons[1].explanation, "Works in the client's municipality (398)");
  EXPECT_EQ(s.reasons[2].explanation, "Room for 3 more (1 of 4 places taken)");
  EXPECT_EQ(s.reasons[3].explanation, "Has not guided this client before");
}

TEST(Scoring, EveryReasonCarriesItsFactsForTheAppToWord) {
  storage::GuideCandidate g = Guide("Aino");
  Give(g, {"DEBT"});
  g.active_client_count = 1;
  g.guided_client_before = true;
  v1::GuideSuggestion s = ToProto("paijat-hame", RankGuides(Referral(), {g}, {}, 1).at(0));
  ASSERT_EQ(s.reasons_size(), 4);
  const v1::SuggestionReason::Needs& needs = s.reasons(0).needs();
  ASSERT_EQ(needs.needs_size(), 2);
  EXPECT_EQ(needs.needs(0), v1::MENTAL_HEALTH);
  EXPECT_EQ(needs.needs(1), v1::DEBT);
  ASSERT_EQ(needs.covered_size(), 1);
  EXPECT_EQ(needs.covered(0), v1::DEBT);
  EXPECT_EQ(s.reasons(1).municipality().municipality(), "398");
  EXPECT_FALSE(s.reasons(1).municipality().guide_works_there());
  EXPECT_EQ(s.reasons(2).caseload().places_taken(), 1);
  EXPECT_EQ(s.reasons(2).caseload().places_free(), 3);
  EXPECT_EQ(s.reasons(2).caseload().max_active_clients(), 4);
  EXPECT_TRUE(s.reasons(3).continuity().guided_before());
  EXPECT_EQ(s.reasons(3).facts_case(), v1::SuggestionReason::kContinuity);
  EXPECT_EQ(s.reasons(3).explanation(), "Has guided this client before") << "English stays";
}

TEST(Scoring, TiesAreBrokenByNameThenIdAndOrderIsStable) {
  std::vector<storage::GuideCandidate> guides = {Guide("Ville"), Guide("Aino"), Guide("Minna")};
  storage::GuideCandidate twin = Guide("Aino");
  twin.id = "id-Aino-2";
  guides.push_back(twin);
  auto ranked = RankGuides(Referral(), guides, {}, 10);
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].guide_id, "id-Aino");
  EXPECT_EQ(ranked[1].guide_id, "id-Aino-2");
  EXPECT_EQ(ranked[2].display_name, "Minna");
  EXPECT_EQ(ranked[3].display_name, "Ville");
  std::reverse(guides.begin(), guides.end());
  auto again = RankGuides(Referral(), guides, {}, 10);
  for (size_t i = 0; i < ranked.size(); ++i) EXPECT_EQ(again[i].guide_id, ranked[i].guide_id);
}

TEST(Scoring, WeightsAreConfiguration) {
  storage::GuideCandidate local = Guide("Local");
  Give(local, {}, {"398"});
  storage::GuideCandidate experienced = Guide("Experienced");
  Give(experienced, {"DEBT"});
  ScoringWeights place_first{.needs = 10, .municipality = 50, .caseload = 0, .continuity = 0};
  EXPECT_EQ(RankGuides(Referral(), {experienced, local}, place_first, 1).at(0).display_name,
            "Local");
  EXPECT_EQ(RankGuides(Referral(), {experienced, local}, {}, 1).at(0).display_name, "Experienced");
}

TEST(Scoring, MaxResultsBoundsTheList) {
  std::vector<storage::GuideCandidate> guides;
  for (int i = 0; i < 30; ++i) guides.push_back(Guide("G" + std::to_string(100 + i)));
  EXPECT_EQ(RankGuides(Referral(), guides, {}, 5).size(), 5u);
  EXPECT_EQ(RankGuides(Referral(), {}, {}, 5).size(), 0u);
}

}  // namespace
}  // namespace rinnalla::matching
