#include "model.hpp"

#include <chrono>

#include <fmt/format.h>

namespace grappe::demo {

Day make_day(int year, int month, int day) {
  using namespace std::chrono;
  const sys_days d{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                   std::chrono::day{static_cast<unsigned>(day)}};
  return static_cast<Day>(d.time_since_epoch().count());
}

static std::chrono::year_month_day civil(Day day) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

std::string format_day(Day day) {
  if (day == kNoDay) return {};
  const auto ymd = civil(day);
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

int year_of(Day day) { return static_cast<int>(civil(day).year()); }

const char* reject_reason(Malformed kind) {
  switch (kind) {
    case Malformed::too_few_fields:
    case Malformed::too_many_fields: return "field_count";
    case Malformed::bad_check_digit:
    case Malformed::non_digit_siret: return "bad_siret";
    case Malformed::unknown_naf:
    case Malformed::bad_naf_format: return "unknown_naf";
    case Malformed::bad_coordinates: return "bad_coordinates";
    case Malformed::none: break;
  }
  return "";
}

}  // namespace grappe::demo
