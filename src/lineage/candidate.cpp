#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/lineage/lineage_output.hpp"

namespace grappe::lineage {

std::vector<std::uint32_t> candidate_sirens(const std::filesystem::path& path, int rank) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read the candidates file " + path.string());
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourceLocation{path.string(), 0, "", ""}, std::string("not valid JSON: ") + e.what());
  }
  if (!doc.contains("candidates") || !doc["candidates"].is_array())
    throw InputError(SourceLocation{path.string(), 0, "candidates", ""}, "no \"candidates\" array");
  for (const auto& c : doc["candidates"]) {
    if (!c.contains("rank") || c["rank"] != rank) continue;
    std::vector<std::uint32_t> sirens;
    for (const auto& m : c.value("members", nlohmann::json::array())) {
      const auto& s = m.is_object() ? m.value("siret", nlohmann::json()) : m;
      std::uint64_t siret = 0;
      if (s.is_number_unsigned()) siret = s.get<std::uint64_t>();
      else if (s.is_string()) {
        const auto text = s.get<std::string>();
        auto r = std::from_chars(text.data(), text.data() + text.size(), siret);
        if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || text.size() != 14)
          throw InputError(SourceLocation{path.string(), 0, "siret", text}, "not a 14-digit SIRET");
      } else {
        throw InputError(SourceLocation{path.string(), 0, "members", m.dump()}, "a member without a siret");
      }
      sirens.push_back(static_cast<std::uint32_t>(siret / 100000));
    }
    return sirens;
  }
  throw InputError(SourceLocation{path.string(), 0, "rank", std::to_string(rank)}, "no candidate has this rank");
}

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
