#pragma once
// One genealogy built from a register (+ founders file, + declared origins) that answers many
// lineage queries: what the CLI runs once and what the server keeps for the web app's tree view
// (JSON or SVG for a set of SIRENs). Declared origins added later trigger a rebuild on the
// next query. Thread-safe.
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

struct DeclaredOrigin {
  std::uint32_t child = 0, parent = 0;
  Date date = kUnknownDate;
};

class LineageService {
 public:
  // `reg` must outlive the service. `founders` may be empty; `salt_file` empty → the default.
  LineageService(const Register& reg, const std::filesystem::path& founders = {},
                 const std::filesystem::path& salt_file = {});

  void add_declared_origin(const DeclaredOrigin& origin);
  Lineage trace(std::span<const std::uint32_t> sirens, const LineageOptions& options = {}) const;
  nlohmann::json json(std::span<const std::uint32_t> sirens, const LineageOptions& options = {}) const;
  void write(const std::filesystem::path& out, std::span<const std::uint32_t> sirens,
             const LineageOptions& options = {}) const;

  std::shared_ptr<const Genealogy> genealogy() const;
  const FounderFileStats& founder_stats() const { return founder_stats_; }
  const NameOf& name_of() const { return name_of_; }

 private:
  std::shared_ptr<const Genealogy> rebuild() const;

  const Register& register_;
  std::vector<Role> roles_;  // hashed persons, kept to rebuild with new declared origins
  std::vector<Problem> file_problems_;
  FounderFileStats founder_stats_;
  std::vector<DeclaredOrigin> declared_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const Genealogy> genealogy_;
  NameOf name_of_;
};

}  // namespace grappe::lineage
