// Establishments known only by their commune stand on one point: with the default
// --positions exact the scan leaves them out, so they cannot make a "cluster" of their own.
#include <gtest/gtest.h>

#include "establishment.hpp"
#include "grappe/common/random.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/register_scan.hpp"

namespace grappe {
namespace {

EstablishmentRecord firm(std::uint64_t k, const std::string& naf, double x, double y, PositionSource source) {
  EstablishmentRecord r = test::record(k, naf, x, y);
  r.position = source;
  return r;
}

// 6000 establishments with exact positions over a 200 km square, 40 cutlers among them spread
// alike, and 30 more cutlers whose only position is their commune's point.
Register make_register() {
  RegisterBuilder b(Naf::load(), Territories::load());
  Rng rng(5);
  std::uint64_t k = 0;
  const char* codes[] = {"56.10A", "68.20B", "47.11B"};
  for (int i = 0; i < 6000; ++i)
    b.add(firm(++k, i % 150 == 0 ? "25.71Z" : codes[i % 3], 600000 + rng.uniform() * 200000,
               6500000 + rng.uniform() * 200000, PositionSource::lambert));
  for (int i = 0; i < 30; ++i) b.add(firm(++k, "25.71Z", 700000, 6600000, PositionSource::commune));
  return b.build();
}

RegisterScanResult scan(const Register& reg, PositionPolicy positions) {
  RegisterScanRequest r;
  r.trades = {sector_trade(reg, "25.71Z")};
  r.scan.simulations = 99;
  r.scan.seed = 11;
  r.min_trade_size = 5;
  r.positions = positions;
  return scan_register(reg, r);
}

TEST(CommunePositions, StackedCommunePointsAreNoClusterByDefault) {
  const Register reg = make_register();
  const auto exact = scan(reg, PositionPolicy::exact);
  EXPECT_EQ(exact.commune_precision, 0u);
  EXPECT_EQ(exact.establishments, 6000u);
  EXPECT_TRUE(exact.candidates.empty()) << exact.candidates.front().members.size() << " members";
  // Counted in, the 30 stacked points are what the scan calls a cluster: the reason for the default.
  const auto any = scan(reg, PositionPolicy::any);
  EXPECT_EQ(any.commune_precision, 30u);
  ASSERT_FALSE(any.candidates.empty());
  EXPECT_GE(any.candidates.front().members.size(), 30u);
}

}  // namespace
}  // namespace grappe
