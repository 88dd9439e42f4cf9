#pragma once
// The demo register's CSV files ingested in-process as `grappe ingest` does (run_ingest), so
// lineage tests read the same register as the command line without running the binary.
#include <filesystem>
#include <string>

#include "grappe/demo/demo_register.hpp"
#include "grappe/register/ingest.hpp"

namespace grappe::test {

// Writes `dir`/demo.grappe and returns its path.
inline std::filesystem::path ingest_demo_register(const std::filesystem::path& dir) {
  IngestOptions o;
  o.establishments = dir / demo::kEstablishmentsFile;
  o.legal_units = dir / demo::kLegalUnitsFile;
  o.successions = dir / demo::kSuccessionsFile;
  o.out = dir / "demo.grappe";
  o.data_dir = std::filesystem::path(GRAPPE_SOURCE_DIR) / "data";
  o.report_reject = [](const std::string&) {};  // the demo's planted bad rows are expected
  run_ingest(o);
  return o.out;
}

}  // namespace grappe::test
