#include "trade_sharing.hpp"

#include <type_traits>

namespace grappe {

// Every field is copied: a field added to ScanResult or TradeCases must be added here too (the
// MPI test compares a 3-rank `scan --all` with a single process byte for byte).
static_assert(std::is_trivially_copyable_v<ScanCluster>);

void write_tested_trade(parallel::ByteWriter& writer, std::size_t index, const TradeCases& cases,
                        const ScanResult& scan) {
  writer.put<std::uint64_t>(index);
  writer.put_vector(cases.establishments);
  writer.put_vector(cases.points);
  writer.put(cases.national);
  writer.put_vector(scan.clusters);
  writer.put(scan.cases);
  writer.put(scan.case_weight);
  writer.put(scan.total_weight);
  writer.put(scan.simulations_run);
  writer.put(scan.stopped_early);
  writer.put(scan.stopped_for_significance);
  writer.put_vector(scan.simulated_max);
  writer.put(scan.gumbel_location);
  writer.put(scan.gumbel_scale);
}

std::size_t read_tested_trade(parallel::ByteReader& reader, TradeCases& cases, ScanResult& scan) {
  const auto index = reader.get<std::uint64_t>();
  cases.establishments = reader.get_vector<std::uint32_t>();
  cases.points = reader.get_vector<std::uint32_t>();
  cases.national = reader.get<std::uint32_t>();
  scan.clusters = reader.get_vector<ScanCluster>();
  scan.cases = reader.get<std::uint32_t>();
  scan.case_weight = reader.get<double>();
  scan.total_weight = reader.get<double>();
  scan.simulations_run = reader.get<int>();
  scan.stopped_early = reader.get<bool>();
  scan.stopped_for_significance = reader.get<bool>();
  scan.simulated_max = reader.get_vector<double>();
  scan.gumbel_location = reader.get<double>();
  scan.gumbel_scale = reader.get<double>();
  return static_cast<std::size_t>(index);
}

}  // namespace grappe
