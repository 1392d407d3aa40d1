// `rinnalla demo-data`: fills one organization with a realistic, fictional pool of guides and
// clients, through the storage layer (so every rule and the access log apply), and with
// `--visits N` a year of their guidances (storage/past_guidance.h) with N visits in all. The
// people are the same for a seed; a second run on the same organization adds nothing.

#include <iostream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "demo_history.h"
#include "demo_picker.h"
#include "resource_names.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/past_guidance.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::tools {
namespace {

const std::vector<std::string> kFirstNames = {
    "Aino",  "Eino",   "Helmi", "Väinö",  "Kerttu", "Onni",  "Siiri", "Toivo", "Aada",  "Leevi",
    "Lyyli", "Veikko", "Iida",  "Jari",   "Sanna",  "Mikko", "Hanna", "Petri", "Laura", "Timo",
    "Amina", "Abdi",   "Olga",  "Dmitri", "Fatima", "Kaisa", "Jussi", "Minna", "Ville", "Satu"};
const std::vector<std::string> kSurnames = {
    "Virtanen", "Korhonen",  "Mäkinen",  "Nieminen", "Mäkelä",   "Hämäläinen",
    "Laine",    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen",
    "Saarinen", "Salminen",  "Heinonen", "Niemi",    "Heikkilä", "Kinnunen",
    "Salonen",  "Turunen",   "Hassan",   "Ivanova",  "Tamm"};
const std::vector<std::string> kAreas = {"SUBSTANCE_USE",          "OPIOID_SUBSTITUTION_TREATMENT",
                                         "MENTAL_HEALTH",          "HOMELESSNESS",
                                         "LONG_TERM_UNEMPLOYMENT", "IMMIGRATION",
                                         "CRIMINAL_SANCTIONS",     "DEBT",
                                         "DOMESTIC_VIOLENCE",      "FAMILY_AND_PARENTING",
                                         "CHRONIC_ILLNESS",        "GAMBLING"};
// Päijät-Häme's municipalities, Lahti most often; some Helsinki.
const std::vector<std::string> kMunicipalities = {"398", "398", "398", "111", "098", "016",
                                                  "081", "316", "560", "576", "781", "091"};
// Mostly Finnish; Swedish, English, Russian, Somali, Arabic and Estonian too.
const std::vector<std::string> kLanguages = {"fi", "fi", "fi", "fi", "fi", "sv",
                                             "en", "ru", "so", "ar", "et"};

std::string Name(Picker& pick) { return pick.One(kFirstNames) + " " + pick.One(kSurnames); }

storage::GuideRecord DemoGuide(Picker& pick, const std::string& org) {
  storage::GuideRecord g;
  g.org_id = org;
  g.id = NewUuid();
  g.display_name = Name(pick);
  g.experience_areas = pick.Some(kAreas, pick.Between(1, 3));
  g.languages = {"fi"};
  if (pick.Between(0, 3) == 0) g.languages.push_back(pick.One(kLanguages));
  if (g.languages.back() == "fi" && g.languages.size() == 2) g.languages.pop_back();
  g.municipalities = pick.Some(kMunicipalities, pick.Between(1, 3));
  g.max_active_clients = pick.Between(2, 8);
  int state = pick.Between(0, 9);
  g.state = state < 7 ? "ACTIVE" : state < 9 ? "IN_TRAINING" : "ON_BREAK";
  return g;
}

storage::ClientRecord DemoClient(Picker& pick, const std::string& org, int n) {
  storage::ClientRecord c;
  c.org_id = org;
  c.id = NewUuid();
  c.display_name = Name(pick);
  bool apotti = pick.Between(0, 3) != 0;
  c.external_refs = {
      {apotti ? "apotti" : "lifecare", absl::StrFormat("%s%06d", apotti ? "A" : "L", 100000 + n)}};
  c.birth_year = pick.Between(1960, 2004);
  c.municipality = pick.One(kMunicipalities);
  c.languages = {pick.One(kLanguages)};
  c.state = "ACTIVE";
  return c;
}

int Failed(const absl::Status& status) {
  std::cerr << "rinnalla demo-data: " << status.message() << "\n";
  return 1;
}

// A year of guidances among the guides and clients, with `visits` visits, in batches.
absl::Status AddDemoYear(storage::Database& db, const storage::CallScope& tool, Picker& pick,
                         const std::vector<storage::GuideRecord>& guides,
                         const std::vector<storage::ClientRecord>& clients, int visits) {
  const absl::Time began = absl::Now();
  std::vector<storage::PastGuidance> year = DemoYear(pick, guides, clients, visits, began);
  // A few hundred guidances per transaction keeps each statement's parameters a few MB.
  constexpr size_t kBatch = 250;
  int ended = 0;
  for (size_t from = 0; from < year.size(); from += kBatch) {
    std::vector<storage::PastGuidance> batch(year.begin() + from,
                                             year.begin() + std::min(year.size(), from + kBatch));
    for (const storage::PastGuidance& g : batch) ended += g.end ? 1 : 0;
    RETURN_IF_ERROR(storage::WritePastGuidances(db, tool, "users/sosiaalityontekija", batch));
  }
  std::cout << "added a year of " << year.size() << " guidances (" << ended << " ended) with "
            << visits << " visits in "
            << absl::StrFormat("%.1f", absl::ToDoubleSeconds(absl::Now() - began)) << " s\n";
  return absl::OkStatus();
}

}  // namespace

