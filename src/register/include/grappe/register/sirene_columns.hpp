#pragma once
// The column names of INSEE's SIRENE stock files, spelt as in their header lines and in file
// order: format 3.11 plus the NAF 2025 columns added in December 2025 (source: INSEE,
// "Description des fichiers de stock", 3.11). The one list: the ingest (sirene.cpp) checks at
// compile time that the columns it reads are in it, the demo register writes it as its headers,
// and tests/register/sirene_test.cpp compares it with the header lines of real files.
#include <array>
#include <string_view>

namespace grappe::sirene {

// INSEE's names, packed in file order.
// clang-format off
// StockEtablissement (54 columns; 53 before the NAF 2025 column, 48 in the 2019–2022 files).
inline constexpr std::array<std::string_view, 54> kEstablishmentColumns = {
    "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement",
    "trancheEffectifsEtablissement", "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement", "dateDernierTraitementEtablissement",
    "etablissementSiege", "nombrePeriodesEtablissement", "complementAdresseEtablissement",
    "numeroVoieEtablissement", "indiceRepetitionEtablissement", "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement",
    "codePostalEtablissement", "libelleCommuneEtablissement", "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement", "codeCommuneEtablissement", "codeCedexEtablissement",
    "libelleCedexEtablissement", "codePaysEtrangerEtablissement", "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement", "complementAdresse2Etablissement", "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement", "typeVoie2Etablissement", "libelleVoie2Etablissement",
    "codePostal2Etablissement", "libelleCommune2Etablissement", "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement", "codeCommune2Etablissement", "codeCedex2Etablissement",
    "libelleCedex2Etablissement", "codePaysEtranger2Etablissement", "libellePaysEtranger2Etablissement",
    "dateDebut", "etatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement",
    "enseigne3Etablissement", "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
    "activitePrincipaleNAF25Etablissement"};

// StockUniteLegale (35 columns; 33 in the 2019–2022 files).
inline constexpr std::array<std::string_view, 35> kLegalUnitColumns = {
    "siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale",
    "sigleUniteLegale", "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale", "prenom3UniteLegale",
    "prenom4UniteLegale", "prenomUsuelUniteLegale", "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale", "trancheEffectifsUniteLegale", "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale", "nombrePeriodesUniteLegale", "categorieEntreprise",
    "anneeCategorieEntreprise", "dateDebut", "etatAdministratifUniteLegale", "nomUniteLegale",
    "nomUsageUniteLegale", "denominationUniteLegale", "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale", "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale", "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale", "societeMissionUniteLegale", "caractereEmployeurUniteLegale",
    "activitePrincipaleNAF25UniteLegale"};

// StockEtablissementLiensSuccession (6 columns).
inline constexpr std::array<std::string_view, 6> kSuccessionColumns = {
    "siretEtablissementPredecesseur", "siretEtablissementSuccesseur", "dateLienSuccession", "transfertSiege",
    "continuiteEconomique", "dateDernierTraitementLienSuccession"};
// clang-format on

// Whether every name in `names` is a column of `columns` (for static_assert).
template <class Names, class Columns>
constexpr bool all_columns_of(const Names& names, const Columns& columns) {
  for (std::string_view name : names) {
    bool found = false;
    for (std::string_view column : columns) found = found || column == name;
    if (!found) return false;
  }
  return true;
}

}  // namespace grappe::sirene
