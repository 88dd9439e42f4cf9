#include "planted.hpp"

#include <algorithm>
#include <cmath>

#include "background.hpp"
#include "grappe/common/error.hpp"
#include "grappe/demo/siret.hpp"
#include "grappe/register/trade.hpp"

namespace grappe::demo {
namespace {

enum Purpose : std::uint64_t { kPlanted = 10, kPlantedPersons = 11, kPlantedNames = 12 };

struct ClusterSpec {
  const char* id;
  const char* trade;               // id in data/trades.json
  const char* home;                // INSEE commune code of the centre
  double radius_m;
  int root_year;
  const char* root_naf;            // the pioneer's code (boiler-making for shop fitting)
  std::vector<std::string> member_codes;  // codes given to the descendants (weighted by repeats)
  int descendants;                 // firms descending from the pioneer
  int independents;                // firms of the trade in the cluster with no known origin
  std::vector<std::string> name_patterns;  // "{}" replaced by a surname
  double unnamed_share = 0;                // share of firms whose name says nothing of the trade
};

// Names that say nothing of a trade (words that the background's names use too, or stop words).
const std::vector<std::string>& plain_patterns() {
  static const std::vector<std::string> p = {"{} ET FILS", "ATELIERS {}", "ETS {}",
                                             "{} SARL",    "{} FRERES",   "{} ET ASSOCIES"};
  return p;
}

const std::vector<ClusterSpec>& specs() {
  static const std::vector<ClusterSpec> s = {
      {"shop-fitting-romorantin",
       "shop-fitting",
       "41194",
       12'000,
       1962,
       "25.29Z",
       {"31.01Z", "31.01Z", "31.01Z", "43.32B", "43.32B", "25.11Z", "16.23Z", "43.32A"},
       42,
       4,
       // Spread over five codes, and only about 60% named after the trade: no code and no
       // keyword alone finds the cluster (docs/scan.md, "Discovered trades").
       {"AGENCEMENT {}", "{} AGENCEMENTS", "PRESENTOIRS {}", "MOBILIER COMMERCIAL {}", "{} AGENCEMENT",
        "{} MOBILIER COMMERCIAL", "PRESENTOIRS {} ET FILS", "SOLOGNE AGENCEMENT {}"},
       0.4},
      {"cutlery-thiers",
       "cutlery",
       "63430",
       10'000,
       1958,
       "25.71Z",
       {"25.71Z"},
       24,
       3,
       {"COUTELLERIE {}", "{} COUTELIER", "FORGES {}", "LAMES {}"}},
      {"bar-turning-cluses",
       "bar-turning",
       "74081",
       14'000,
       1955,
       "25.62A",
       {"25.62A"},
       30,
       4,
       {"DECOLLETAGE {}", "{} DECOLLETAGE", "{} PRECISION", "ARVE DECOLLETAGE {}"}},
      {"eyewear-morbier",
       "eyewear",
       "39367",
       15'000,
       1964,
       "32.50B",
       {"32.50B"},
       18,
       3,
       {"LUNETTERIE {}", "{} LUNETTES", "OPTIQUE JURA {}"}},
      {"porcelain-limoges",
       "porcelain",
       "87085",
       10'000,
       1950,
       "23.41Z",
       {"23.41Z"},
       22,
       3,
       {"PORCELAINE {}", "{} PORCELAINES", "EMAUX {}", "ARTS DU FEU {}"}},
  };
  return s;
}

std::string fill(const std::string& pattern, const std::string& surname) {
  std::string out = pattern;
  out.replace(out.find("{}"), 2, surname);
  return out;
}

class ClusterPlanter {
 public:
  ClusterPlanter(const World& world, std::uint64_t seed, Planted& out)
      : world_(world),
        seed_(seed),
        rng_(stream_seed(seed, 0, kPlanted)),
        names_rng_(stream_seed(seed, 0, kPlantedNames)),
        out_(out) {}

