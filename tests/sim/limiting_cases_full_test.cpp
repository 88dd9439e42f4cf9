// The limiting cases at the sizes of SIMULATION.md (Release build, integration label).
#include "grappe/sim/limiting_cases.hpp"

#include <gtest/gtest.h>

namespace grappe::sim {
namespace {

void expect_all_pass(const std::vector<CaseResult>& cases) {
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases)
    EXPECT_TRUE(c.pass) << c.name << " (" << c.parameters << "): expected " << c.expected << ", measured "
                        << c.measured << ", tolerance " << c.tolerance << " [" << c.kind << "]";
}

}  // namespace

TEST(LimitingCasesFull, Bass) { expect_all_pass(bass_cases(CaseSize::full, 1)); }
TEST(LimitingCasesFull, Granovetter) { expect_all_pass(granovetter_cases(CaseSize::full, 1)); }
TEST(LimitingCasesFull, Watts) { expect_all_pass(watts_cases(CaseSize::full, 1)); }
TEST(LimitingCasesFull, Arthur) { expect_all_pass(arthur_cases(CaseSize::full, 1)); }
TEST(LimitingCasesFull, Polya) { expect_all_pass(polya_cases(CaseSize::full, 1)); }

}  // namespace grappe::sim
