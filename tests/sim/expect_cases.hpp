#pragma once
// Shared by the reduced (unit) and full (integration) limiting-case suites.
#include <gtest/gtest.h>

#include <vector>

#include "grappe/sim/limiting_cases.hpp"

namespace grappe::sim {

// Every case passes; a failure names the case, its parameters and its numbers.
inline void expect_all_pass(const std::vector<CaseResult>& cases) {
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases)
    EXPECT_TRUE(c.pass) << c.name << " (" << c.parameters << "): expected " << c.expected << ", measured "
                        << c.measured << ", tolerance " << c.tolerance << " [" << c.kind << "]";
}

}  // namespace grappe::sim