  void plant(const ClusterSpec& spec, const std::vector<std::string>& trade_codes) {
    const auto commune = world_.find_commune(spec.home);
    if (!commune) throw Error(std::string("planted cluster home commune not found: ") + spec.home);
    spec_ = &spec;
    commune_ = *commune;
    PlantedCluster cluster;
    cluster.id = spec.id;
    cluster.trade = spec.trade;
    cluster.codes = trade_codes;
    cluster.lon = world_.communes()[commune_].lon;
    cluster.lat = world_.communes()[commune_].lat;
    cluster.radius_m = spec.radius_m;
    firms_.clear();
    const Day root_created = make_day(spec.root_year, 1 + static_cast<int>(rng_.below(12)),
                                      1 + static_cast<int>(rng_.below(28)));
    const std::size_t root = add_firm(spec.root_naf, "CHAUDRONNERIE {} ET CIE", root_created, "22");
    if (std::string(spec.root_naf) != "25.29Z") units()[firms_[root].unit].name = fill(spec.name_patterns[0], pick(rng_, surnames()));
    cluster.root_siren = unit(root).siren;
    cluster.root_created = root_created;
    add_role(root, "Gérant", root_created, root_created + 30 * 365);
    for (int i = 0; i < spec.descendants; ++i) plant_descendant(i);
    for (int i = 0; i < spec.independents; ++i) {
      const Day created = make_day(1975 + static_cast<int>(rng_.below(45)), 1 + static_cast<int>(rng_.below(12)), 1);
      const std::size_t firm = add_firm(pick_code(), name_pattern(), created, draw_band(rng_));
      add_role(firm, "Gérant", created, kNoDay);
    }
    for (int i = 0; i < 3; ++i) plant_move(1 + rng_.below(firms_.size() - 1));
    for (const auto& f : firms_) {
      const auto& s = out_.batch.sites[f.head_site];
      if (s.closed == kNoDay && std::find(trade_codes.begin(), trade_codes.end(), s.naf) != trade_codes.end())
        cluster.members.push_back(s.siret);
    }
    out_.clusters.push_back(std::move(cluster));
  }

 private:
  struct Firm {
    std::size_t unit = 0, head_site = 0;
    std::uint32_t next_sequence = 2;
  };

  std::vector<Unit>& units() { return out_.batch.units; }
  Unit& unit(std::size_t firm) { return units()[firms_[firm].unit]; }

  std::string pick_code() { return pick(rng_, spec_->member_codes); }

  // The trade's own draw always happens (the same firms, places and dates for a seed); whether
  // the name keeps it comes from a stream of its own.
  std::string name_pattern() {
    const std::string& named = pick(rng_, spec_->name_patterns);
    if (spec_->unnamed_share > 0 && names_rng_.uniform() < spec_->unnamed_share)
      return pick(names_rng_, plain_patterns());
    return named;
  }

  Site site_in_cluster(std::size_t firm, Day created) {
    Unit& u = unit(firm);
    Site s = make_site(world_, rng_, u, firms_[firm].next_sequence++, commune_, created);
    // Inside the cluster's circle: Gaussian around the centre, kept within 80% of the radius.
    double dx, dy;
    do {
      dx = gaussian(rng_) * spec_->radius_m / 3;
      dy = gaussian(rng_) * spec_->radius_m / 3;
    } while (std::hypot(dx, dy) > 0.8 * spec_->radius_m);
    s.lon = world_.communes()[commune_].lon;
    s.lat = world_.communes()[commune_].lat;
    offset_point(s.lon, s.lat, dx, dy);
    s.enseigne = u.name;
    return s;
  }

  std::size_t add_firm(const std::string& naf, const std::string& pattern, Day created, const std::string& band) {
    Unit u;
    u.siren = siren_of_unit(next_unit_++, seed_);
    u.name = fill(pattern, pick(rng_, surnames()));
    u.legal_form = rng_.uniform() < 0.5 ? "5499" : "5710";
    u.naf = naf;
    u.band = band;
    u.created = created;
    u.head_nic = 1;
    units().push_back(std::move(u));
    firms_.push_back({units().size() - 1, 0, 1});
    const std::size_t firm = firms_.size() - 1;
    out_.batch.sites.push_back(site_in_cluster(firm, created));
    firms_[firm].head_site = out_.batch.sites.size() - 1;
    return firm;
  }

