#pragma once
// Builds a grappe Register from the demo register's CSV files with the tests' own CSV reader
// and RegisterBuilder (so lineage tests do not depend on `grappe ingest`).
#include <cmath>
#include <filesystem>
#include <string>

#include "csv_reader.hpp"
#include "grappe/demo/demo_register.hpp"
#include "grappe/register/register.hpp"
#include "grappe/register/sirene.hpp"

namespace grappe::test {

inline RegisterBuilder demo_register_builder(const std::filesystem::path& dir) {
  const auto data = std::filesystem::path(GRAPPE_SOURCE_DIR) / "data";
  auto naf = Naf::load(data);
  RegisterBuilder builder(naf, Territories::load(data));
  const auto est = read_csv((dir / demo::kEstablishmentsFile).string());
  auto col = [&](const char* name) { return static_cast<std::size_t>(est.column(name)); };
  for (const auto& row : est.rows) {
    if (row.size() != est.header.size() || !luhn_valid(row[col("siret")])) continue;
    if (row[col("etatAdministratifEtablissement")] != "A" || row[col("nomenclatureActivitePrincipaleEtablissement")] != "NAFRev2") continue;
    if (!naf->find(row[col("activitePrincipaleEtablissement")])) continue;
    EstablishmentRecord r;
    r.siret = std::stoull(row[col("siret")]);
    r.siren = static_cast<std::uint32_t>(r.siret / 100000);
    r.naf_code = row[col("activitePrincipaleEtablissement")];
    r.commune_code = row[col("codeCommuneEtablissement")];
    try {
      r.x = std::stod(row[col("coordonneeLambertAbscisseEtablissement")]);
      r.y = std::stod(row[col("coordonneeLambertOrdonneeEtablissement")]);
      r.flags |= kHasLocation;
    } catch (...) {
    }
    r.created = parse_iso_date(row[col("dateCreationEtablissement")]).value_or(kUnknownDate);
    r.name = row[col("enseigne1Etablissement")];
    builder.add(r);
  }
  const auto units = read_csv((dir / demo::kLegalUnitsFile).string());
  for (const auto& row : units.rows) {
    LegalUnitRecord u;
    u.siren = static_cast<std::uint32_t>(std::stoul(row[static_cast<std::size_t>(units.column("siren"))]));
    u.name = row[static_cast<std::size_t>(units.column("denominationUniteLegale"))];
    if (u.name.empty()) u.name = row[static_cast<std::size_t>(units.column("nomUniteLegale"))];
    u.created = parse_iso_date(row[static_cast<std::size_t>(units.column("dateCreationUniteLegale"))]).value_or(kUnknownDate);
    builder.add(u);
  }
  const auto links = read_csv((dir / demo::kSuccessionsFile).string());
  for (const auto& row : links.rows)
    builder.add(SuccessionLink{std::stoull(row[0]), std::stoull(row[1]), parse_iso_date(row[2]).value_or(kUnknownDate),
                               row[3] == "true", row[4] == "true"});
  return builder;
}

}  // namespace grappe::test
