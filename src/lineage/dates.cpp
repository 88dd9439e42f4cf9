#include "grappe/lineage/dates.hpp"

namespace grappe::lineage {

std::optional<Date> parse_date(std::string_view text) {
  if (text.empty()) return kUnknownDate;
  if (text.size() != 10) return std::nullopt;
  return parse_iso_date(text);
}

}  // namespace grappe::lineage
