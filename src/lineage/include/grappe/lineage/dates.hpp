#pragma once
// ISO dates ("YYYY-MM-DD") ↔ grappe::Date (days since 1970-01-01).
#include <optional>
#include <string>
#include <string_view>

#include "grappe/register/register.hpp"

namespace grappe::lineage {

// nullopt when the text is not a valid date; an empty text is kUnknownDate.
std::optional<Date> parse_date(std::string_view text);
// Empty for kUnknownDate.
std::string format_date(Date date);

}  // namespace grappe::lineage