int RunDemoData(const CommandOptions& options) {
  if (!IsOrganizationId(options.org) || options.guides < 0 || options.clients < 0) {
    std::cerr << "rinnalla demo-data: --org must be an organization id and counts not negative\n";
    return 2;
  }
  auto db = storage::Database::Connect({.connection_string = options.database, .pool_size = 1});
  if (!db.ok()) {
    std::cerr << "rinnalla demo-data: " << db.status().message() << "\n";
    return 1;
  }
  auto repository = storage::MakePgDirectoryRepository(**db);
  // Demo clients are created by the tool, and the access log says so.
  const storage::CallScope tool{
      {options.org, "tools/demo-data", "coordinator", "rinnalla demo-data", NewUuid()}};
  auto existing = repository->ListGuides(tool, options.org, {}, {.page_size = 1});
  if (!existing.ok()) {
    std::cerr << "rinnalla demo-data: " << existing.status().message() << "\n";
    return 1;
  }
  if (!existing->items.empty()) {
    std::cout << "organization " << options.org << " already has guides; nothing added\n";
    return 0;
  }
  auto no_response = [](const auto&) { return std::string(); };
  Picker pick(options.seed);
  std::vector<storage::GuideRecord> guides;
  std::vector<storage::ClientRecord> clients;
  for (int i = 0; i < options.guides; ++i) {
    guides.push_back(DemoGuide(pick, options.org));
    auto created = repository->CreateGuide(tool, guides.back(), std::nullopt, no_response);
    if (!created.ok()) return Failed(created.status());
  }
  for (int i = 0; i < options.clients; ++i) {
    clients.push_back(DemoClient(pick, options.org, i));
    auto created = repository->CreateClient(tool, clients.back(), std::nullopt, no_response);
    if (!created.ok()) return Failed(created.status());
  }
  std::cout << "added " << options.guides << " guides and " << options.clients
            << " clients to organization " << options.org << "\n";
  if (options.visits > 0) {
    absl::Status year = AddDemoYear(**db, tool, pick, guides, clients, options.visits);
    if (!year.ok()) return Failed(year);
  }
  absl::Status analyzed = storage::RefreshStatistics(**db, tool);
  return analyzed.ok() ? 0 : Failed(analyzed);
}

}  // namespace rinnalla::tools
