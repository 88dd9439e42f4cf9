#pragma once
// Dates of lineage inputs: ISO "YYYY-MM-DD" (grappe::parse_iso_date), where an empty field
// means "unknown". Formatting is grappe::format_date (register.hpp).
#include <optional>
#include <string_view>

#include "grappe/register/register.hpp"

namespace grappe::lineage {

// kUnknownDate for an empty text; nullopt when the text is not a valid date.
std::optional<Date> parse_date(std::string_view text);

}  // namespace grappe::lineage
