#pragma once
// Calendar days for the animation model ("2026-11-27"). No clock is read here: every
// operation takes the day it happens, so histories replay identically.
#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace grappe::animation {

using Date = std::chrono::sys_days;

// ISO 8601 calendar date "YYYY-MM-DD"; throws grappe::InputError naming the value otherwise.
Date parse_date(std::string_view text);
std::string format_date(Date date);
// The same day `months` months later (earlier if negative), clamped to the month's last day.
Date add_months(Date date, int months);
int year_of(Date date);
// Days from a to b (negative when b is before a).
long days_between(Date a, Date b);

}  // namespace grappe::animation

// nlohmann (de)serialisation of Date as "YYYY-MM-DD".
namespace nlohmann {
template <>
struct adl_serializer<grappe::animation::Date> {
  static void to_json(json& j, const grappe::animation::Date& date) { j = grappe::animation::format_date(date); }
  static void from_json(const json& j, grappe::animation::Date& date);
};
}  // namespace nlohmann
