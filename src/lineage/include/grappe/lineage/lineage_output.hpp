#pragma once
// Lineage results as JSON (for pipelines and the web app's tree view), GraphViz DOT, and SVG
// drawn by grappe's own layered layout (no GraphViz needed). Persons never appear: edges are
// between firms only.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "grappe/lineage/ancestry.hpp"

namespace grappe::lineage {

// Name of a firm (legal unit) for display; empty when unknown.
using NameOf = std::function<std::string(std::uint32_t siren)>;

// {"members", "unknown_members", "summary", "ancestors": [{siren, descendants, created, name,
// member, paths}], "edges": [{parent, child, source, date}], "roots": [{siren, created, name}],
// "problems": {kind: count, "samples": [...]}, "folded_moves"}
nlohmann::json lineage_json(const Lineage& lineage, const Genealogy& genealogy, const NameOf& name_of);
std::string lineage_dot(const Lineage& lineage, const Genealogy& genealogy, const NameOf& name_of);
std::string lineage_svg(const Lineage& lineage, const Genealogy& genealogy, const NameOf& name_of);
// Writes by extension: .json, .dot or .svg (InputError otherwise).
void write_lineage(const std::filesystem::path& path, const Lineage& lineage, const Genealogy& genealogy,
                   const NameOf& name_of);

// "41 of 45 members descend from SIREN 223456773 (NAME), founded 1962-02-27".
std::string lineage_summary(const Lineage& lineage, const NameOf& name_of);

// "123456789,987654321" (spaces allowed); InputError on a bad item.
std::vector<std::uint32_t> parse_siren_list(const std::string& text);

}  // namespace grappe::lineage
