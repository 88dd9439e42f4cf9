#pragma once
// Opening files with the one message grappe gives when it cannot: the file, what it is for, and
// the system's reason.
#include <filesystem>
#include <fstream>
#include <string>

namespace grappe {

// Throws InputError "<path>: cannot open the <what>: <reason>" (the user named a file that is
// missing or unreadable). `what`: "candidates file", "scenario file", …
std::ifstream open_input(const std::filesystem::path& path, const std::string& what, bool binary = false);
// Throws Error (io) "<path>: cannot write the <what>: <reason>".
std::ofstream open_output(const std::filesystem::path& path, const std::string& what, bool binary = false);
// After writing: throws Error (io) "<path>: cannot write the <what> (disk full?)" when `out` failed.
void check_written(std::ofstream& out, const std::filesystem::path& path, const std::string& what);

}  // namespace grappe
