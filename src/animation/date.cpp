#include "grappe/animation/date.hpp"

#include <cstdio>

#include "grappe/common/error.hpp"

namespace grappe::animation {

Date parse_date(std::string_view text) {
  const auto bad = [&] {
    return InputError("'" + std::string(text) + "' is not a date: expected YYYY-MM-DD, e.g. 2026-11-27.");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (text[i] < '0' || text[i] > '9') throw bad();
      parts[k] = parts[k] * 10 + (text[i] - '0');
    }
  const std::chrono::year_month_day day{std::chrono::year(parts[0]), std::chrono::month(unsigned(parts[1])),
                                        std::chrono::day(unsigned(parts[2]))};
  if (!day.ok()) throw bad();
  return Date(day);
}

std::string format_date(Date date) {
  const std::chrono::year_month_day day(date);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  return buffer;
}

Date add_months(Date date, int months) {
  const std::chrono::year_month_day day(date);
  const auto shifted = std::chrono::year_month(day.year(), day.month()) + std::chrono::months(months);
  const auto last = std::chrono::year_month_day_last(shifted.year(), std::chrono::month_day_last(shifted.month()));
  const auto wanted = std::min(day.day(), last.day());
  return Date(std::chrono::year_month_day(shifted.year(), shifted.month(), wanted));
}

int year_of(Date date) { return int(std::chrono::year_month_day(date).year()); }

long days_between(Date a, Date b) { return static_cast<long>((b - a).count()); }

}  // namespace grappe::animation

void nlohmann::adl_serializer<grappe::animation::Date>::from_json(const json& j, grappe::animation::Date& date) {
  if (!j.is_string()) throw grappe::InputError("A date in JSON must be a string YYYY-MM-DD, not " + j.dump() + ".");
  date = grappe::animation::parse_date(j.get<std::string>());
}
