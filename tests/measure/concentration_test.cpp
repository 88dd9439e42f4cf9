// LQ, Ellison–Glaeser, Maurel–Sédillot and co-agglomeration on cases computed by hand, then the
// same through a small in-memory register (groups, trades, territories).
#include "grappe/measure/concentration.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "grappe/common/error.hpp"
#include "grappe/measure/distance_grid.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/measure/register_kd.hpp"
#include "grappe/measure/register_points.hpp"
#include "grappe/measure/territorial_measures.hpp"

namespace grappe::measure {
namespace {

TEST(Concentration, HandComputedEllisonGlaeserMaurelSedillotAndLq) {
  // Economy: 60 in area 0, 40 in area 1 → x = (0.6, 0.4), Σx² = 0.52.
  auto economy = EconomyShares::from_employment({60, 40});
  // Group: plants of 10 and 10 in area 0, 20 in area 1 → s = (0.5, 0.5), H = 0.375.
  std::vector<std::uint32_t> area{0, 0, 1};
  std::vector<double> size{10, 10, 20};
  auto group = GroupShares::from_establishments(area, size);
  auto c = concentration(group, economy);
  EXPECT_DOUBLE_EQ(c.herfindahl, 0.375);
  EXPECT_NEAR(c.raw_concentration, 0.02, 1e-15);
  EXPECT_NEAR(c.gamma_eg, (0.02 / 0.48 - 0.375) / 0.625, 1e-14);            // −0.5333…
  EXPECT_NEAR(c.gamma_ms, ((0.5 - 0.52) / 0.48 - 0.375) / 0.625, 1e-14);    // −0.6667…
  auto lq = location_quotients(group, economy);
  EXPECT_NEAR(lq[0], (20.0 / 60) / 0.4, 1e-14);
  EXPECT_NEAR(lq[1], (20.0 / 40) / 0.4, 1e-14);
}

TEST(Concentration, ConcentratedGroupHasPositiveGamma) {
  // 100 areas of equal size; the group's 10 equal plants all in area 7: G = (1−0.01)² + 99·0.01²,
  // H = 0.1, Σx² = 0.01.
  auto economy = EconomyShares::from_employment(std::vector<double>(100, 10.0));
  std::vector<std::uint32_t> area(10, 7);
  std::vector<double> size(10, 1.0);
  auto c = concentration(GroupShares::from_establishments(area, size), economy);
  const double g = 0.99 * 0.99 + 99 * 0.0001;
  EXPECT_NEAR(c.gamma_eg, (g / 0.99 - 0.1) / 0.9, 1e-12);
  EXPECT_NEAR(c.gamma_eg, 1.0, 1e-12);  // (g/0.99 = 1) → γ = 1: fully agglomerated
  EXPECT_NEAR(c.gamma_ms, ((1.0 - 0.01) / 0.99 - 0.1) / 0.9, 1e-12);
}

TEST(Concentration, HandComputedCoagglomeration) {
  // Economy 50/50. A: plants 5+5 in area 0 (γ_A = 1, H_A = 0.5); B: 5+5 in area 1 (γ_B = 1).
  // Union: s = (0.5, 0.5) = x so G = 0; H = 0.25; γc = (0 − 0.25 − 0.125 − 0.125)/(1 − 0.5) = −1.
  auto economy = EconomyShares::from_employment({50, 50});
  std::vector<std::uint32_t> area_a{0, 0}, area_b{1, 1};
  std::vector<double> size{5, 5};
  auto a = GroupShares::from_establishments(area_a, size), b = GroupShares::from_establishments(area_b, size);
  EXPECT_NEAR(concentration(a, economy).gamma_eg, 1.0, 1e-14);
  EXPECT_NEAR(coagglomeration(a, b, economy), -1.0, 1e-14);
  EXPECT_NEAR(coagglomeration(a, a, economy), (0.5 / 0.5 - 0.25 - 2 * 0.25 * 0.5) / 0.5, 1e-14);  // = 1
}

// A register with two départements: 41 (Romorantin, Blois) and 75 (Paris).
Register small_register() {
  RegisterBuilder builder(Naf::load(), Territories::load());
  std::uint64_t siret = 10000000000000;
  auto add = [&](const char* naf, const char* commune, const char* band, const char* name, double x) {
    EstablishmentRecord r;
    r.siret = ++siret, r.siren = std::uint32_t(siret / 100000);
    r.naf_code = naf, r.commune_code = commune, r.headcount_band = band, r.name = name;
    r.x = x, r.y = 6700000, r.flags = kActive | kHasLocation;
    builder.add(r);
  };
  add("31.01Z", "41194", "02", "AGENCEMENT DU CHER", 600000);   // 4 employees
  add("31.01Z", "41194", "02", "Meubles Martin", 600100);       // 4
  add("31.01Z", "75056", "01", "Atelier Paris", 650000);        // 1.5
  add("47.11B", "75056", "11", "Superette", 650100);            // 14.5
  add("47.11B", "41018", "03", "Epicerie", 601000);             // 7.5
  auto closed = EstablishmentRecord{};
  closed.siret = 99999999999999, closed.siren = 999999999, closed.naf_code = "31.01Z", closed.commune_code = "75056";
  closed.headcount_band = "53", closed.flags = 0;  // closed: ignored
  builder.add(closed);
  return builder.build();
}

TEST(TerritorialMeasures, SmallRegisterByDepartment) {
  Register reg = small_register();
  auto groups = groups_at_level(reg, NafLevel::subclass);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].code, "31.01Z");
  EXPECT_EQ(groups[0].rows.size(), 3u);  // the closed one is left out
  auto rows = territorial_measures(reg, groups, {.territory = TerritoryLevel::department, .coagglomeration = true});
  auto find = [&](const std::string& group, const std::string& measure, const std::string& territory = "") {
    for (auto& r : rows)
      if (r.group == group && r.measure == measure && r.territory == territory) return r.value;
    ADD_FAILURE() << group << " " << measure << " " << territory;
    return std::nan("");
  };
  // Economy: dept 41 = 4 + 4 + 7.5 = 15.5, dept 75 = 1.5 + 14.5 = 16; E = 31.5.
  // 31.01Z: 8 in 41, 1.5 in 75, E_g = 9.5; H = (16 + 16 + 2.25)/90.25.
  const double x41 = 15.5 / 31.5, x75 = 16 / 31.5, s41 = 8 / 9.5, s75 = 1.5 / 9.5;
  const double x2 = x41 * x41 + x75 * x75, h = 34.25 / 90.25;
  const double g = (s41 - x41) * (s41 - x41) + (s75 - x75) * (s75 - x75);
  EXPECT_NEAR(find("31.01Z", "herfindahl"), h, 1e-12);
  EXPECT_NEAR(find("31.01Z", "gamma_eg"), (g / (1 - x2) - h) / (1 - h), 1e-12);
  EXPECT_NEAR(find("31.01Z", "gamma_ms"), ((s41 * s41 + s75 * s75 - x2) / (1 - x2) - h) / (1 - h), 1e-12);
  EXPECT_NEAR(find("31.01Z", "lq", "41"), (8 / 15.5) / (9.5 / 31.5), 1e-12);
  EXPECT_NEAR(find("31.01Z", "employment"), 9.5, 1e-12);
  EXPECT_FALSE(std::isnan(find("31.01Z|47.11B", "eg_coagglomeration")));

