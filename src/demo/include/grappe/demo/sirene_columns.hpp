#pragma once
// Column sets of INSEE's SIRENE stock files, format 3.11, in file order, plus the NAF 2025
// columns added in December 2025. Source: INSEE, "Description des fichiers de stock" (3.11).
#include <span>
#include <string_view>

namespace grappe::demo {

std::span<const std::string_view> establishment_columns();  // StockEtablissement (54)
std::span<const std::string_view> legal_unit_columns();     // StockUniteLegale (35)
std::span<const std::string_view> succession_columns();     // StockEtablissementLiensSuccession (6)
std::span<const std::string_view> founder_columns();        // founders.csv (grappe's format, 5)

}  // namespace grappe::demo
