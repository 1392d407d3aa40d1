#include "demo_history.h"

#include <algorithm>
#include <map>

#include "resource_names.h"

namespace rinnalla::tools {
namespace {

struct GoalIdea {
  std::string title;
  std::string area;
  std::vector<std::string> levels;
};

const std::vector<GoalIdea> kGoalIdeas = {
    {"Käyn vertaisryhmässä",
     "MENTAL_HEALTH",
     {"En käy lainkaan", "Käyn kerran", "Käyn kahdesti kuussa", "Käyn viikoittain",
      "Ohjaan itse ryhmää"}},
    {"Hoidan Kela-asiat",
     "LONG_TERM_UNEMPLOYMENT",
     {"Ei hakemuksia", "Yksi hakemus", "Hakemukset vireillä", "Päätökset saatu",
      "Hoidan itse kaiken"}},
    {"Löydän oman asunnon",
     "HOMELESSNESS",
     {"Ei hakemusta", "Hakemus tehty", "Asuntonäyttö käyty", "Vuokrasopimus tehty",
      "Asun omassa kodissa"}},
    {"Pysyn päihteettömänä",
     "SUBSTANCE_USE",
     {"Käytän joka päivä", "Käytän viikoittain", "Käytän harvoin", "Kuukausi ilman",
      "Kolme kuukautta ilman"}},
    {"Teen velkojen maksusuunnitelman",
     "DEBT",
     {"En avaa kirjeitä", "Avaan kirjeet", "Kävin talousneuvonnassa", "Suunnitelma tehty",
      "Maksan suunnitelman mukaan"}},
    {"Käyn hoitotapaamisissa",
     "CHRONIC_ILLNESS",
     {"En käy", "Käyn joskus", "Käyn puolissa", "Käyn melkein kaikissa", "Käyn kaikissa"}},
    {"Haen töitä tai koulutusta",
     "LONG_TERM_UNEMPLOYMENT",
     {"En hae", "Selvitän vaihtoehtoja", "Yksi hakemus", "Useita hakemuksia",
      "Aloitan työn tai koulun"}}};

const std::vector<std::string> kEndReasons = {
    "GOALS_REACHED",   "GOALS_REACHED", "GOALS_REACHED",
    "GOALS_REACHED",   "GOALS_REACHED", "CLIENT_DECLINED",
    "CLIENT_DECLINED", "CLIENT_MOVED",  "GUIDE_UNAVAILABLE",
    "REMATCH",         "OTHER"};
const std::vector<std::string> kOfficePlaces = {"EMPLOYMENT_SERVICES",
                                                "KELA",
                                                "KELA",
                                                "HEALTH_CENTRE",
                                                "MENTAL_HEALTH_SERVICES",
                                                "HOUSING",
                                                "SOCIAL_SERVICES",
                                                "EDUCATION",
                                                "SUBSTANCE_ABUSE_SERVICES",
                                                "NGO_OR_PEER_GROUP"};
const std::vector<std::string> kAppointments = {"KEPT",   "KEPT",        "KEPT",   "KEPT",
                                                "KEPT",   "KEPT",        "KEPT",   "MISSED",
                                                "MISSED", "RESCHEDULED", "WALK_IN"};
const std::vector<std::string> kSummaries = {
    "Kävimme yhdessä asioimassa.", "Juttelimme viikon kuulumiset.", "Suunnittelimme ensi viikkoa.",
    "Kävelimme ja puhuimme tavoitteista.", "Täytimme hakemuksen yhdessä."};
const std::vector<std::string> kNoteTexts = {
    "Eteenpäin mennään pienin askelin.", "Hyvä viikko, asiakas teki paljon itse.",
    "Vaikeampi jakso, pidämme tiiviimmin yhteyttä.", "Tavoitteet tuntuvat nyt omilta."};
const std::vector<int> kDurations = {30, 45, 45, 60, 60, 60, 90, 120};

// The final state of a goal of a guidance that ended for `reason`.
std::string FinalState(Picker& pick, const std::string& reason) {
  if (reason == "GOALS_REACHED") return pick.Chance(85) ? "ACHIEVED" : "NOT_ACHIEVED";
  if (reason == "CLIENT_DECLINED" || reason == "OTHER") {
    return pick.Chance(50) ? "DROPPED" : "NOT_ACHIEVED";
  }
  return pick.Chance(30) ? "ACHIEVED" : pick.Chance(50) ? "NOT_ACHIEVED" : "DROPPED";
}

// The score a rater gives at `progress` (0..1) of a guidance heading for `final_state`.
int ScoreAt(Picker& pick, double progress, const std::string& final_state) {
  const double target = final_state == "ACHIEVED" ? 1.2 : final_state == "NOT_ACHIEVED" ? -0.6 : 0;
  const double score = -1.5 + progress * (target + 1.5) + pick.Between(-1, 1) * 0.6;
  return std::clamp(static_cast<int>(std::lround(score)), -2, 2);
}

absl::Time Within(Picker& pick, absl::Time from, absl::Time until) {
  const int64_t span = std::max<int64_t>(1, absl::ToInt64Minutes(until - from));
  const int minute = pick.Between(0, static_cast<int>(std::min<int64_t>(span, 1 << 30)));
  return from + absl::Minutes(minute);
}

bool SharesLanguage(const storage::GuideRecord& g, const storage::ClientRecord& c) {
  for (const std::string& l : c.languages) {
    if (std::find(g.languages.begin(), g.languages.end(), l) != g.languages.end()) return true;
  }
  return false;
}

}  // namespace

std::vector<storage::PastGuidance> DemoYear(Picker& pick,
                                            const std::vector<storage::GuideRecord>& guides,
                                            const std::vector<storage::ClientRecord>& clients,
                                            int visits, absl::Time now) {
  std::vector<const storage::GuideRecord*> working;
  for (const storage::GuideRecord& g : guides) {
    if (g.state != "IN_TRAINING" && g.state != "INACTIVE") working.push_back(&g);
  }
  std::vector<storage::PastGuidance> out;
  if (working.empty()) return out;
  std::map<std::string, int> open;  // a guide's open guidances
  const absl::Time year_ago = now - absl::Hours(24 * 365);
  for (const storage::ClientRecord& c : clients) {
    if (!pick.Chance(85)) continue;  // not (yet) guided
    storage::PastGuidance g;
    g.client_id = c.id;
    g.referral_id = NewUuid();
    g.assignment_id = NewUuid();
    g.initial_meeting = NewUuid();
    g.languages = c.languages;
    g.municipality = c.municipality.value_or("398");
    g.start = Within(pick, year_ago, now - absl::Hours(24 * 14));
    const absl::Time planned_end = g.start + absl::Hours(24 * pick.Between(30, 300));
    // A guide who shares the client's language, when one can be found in a few tries.
    const storage::GuideRecord* guide = working[pick.Between(0, working.size() - 1)];
    for (int tries = 0; tries < 8 && !SharesLanguage(*guide, c); ++tries) {
      guide = working[pick.Between(0, working.size() - 1)];
    }
    bool ends = planned_end < now - absl::Hours(24);
    if (!ends) {
      // Still open: with a guide who has room, or else it ended already.
      const storage::GuideRecord* with_room = nullptr;
      for (size_t k = 0; k < working.size() && !with_room; ++k) {
        const storage::GuideRecord* candidate =
            k == 0 ? guide : working[pick.Between(0, working.size() - 1)];
        if (open[candidate->id] < candidate->max_active_clients) with_room = candidate;
      }
      if (with_room) {
        guide = with_room;
        ++open[guide->id];
      } else {
        ends = true;
      }
    }
    g.guide_id = guide->id;
    g.needs = {};
    const GoalIdea& first = pick.One(kGoalIdeas);
    const GoalIdea* second = &pick.One(kGoalIdeas);
    while (second->title == first.title) second = &pick.One(kGoalIdeas);
    g.needs = {first.area};
    if (second->area != first.area) g.needs.push_back(second->area);
    if (ends) {
      g.end = std::min(planned_end, now - absl::Hours(24 * pick.Between(1, 7)));
      if (*g.end <= g.start) g.end = g.start + absl::Hours(24 * 7);
      g.end_reason = pick.One(kEndReasons);
      g.closing_meeting = NewUuid();
    }
    for (const GoalIdea* idea : {&first, second}) {
      g.goals.push_back({NewUuid(), idea->title, idea->area, idea->levels,
                         ends ? FinalState(pick, g.end_reason) : "AGREED"});
    }
    const absl::Time until = g.end.value_or(now - absl::Hours(1));
    const int days = std::max<int>(1, absl::ToInt64Hours(until - g.start) / 24);
    for (int n = 1, notes = std::max(1, days / 21); n <= notes; ++n) {
      storage::PastNote note{
          NewUuid(), g.start + (until - g.start) * n / (notes + 1), pick.One(kNoteTexts), {}, {}};
      const double progress = static_cast<double>(n) / notes;
      for (const storage::PastGoal& goal : g.goals) {
        const std::string heading = goal.state == "AGREED" ? "ACHIEVED" : goal.state;
        note.guide_scores.push_back(ScoreAt(pick, progress * (ends ? 1 : 0.7), heading));
        note.client_scores.push_back(ScoreAt(pick, progress * (ends ? 1 : 0.7), heading));
      }
      g.notes.push_back(std::move(note));
    }
    out.push_back(std::move(g));
  }
  // Visits in proportion to each guidance's length, `visits` in all.
  std::vector<double> lengths;
  double total_days = 0;
  for (const storage::PastGuidance& g : out) {
    lengths.push_back(absl::ToDoubleHours(g.end.value_or(now) - g.start) / 24);
    total_days += lengths.back();
  }
  int placed = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    storage::PastGuidance& g = out[k];
    const int n = k + 1 == out.size()
                      ? visits - placed
                      : static_cast<int>(std::lround(visits * lengths[k] / total_days));
    const absl::Time until = g.end.value_or(now - absl::Hours(1));
    for (int i = 0; i < n && placed < visits; ++i, ++placed) {
      storage::PastVisit v;
      v.id = NewUuid();
      v.start = Within(pick, g.start, until - absl::Hours(2));
      if (v.start < g.start) v.start = g.start;
      v.duration_minutes = pick.One(kDurations);
      const int mode = pick.Between(1, 100);
      v.mode = mode <= 45   ? "IN_PERSON"
               : mode <= 65 ? "PHONE"
               : mode <= 70 ? "VIDEO"
                            : "ACCOMPANIED";
      if (v.mode == "ACCOMPANIED") {
        v.places = pick.Some(kOfficePlaces, pick.Between(1, 2));
        v.appointment = pick.One(kAppointments);
      } else if (v.mode == "IN_PERSON") {
        v.places = {pick.Chance(60) ? "PUBLIC_PLACE" : "CLIENT_HOME"};
      }
      v.summary = pick.One(kSummaries);
      v.goal = pick.Between(0, 1);
      g.visits.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace rinnalla::tools