  void add_role(std::size_t firm, const char* role, Day start, Day end, const std::string& person = {}) {
    out_.batch.founders.push_back({unit(firm).siren, person.empty() ? new_person() : person, role, start, end});
  }

  std::string new_person() { return person_id(stream_seed(seed_, person_counter_++, kPlantedPersons)); }

  // A firm founded `i`-th in the cluster's history, descending from an older firm.
  void plant_descendant(int i) {
    const int first_year = spec_->root_year + 6;
    const int year = first_year + i * (2023 - first_year) / spec_->descendants + static_cast<int>(rng_.below(3));
    const Day created = make_day(std::min(year, 2024), 1 + static_cast<int>(rng_.below(12)),
                                 1 + static_cast<int>(rng_.below(28)));
    std::vector<std::size_t> older;  // candidate parents: founded at least 3 years before
    for (std::size_t f = 0; f < firms_.size(); ++f)
      if (unit(f).created <= created - 3 * 365) older.push_back(f);  // independents come later
    const std::size_t parent = older[rng_.below(older.size())];
    const std::size_t child = add_firm(pick_code(), name_pattern(), created, draw_band(rng_));
    const Day parent_created = unit(parent).created;
    const Day span = created - parent_created;  // ≥ 3 years
    if (rng_.uniform() < 0.55) {
      // Spin-off: a director of the parent (since after its creation) founds the child.
      const std::string person = new_person();
      const Day start = parent_created + 60 + static_cast<Day>(rng_.below(span - 425));
      add_role(parent, rng_.uniform() < 0.5 ? "Directeur général" : "Associé", start,
               created - 30 - static_cast<Day>(rng_.below(170)), person);
      add_role(child, rng_.uniform() < 0.5 ? "Gérant" : "Président", created, kNoDay, person);
      out_.edges.push_back({unit(parent).siren, unit(child).siren, "founder", created, spec_->id});
    } else {
      // Transfer: an establishment of the parent is taken over by the new firm.
      const Day opened = parent_created + 30 + static_cast<Day>(rng_.below(span - 210));
      Site old = site_in_cluster(parent, opened);
      old.closed = created;
      old.naf = unit(parent).naf;
      out_.batch.links.push_back({old.siret, out_.batch.sites[firms_[child].head_site].siret, created, false, true});
      out_.batch.sites.push_back(std::move(old));
      add_role(child, "Gérant", created, kNoDay);
      out_.edges.push_back({unit(parent).siren, unit(child).siren, "succession", created, spec_->id});
    }
  }

  // A move inside one firm: an older establishment closes, the head office carries on
  // (a same-siren succession link, which lineage folds).
  void plant_move(std::size_t firm) {
    const Day created = unit(firm).created;
    const Day moved = std::min<Day>(created + 365 + static_cast<Day>(rng_.below(3650)), kToday - 30);
    if (moved <= created) return;
    Site old = site_in_cluster(firm, created);
    old.closed = moved;
    old.naf = unit(firm).naf;
    out_.batch.links.push_back({old.siret, out_.batch.sites[firms_[firm].head_site].siret, moved, true, true});
    out_.batch.sites.push_back(std::move(old));
  }

  const World& world_;
  std::uint64_t seed_;
  Rng rng_;
  Rng names_rng_;
  Planted& out_;
  const ClusterSpec* spec_ = nullptr;
  std::uint32_t commune_ = 0;
  std::vector<Firm> firms_;
  std::uint64_t next_unit_ = 0;
  std::uint64_t person_counter_ = 0;
};

}  // namespace

Planted generate_planted(const World& world, const std::filesystem::path& data_dir, std::uint64_t seed) {
  const auto trades = load_trades(data_dir / "trades.json");
  auto codes_of = [&](const std::string& id) {
    for (const auto& t : trades)
      if (t.id == id) return t.codes;
    throw Error("trade '" + id + "' is missing from trades.json");
  };
  Planted planted;
  ClusterPlanter planter(world, seed, planted);
  for (const auto& spec : specs()) planter.plant(spec, codes_of(spec.trade));
  planted.decoys = {{"leather-goods-dispersed", "rare_dispersed", codes_of("leather-goods")},
                    {"bakeries-population", "common_population", {"10.71C"}}};
  return planted;
}

}  // namespace grappe::demo
