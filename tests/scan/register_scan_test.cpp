// scan_register on an in-memory register: a planted cluster of a rare trade is found with its
// members, a trade spread like everything else is not; BH q-values, keywords, outputs.
#include "grappe/scan/register_scan.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "establishment.hpp"
#include "grappe/common/random.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/candidate_io.hpp"
#include "grappe/scan/report.hpp"

namespace grappe {
namespace {

using test::record;

constexpr double kClusterX = 700000, kClusterY = 6600000;

// 6000 background establishments over a 200 km square (three common codes and a rare one
// spread like them), 30 cutlers within 2 km of one point, 12 shop fitters named "agencement".
Register make_register() {
  RegisterBuilder b(Naf::load(), Territories::load());
  Rng rng(3);
  std::uint64_t siret = 0;
  const char* codes[] = {"56.10A", "68.20B", "47.11B", "15.12Z"};
  for (int i = 0; i < 6000; ++i) {
    const char* code = codes[i % 50 == 0 ? 3 : i % 3];
    b.add(record(++siret, code, 600000 + rng.uniform() * 200000, 6500000 + rng.uniform() * 200000, "X"));
  }
  for (int i = 0; i < 30; ++i) {
    const double a = rng.uniform() * 6.2832, r = 2000 * std::sqrt(rng.uniform());
    b.add(record(++siret, "25.71Z", kClusterX + r * std::cos(a), kClusterY + r * std::sin(a), "COUTELLERIE"));
  }
  for (int i = 0; i < 12; ++i)
    b.add(record(++siret, "31.01Z", 650000 + rng.uniform() * 3000, 6550000 + rng.uniform() * 3000,
                 i % 2 ? "Agencements Dupont" : "AGENCEMENT DU CENTRE"));
  for (int i = 0; i < 12; ++i)
    b.add(record(++siret, "31.01Z", 600000 + rng.uniform() * 200000, 6500000 + rng.uniform() * 200000, "MEUBLES"));
  // One firm with 12 leather-goods branches in one town: a firm, not a cluster of firms.
  for (int i = 0; i < 12; ++i)
    b.add(record(++siret, "15.12Z", 760000 + rng.uniform() * 1000, 6680000 + rng.uniform() * 1000, "CUIRS", 999999999));
  return b.build();
}

RegisterScanRequest request_for(std::vector<Trade> trades) {
  RegisterScanRequest r;
  r.trades = std::move(trades);
  r.scan.simulations = 199;
  r.scan.seed = 7;
  r.min_trade_size = 5;
  return r;
}

TEST(RegisterScan, FindsThePlantedClusterAndNotTheDispersedTrade) {
  const Register reg = make_register();
  auto trades = std::vector<Trade>{sector_trade(reg, "25.71Z"), sector_trade(reg, "15.12Z"), sector_trade(reg, "56.10A")};
  const auto result = scan_register(reg, request_for(trades));
  EXPECT_EQ(result.trades_tested, 3);
  ASSERT_GE(result.candidates.size(), 1u);
  const Candidate& top = result.candidates.front();
  EXPECT_EQ(top.trade, "25.71Z");
  EXPECT_EQ(top.rank, 1);
  EXPECT_GE(top.members.size(), 27u);
  EXPECT_NEAR(top.rarity, top.members.size() / 30.0, 1e-12);
  EXPECT_LE(top.p_value, 0.01);
  EXPECT_FALSE(top.footprint.empty());
  for (const auto& c : result.candidates) EXPECT_NE(c.trade, "15.12Z") << "dispersed trade flagged";
  for (const auto& c : result.candidates) EXPECT_NE(c.trade, "56.10A") << "common trade flagged";
}

TEST(RegisterScan, KeywordsNarrowATrade) {
  const Register reg = make_register();
  const Trade shop_fitting = resolve_trade("shop-fitting");
  const auto result = scan_register(reg, request_for({shop_fitting}));
  ASSERT_FALSE(result.candidates.empty());
  for (const auto& m : result.candidates.front().members) EXPECT_NE(m.name, "MEUBLES");
  EXPECT_EQ(result.candidates.front().national_trade, 12u);
}

TEST(RegisterScan, BenjaminiHochbergMatchesRsPAdjust) {
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.2, 0.005), "BH") = 0.025 0.05 0.05 0.2 0.025
  const auto q = benjamini_hochberg({0.01, 0.04, 0.03, 0.2, 0.005});
  const std::vector<double> expected{0.025, 0.05, 0.05, 0.2, 0.025};
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], 1e-12);
}

TEST(RegisterScan, OutputsRoundTripAndEveryFormatIsWritten) {
  const Register reg = make_register();
  const auto result = scan_register(reg, request_for({sector_trade(reg, "25.71Z")}));
  ASSERT_FALSE(result.candidates.empty());
  const auto dir = std::filesystem::temp_directory_path() / "grappe_scan_test";
  std::filesystem::create_directories(dir);
  write_candidates(dir / "c.json", result.candidates);
  const auto back = read_candidates(dir / "c.json");
  ASSERT_EQ(back.size(), result.candidates.size());
  EXPECT_EQ(back[0].members.size(), result.candidates[0].members.size());
  EXPECT_EQ(back[0].members[0].siret, result.candidates[0].members[0].siret);
  std::size_t members = 0;
  for (const auto& c : back) members += c.members.size();
  EXPECT_EQ(read_siret_list(dir / "c.json").size(), members);
  for (const char* name : {"c.csv", "c.geojson", "c.gpkg"}) {
    write_candidates(dir / name, result.candidates);
    EXPECT_GT(std::filesystem::file_size(dir / name), 100u) << name;
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "c_members.csv"));
  EXPECT_ANY_THROW(write_candidates(dir / "c.txt", result.candidates));
  // Excluding the members removes the cluster.
  auto excluded = request_for({sector_trade(reg, "25.71Z")});
  excluded.excluded = read_siret_list(dir / "c.json");
  const auto again = scan_register(reg, excluded);
  for (const auto& c : again.candidates) EXPECT_LT(c.members.size(), 5u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace grappe
