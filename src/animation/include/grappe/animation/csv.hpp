#pragma once
// CSV of the animation exports and imports (need statements, topics, indicators). Columns are
// found by header name, never by position.
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "grappe/animation/needs.hpp"
#include "grappe/common/csv.hpp"

namespace grappe::animation {

// The one CSV cell policy and reader (grappe/common/csv.hpp).
using grappe::csv_field;
using grappe::CsvTable;
using grappe::read_csv;
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

// Need statements from CSV: columns id, firm, text; optional theme, language.
std::vector<NeedStatement> read_needs_csv(std::istream& in, const std::string& source);

}  // namespace grappe::animation
