#include "grappe/lineage/dates.hpp"

#include <chrono>
#include <charconv>

#include <fmt/format.h>

namespace grappe::lineage {

std::optional<Date> parse_date(std::string_view text) {
  if (text.empty()) return kUnknownDate;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto ok = [](auto r, const char* end) { return r.ec == std::errc{} && r.ptr == end; };
  if (!ok(std::from_chars(text.data(), text.data() + 4, y), text.data() + 4) ||
      !ok(std::from_chars(text.data() + 5, text.data() + 7, m), text.data() + 7) ||
      !ok(std::from_chars(text.data() + 8, text.data() + 10, d), text.data() + 10))
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<Date>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string format_date(Date date) {
  if (date == kUnknownDate) return {};
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{date}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

}  // namespace grappe::lineage
