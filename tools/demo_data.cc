// `rinnalla demo-data`: fills one organization with a realistic, fictional pool of guides and
// clients, through the storage layer (so every rule and the access log apply). Deterministic for
// a seed; a second run on the same organization adds nothing.

#include <iostream>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "resource_names.h"
#include "rinnalla/storage/directory_repository.h"

namespace rinnalla::tools {
namespace {

const std::vector<std::string> kFirstNames = {
    "Aino", "Eino", "Helmi", "Väinö", "Kerttu", "Onni", "Siiri", "Toivo", "Aada", "Leevi",
    "Lyyli", "Veikko", "Iida", "Jari", "Sanna", "Mikko", "Hanna", "Petri", "Laura", "Timo",
    "Amina", "Abdi", "Olga", "Dmitri", "Fatima", "Kaisa", "Jussi", "Minna", "Ville", "Satu"};
const std::vector<std::string> kSurnames = {
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
    "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Hassan", "Ivanova", "Tamm"};
const std::vector<std::string> kAreas = {
    "SUBSTANCE_USE", "OPIOID_SUBSTITUTION_TREATMENT", "MENTAL_HEALTH", "HOMELESSNESS",
    "LONG_TERM_UNEMPLOYMENT", "IMMIGRATION", "CRIMINAL_SANCTIONS", "DEBT", "DOMESTIC_VIOLENCE",
    "FAMILY_AND_PARENTING", "CHRONIC_ILLNESS", "GAMBLING"};
// Päijät-Häme's municipalities, Lahti most often; some Helsinki.
const std::vector<std::string> kMunicipalities = {"398", "398", "398", "111", "098", "016",
                                                  "081", "316", "560", "576", "781", "091"};
// Mostly Finnish; Swedish, English, Russian, Somali, Arabic and Estonian too.
const std::vector<std::string> kLanguages = {"fi", "fi", "fi", "fi", "fi", "sv",
                                             "en", "ru", "so", "ar", "et"};

class Picker {
 public:
  explicit Picker(int seed) : random_(seed) {}
  template <typename T>
  const T& One(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random_)];
  }
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  // Up to `n` different items.
  std::vector<std::string> Some(const std::vector<std::string>& from, int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
      const std::string& item = One(from);
      if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
    return out;
  }
  std::string Name() { return One(kFirstNames) + " " + One(kSurnames); }

 private:
  std::mt19937 random_;
};

storage::GuideRecord DemoGuide(Picker& pick, const std::string& org) {
  storage::GuideRecord g;
  g.org_id = org;
  g.id = NewUuid();
  g.display_name = pick.Name();
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
  c.display_name = pick.Name();
  bool apotti = pick.Between(0, 3) != 0;
  c.external_refs = {{apotti ? "apotti" : "lifecare",
                      absl::StrFormat("%s%06d", apotti ? "A" : "L", 100000 + n)}};
  c.birth_year = pick.Between(1960, 2004);
  c.municipality = pick.One(kMunicipalities);
  c.languages = {pick.One(kLanguages)};
  c.state = "ACTIVE";
  return c;
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
  for (int i = 0; i < options.guides; ++i) {
    auto created =
        repository->CreateGuide(tool, DemoGuide(pick, options.org), std::nullopt, no_response);
    if (!created.ok()) {
      std::cerr << "rinnalla demo-data: " << created.status().message() << "\n";
      return 1;
    }
  }
  for (int i = 0; i < options.clients; ++i) {
    auto created = repository->CreateClient(tool, DemoClient(pick, options.org, i), std::nullopt,
                                            no_response);
    if (!created.ok()) {
      std::cerr << "rinnalla demo-data: " << created.status().message() << "\n";
      return 1;
    }
  }
  std::cout << "added " << options.guides << " guides and " << options.clients
            << " clients to organization " << options.org << "\n";
  return 0;
}

}  // namespace rinnalla::tools
