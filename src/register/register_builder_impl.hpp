#pragma once
// RegisterBuilder's state, shared by builder.cpp (in memory) and register_writer.cpp (files).
#include <filesystem>
#include <optional>

#include "register_storage.hpp"

namespace grappe {

struct RegisterBuilder::Impl {
  std::shared_ptr<const Naf> naf;
  std::shared_ptr<const Territories> territories;
  EstablishmentColumns rows;  // rows not yet spilled
  std::vector<LegalUnitRecord> legal_units;
  std::vector<SuccessionLink> successions;
  std::size_t run_rows = 4'000'000;
  std::size_t total_rows = 0;
  std::uint64_t name_bytes = 0, address_bytes = 0;
  std::optional<std::filesystem::path> spill_path_base;
  std::vector<std::filesystem::path> runs;

  void sort_side_tables();
  void reserve_run();    // room for run_rows rows, so that columns never reallocate
  void spill_run();      // sorts `rows` and appends them to a new run file
  void remove_runs();
};

}  // namespace grappe
