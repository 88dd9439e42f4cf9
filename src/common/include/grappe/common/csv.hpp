#pragma once
// Writing CSV that people open in spreadsheets: one quoting and formula-guard policy for every
// CSV grappe writes (scan candidates, measures, survey and animation exports).
#include <string>
#include <string_view>

namespace grappe {

// One text cell (RFC 4180: quoted when it holds a comma, a quote or a line break). Text a
// spreadsheet would run as a formula — starting with = + - @, a tab or a carriage return — gets a
// leading apostrophe, so a firm named "=HYPERLINK(…)" in the register stays text (OWASP "CSV
// injection"). Numbers are written as numbers, not through here.
std::string csv_field(std::string_view text);
// The same quoting without the guard, for files grappe reads back as they are written (the
// rejected records of `grappe ingest --rejects`, to be fixed and ingested again).
std::string csv_quoted(std::string_view text);

}  // namespace grappe
