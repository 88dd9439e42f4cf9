#include <algorithm>
#include <charconv>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/lineage/lineage_output.hpp"

namespace grappe::lineage {

std::vector<std::uint32_t> parse_siren_list(const std::string& text) {
  std::vector<std::uint32_t> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
    if (item.empty()) continue;
    std::uint32_t siren = 0;
    auto r = std::from_chars(item.data(), item.data() + item.size(), siren);
    if (item.size() != 9 || r.ec != std::errc{} || r.ptr != item.data() + item.size())
      throw InputError(SourceLocation{"--siren", 0, "", item}, "not a 9-digit SIREN");
    out.push_back(siren);
  }
  if (out.empty()) throw InputError("--siren needs at least one SIREN");
  return out;
}

}  // namespace grappe::lineage
