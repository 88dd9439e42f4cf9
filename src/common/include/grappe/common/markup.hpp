#pragma once
// Text inside XML, HTML or SVG markup: one escaper for every page, plot and graph grappe writes.
#include <string>
#include <string_view>

namespace grappe {

// & < > and " as entities, so that text (a firm's name from the register) can stand in element
// content and in double-quoted attribute values.
std::string markup_escape(std::string_view text);

}  // namespace grappe
