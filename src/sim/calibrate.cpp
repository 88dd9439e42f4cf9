#include "grappe/sim/calibrate.hpp"

#include <algorithm>
#include <cmath>

#include "grappe/common/error.hpp"

namespace grappe::sim {

int trade_index(const std::vector<std::string>& codes, const std::string& subclass) {
  int best = -1;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string& code = codes[i];
    if (code.empty() || subclass.compare(0, code.size(), code) != 0) continue;
    if (best < 0 || code.size() > codes[best].size()) best = static_cast<int>(i);
  }
  return best;
}

Scenario calibrate_from_candidate(const Candidate& candidate, Scenario s, const std::string& source) {
  const auto& members = candidate.members;
  if (members.empty())
    throw InputError(SourceLocation{source, 0, "members", ""}, "the candidate has no members to calibrate from");
  const auto& codes = candidate.codes;
  double lon0 = 0, lat0 = 0;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (!std::isfinite(members[i].lon) || !std::isfinite(members[i].lat))
      throw InputError(
          SourceLocation{source, 0, "members[" + std::to_string(i) + "]", format_siret(members[i].siret)},
          "a member needs a position (lon, lat) to be simulated");
  for (const auto& m : members) {
    lon0 += m.lon / members.size();
    lat0 += m.lat / members.size();
  }
  const double km_per_degree = 6371.0088 * M_PI / 180;
  const std::size_t sectors = std::max<std::size_t>(1, codes.size());
  s.population.firms_data.clear();
  for (const auto& m : members) {
    FirmData f;
    f.x_km = (m.lon - lon0) * km_per_degree * std::cos(lat0 * M_PI / 180);
    f.y_km = (m.lat - lat0) * km_per_degree;
    f.headcount = std::max(0.0, m.headcount);
    f.id = format_siret(m.siret);
    const int index = trade_index(codes, m.code);
    f.trade.assign(sectors, index < 0 ? 1.0 : 0.0);
    if (index >= 0) f.trade[index] = 1.0;
    s.population.firms_data.push_back(std::move(f));
  }
  s.population.sectors = static_cast<int>(sectors);
  s.core_members = std::min(s.core_members, s.firm_count());
  s.projects.fixed_thresholds.clear();
  if (s.name == "scenario") s.name = "candidate " + std::to_string(candidate.rank);
  s.validate();
  return s;
}

Scenario calibrate_from_candidate_file(const std::string& path, int rank, Scenario base) {
  const auto candidates = read_candidates(path);
  return calibrate_from_candidate(candidate_by_rank(candidates, rank, path), std::move(base), path);
}

}  // namespace grappe::sim
