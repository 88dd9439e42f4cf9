#pragma once
// Outputs of `grappe simulate`: JSON documents (always with program version, parameters and
// master seed) and readable tables for the terminal.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "grappe/sim/limiting_cases.hpp"
#include "grappe/sim/monte_carlo.hpp"

namespace grappe::sim {

struct SimulationReport {
  Scenario scenario;
  MonteCarloOptions options;
  Summary summary;
  std::vector<SweepPoint> sweeps;
  std::vector<CannotForceCase> cannot_force;
  std::string calibration;  // where the firms came from, e.g. "candidate 3 of scan.json"
};

nlohmann::json report_to_json(const SimulationReport& report);
std::string report_table(const SimulationReport& report);

nlohmann::json cases_to_json(const std::vector<CaseResult>& cases, std::uint64_t seed, CaseSize size);
std::string cases_table(const std::vector<CaseResult>& cases);

}  // namespace grappe::sim
