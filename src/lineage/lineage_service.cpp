#include "grappe/lineage/lineage_service.hpp"

namespace grappe::lineage {

LineageService::LineageService(const Register& reg, const std::filesystem::path& founders,
                               const std::filesystem::path& salt_file)
    : register_(reg) {
  if (!founders.empty()) {
    const auto hasher = PersonHasher::from_salt_file(salt_file.empty() ? PersonHasher::default_salt_file() : salt_file);
    founder_stats_ = read_founder_roles(founders, hasher, roles_, file_problems_);
  }
  name_of_ = [&reg](std::uint32_t siren) {
    const auto* unit = reg.find_legal_unit(siren);
    return unit ? unit->name : std::string();
  };
}

std::shared_ptr<const Genealogy> LineageService::genealogy() const {
  std::lock_guard lock(mutex_);
  if (genealogy_) return genealogy_;
  GenealogyBuilder builder;
  add_register(builder, register_);
  for (const auto& p : file_problems_) builder.report(p.kind, p.detail);
  builder.add_roles(roles_);
  genealogy_ = std::make_shared<const Genealogy>(builder.build());
  return genealogy_;
}

Lineage LineageService::trace(std::span<const std::uint32_t> sirens, const LineageOptions& options) const {
  return trace_lineage(*genealogy(), sirens, options);
}

nlohmann::json LineageService::json(std::span<const std::uint32_t> sirens, const LineageOptions& options) const {
  const auto g = genealogy();
  return lineage_json(trace_lineage(*g, sirens, options), *g, name_of_);
}

}  // namespace grappe::lineage