  auto division = sector_group(reg, "31");
  EXPECT_EQ(division.rows.size(), 3u);
  EXPECT_ANY_THROW(sector_group(reg, "99.99Q"));
}

TEST(TerritorialMeasures, TradeNarrowedByKeywords) {
  Register reg = small_register();
  Trade trade{"shop-fitting", "Shop fitting", {"31.01Z", "43.32A"}, {"agencement", "magasin"}, {}, {}};
  auto group = trade_group(reg, trade);
  ASSERT_EQ(group.rows.size(), 1u);
  EXPECT_EQ(reg.name(group.rows[0]), "AGENCEMENT DU CHER");
  Trade all_codes{"furniture", "Furniture", {"31.01Z"}, {}, {}, {}};
  EXPECT_EQ(trade_group(reg, all_codes).rows.size(), 3u);
}

TEST(RegisterPoints, SitesAndCappedSamples) {
  Register reg = small_register();
  auto sites = located_sites(reg);
  EXPECT_EQ(sites.size(), 5u);
  auto group = sector_group(reg, "31.01Z");
  EXPECT_EQ(group_sample(sites, group, 0, 1).size(), 3u);
  EXPECT_EQ(group_sample(sites, group, 2, 1).size(), 2u);
  auto marked = group_marked_points(sites, group, 1, 1);  // 3 members + 1 of 2 others, weight ×2
  EXPECT_EQ(marked.size(), 4u);
  EXPECT_EQ(marked.type.back(), 1u);
}

// The CLI, the server and Python make this one request; its defaults are the documented ones
// (docs/measure.md) and its curve is the composition it replaces.
TEST(RegisterKd, OneRequestComposedOnceWithTheDocumentedDefaults) {
  const KdRequest defaults;
  EXPECT_EQ(defaults.rmax, 180'000);
  EXPECT_EQ(defaults.max_points, 20'000u);
  EXPECT_EQ(defaults.confidence, 0.90);
  Register reg = small_register();
  const auto sites = located_sites(reg);
  const auto group = sector_group(reg, "31.01Z");
  const GroupKd kd = group_kd(sites, group, {.rmax = 50'000, .simulations = 19, .seed = 7});
  EXPECT_EQ(kd.points, 3u);
  const auto by_hand =
      analyse_kd(group_sample(sites, group, 20'000, 7), sites.x, sites.y, parse_distance_grid("", 50'000), {},
                 {.simulations = 19, .seed = 7, .confidence = 0.90});
  EXPECT_EQ(kd.analysis.r, by_hand.r);
  EXPECT_EQ(kd.analysis.observed, by_hand.observed);
  ASSERT_TRUE(kd.analysis.envelope && by_hand.envelope);
  EXPECT_EQ(kd.analysis.envelope->hi_global, by_hand.envelope->hi_global);

  const EstablishmentGroup lone{"subclass", "47.11B", "", {group.rows.front()}};
  EXPECT_FALSE(try_group_kd(sites, lone, {}));
  try {
    group_kd(sites, lone, {});
    ADD_FAILURE() << "one establishment has no K-density";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.code(), "too_few_points");
  }
}

}  // namespace
}  // namespace grappe::measure
