#pragma once
// One genealogy built from a register (+ founders file, + declared origins) that answers many
// lineage queries: what the CLI runs once and what the server keeps for the web app's tree view
// (JSON for a set of SIRENs). The genealogy is built on the first query. Thread-safe.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "grappe/lineage/ancestry.hpp"
#include "grappe/lineage/founders.hpp"
#include "grappe/lineage/lineage_output.hpp"

namespace grappe::lineage {

class LineageService {
 public:
  // `reg` must outlive the service. `founders` may be empty; `salt_file` empty → the default.
  LineageService(const Register& reg, const std::filesystem::path& founders = {},
                 const std::filesystem::path& salt_file = {});

  Lineage trace(std::span<const std::uint32_t> sirens, const LineageOptions& options = {}) const;
  nlohmann::json json(std::span<const std::uint32_t> sirens, const LineageOptions& options = {}) const;

  std::shared_ptr<const Genealogy> genealogy() const;
  const FounderFileStats& founder_stats() const { return founder_stats_; }
  const NameOf& name_of() const { return name_of_; }

 private:
  const Register& register_;
  std::vector<Role> roles_;  // hashed persons, read by the constructor, used by the first query
  std::vector<Problem> file_problems_;
  FounderFileStats founder_stats_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const Genealogy> genealogy_;
  NameOf name_of_;
};

}  // namespace grappe::lineage
