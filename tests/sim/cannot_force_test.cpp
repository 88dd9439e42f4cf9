// "One can create favourable conditions, not force success" (docs/sim.md): with a sparse
// network or few shared needs, no budget up to 4 FTE brings P(critical mass) near 1, while the
// same budgets do help in the base scenario.
#include <gtest/gtest.h>

#include "grappe/sim/monte_carlo.hpp"

namespace grappe::sim {

TEST(CannotForceSuccess, SparseNetworksAndFewNeedsCapTheOdds) {
  Scenario base;  // the documented defaults: 200 drawn firms
  MonteCarloOptions options{150, 20260127, {}};
  auto cases = cannot_force_success(base, options);
  ASSERT_EQ(cases.size(), 2u);
  for (const auto& c : cases) {
    EXPECT_LT(c.best_upper, 0.8) << c.condition;
    // More hours beyond saturation change nothing: 2 and 4 FTE give the same runs.
    EXPECT_EQ(c.critical_mass[4].successes, c.critical_mass[5].successes) << c.condition;
  }
  Population population = build_population(base, options.master_seed);
  auto points = run_sweep(base, population, SweepAxis::hours, {0, 1}, options);
  EXPECT_EQ(points[0].value_of_animation.mean, 0.0);
  EXPECT_GT(points[1].value_of_animation.lower, 0.0);  // animation helps where conditions allow
  EXPECT_GT(points[1].critical_mass.estimate, cases[0].critical_mass[3].upper);
}

}  // namespace grappe::sim
