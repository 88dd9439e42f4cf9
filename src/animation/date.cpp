#include "grappe/animation/date.hpp"

#include "grappe/common/date.hpp"
#include "grappe/common/error.hpp"

namespace grappe::animation {

Date parse_date(std::string_view text) {
  if (const auto day = parse_iso_day(text)) return *day;
  throw InputError("'" + std::string(text) + "' is not a date: expected YYYY-MM-DD, e.g. 2026-11-27.");
}

std::string format_date(Date date) { return format_iso_day(date); }

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
