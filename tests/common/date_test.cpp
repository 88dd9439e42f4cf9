#include "grappe/common/date.hpp"

#include <gtest/gtest.h>

namespace grappe {

TEST(IsoDay, ReadsAndWritesRealDaysOnly) {
  const auto day = parse_iso_day("2024-02-29");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->time_since_epoch().count(), 19782);
  EXPECT_EQ(format_iso_day(*day), "2024-02-29");
  EXPECT_EQ(format_iso_day(Day(std::chrono::days(0))), "1970-01-01");
  for (const char* bad :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/01/01", "24-01-01x", "", "2024-01-0a"})
    EXPECT_FALSE(parse_iso_day(bad)) << bad;
}

}  // namespace grappe
