#pragma once
// Calendar days written "YYYY-MM-DD" (ISO 8601): the one reading and writing of dates, for the
// register's creation dates (stored as days since 1970-01-01), lineage inputs and the animation
// model.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace grappe {

using Day = std::chrono::sys_days;

// nullopt unless the text is exactly four, two and two digits separated by '-' and names a day
// of the proleptic Gregorian calendar.
std::optional<Day> parse_iso_day(std::string_view text);
std::string format_iso_day(Day day);

}  // namespace grappe
