#pragma once
// Splitting one line of a small CSV reference file (communes, zones) into fields, with RFC 4180
// quotes. The SIRENE files go through the streaming reader (csv_reader.hpp) instead.
#include <string>
#include <string_view>
#include <vector>

namespace grappe {

// Fields of one CSV line ("a,\"b,c\",d" → a | b,c | d). A trailing '\r' is dropped.
std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace grappe
