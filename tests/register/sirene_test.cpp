#include "grappe/register/sirene.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/register/projection.hpp"
#include "grappe/register/sirene_columns.hpp"

using namespace grappe;

namespace {
// The header line of a real INSEE file (tests/data/register/real/README.md).
std::vector<std::string> real_header(const std::string& file) {
  std::ifstream in(std::string(GRAPPE_SOURCE_DIR) + "/tests/data/register/real/" + file);
  std::string line, name;
  std::getline(in, line);
  std::vector<std::string> names;
  for (std::istringstream fields(line); std::getline(fields, name, ',');) names.push_back(name);
  return names;
}
// `columns` without `later` (the columns INSEE added after the file was published).
template <class Columns>
std::vector<std::string> without(const Columns& columns, std::vector<std::string_view> later = {}) {
  std::vector<std::string> out;
  for (auto c : columns)
    if (std::find(later.begin(), later.end(), c) == later.end()) out.emplace_back(c);
  return out;
}
}  // namespace

// The one table of INSEE's column names is spelt as INSEE's files spell them, in their order.
TEST(SireneColumns, AreTheHeadersOfRealFiles) {
  EXPECT_EQ(real_header("StockEtablissement_2024_04_53col.csv"),
            without(sirene::kEstablishmentColumns, {"activitePrincipaleNAF25Etablissement"}));
  EXPECT_EQ(real_header("StockUniteLegale_2022.csv"),
            without(sirene::kLegalUnitColumns,
                    {"societeMissionUniteLegale", "activitePrincipaleNAF25UniteLegale"}));
  EXPECT_EQ(real_header("StockEtablissementLiensSuccession_2020.csv"), without(sirene::kSuccessionColumns));
}

TEST(Siret, LuhnKeyAndLaPoste) {
  EXPECT_TRUE(valid_siret("55210055400013"));
  EXPECT_FALSE(valid_siret("55210055400014"));
  EXPECT_FALSE(valid_siret("5521005540001"));
  EXPECT_FALSE(valid_siret("552100554X0013"));
  EXPECT_TRUE(valid_siret("35600000000015"));  // La Poste: digit sum 20, a multiple of 5
  EXPECT_FALSE(valid_siret("35600000000016"));
}

TEST(Projection, Lambert93ToWgs84MatchesTheReferencePoint) {
  Projector projector;
  double x = 649242.57, y = 6861355.85, lon, lat;
  projector.to_wgs84(Projection::lambert93, 1, &x, &y, &lon, &lat);
  EXPECT_NEAR(lon, 2.308310, 5e-7);
  EXPECT_NEAR(lat, 48.850244, 5e-7);
}

TEST(Projection, OverseasTerritoriesUseTheirOwnSystems) {
  EXPECT_EQ(projection_of_commune("41194"), Projection::lambert93);
  EXPECT_EQ(projection_of_commune("2A004"), Projection::lambert93);
  EXPECT_EQ(epsg_of(projection_of_commune("97101")), 5490);
  EXPECT_EQ(epsg_of(projection_of_commune("97209")), 5490);
  EXPECT_EQ(epsg_of(projection_of_commune("97302")), 2972);
  EXPECT_EQ(epsg_of(projection_of_commune("97411")), 2975);
  EXPECT_EQ(epsg_of(projection_of_commune("97502")), 4467);
  EXPECT_EQ(epsg_of(projection_of_commune("97611")), 4471);
  EXPECT_EQ(epsg_of(projection_of_commune("97701")), 5490);
  EXPECT_EQ(epsg_of(projection_of_commune("97801")), 5490);
  EXPECT_EQ(projection_of_commune("98818"), Projection::none);
  Projector projector;
  // Saint-Denis de La Réunion, RGR92 / UTM 40S: about 55.45°E 20.88°S.
  double x = 338000, y = 7690000, lon, lat;
  projector.to_wgs84(Projection::reunion, 1, &x, &y, &lon, &lat);
  EXPECT_NEAR(lon, 55.45, 0.05);
  EXPECT_NEAR(lat, -20.88, 0.05);
  // Pointe-à-Pitre, RGAF09 / UTM 20N: about 61.53°W 16.24°N.
  x = 657000, y = 1796000;
  projector.to_wgs84(Projection::antilles, 1, &x, &y, &lon, &lat);
  EXPECT_NEAR(lon, -61.53, 0.05);
  EXPECT_NEAR(lat, 16.24, 0.05);
}

TEST(EstablishmentParser, NamesEveryMissingRequiredColumn) {
  try {
    EstablishmentParser({"siren", "etatAdministratifEtablissement"}, Naf::load(), "f.csv");
    FAIL();
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("siret"), std::string::npos);
    EXPECT_NE(what.find("codeCommuneEtablissement"), std::string::npos);
    EXPECT_EQ(what.find("coordonneeLambert"), std::string::npos);  // optional since the 2019 stocks lack them
    EXPECT_NE(what.find("the header found is: siren, etatAdministratifEtablissement (2 columns)"),
              std::string::npos)
        << what;
  }
}

TEST(EstablishmentParser, MatchesColumnsByNameWhateverTheCaseAndOrder) {
  const std::vector<std::string> header = {"CODECOMMUNEETABLISSEMENT",
                                           "extra",
                                           "Siret",
                                           "nomenclatureactiviteprincipaleetablissement",
                                           "ActivitePrincipaleEtablissement",
                                           "etatAdministratifEtablissement"};
  EstablishmentParser parser(header, Naf::load(), "f.csv");
  EstablishmentParser::Row row;
  parser.parse({"41194", "x", "55210055400013", "NAFRev2", "31.01Z", "A"}, false, row);
  EXPECT_EQ(row.outcome, RowOutcome::kept);
  EXPECT_EQ(row.record.commune_code, "41194");
  EXPECT_EQ(row.record.position, PositionSource::none);
}

TEST(EstablishmentParser, OneCoordinateColumnWithoutItsPartnerIsRefused) {
  try {
    EstablishmentParser({"siret", "etatAdministratifEtablissement", "activitePrincipaleEtablissement",
                         "nomenclatureActivitePrincipaleEtablissement", "codeCommuneEtablissement",
                         "coordonneeLambertAbscisseEtablissement", "latitude"},
                        Naf::load(), "f.csv");
    FAIL();
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("lacks the required column(s): coordonneeLambertOrdonneeEtablissement, longitude"),
              std::string::npos)
        << what;
  }
}

TEST(EstablishmentParser, ClassifiesRowsInOrder) {
  const std::vector<std::string> header = {"siret",
                                           "etatAdministratifEtablissement",
                                           "activitePrincipaleEtablissement",
                                           "nomenclatureActivitePrincipaleEtablissement",
                                           "codeCommuneEtablissement",
                                           "coordonneeLambertAbscisseEtablissement",
                                           "coordonneeLambertOrdonneeEtablissement",
                                           "denominationUsuelleEtablissement",
                                           "enseigne1Etablissement"};
  EstablishmentParser parser(header, Naf::load(), "f.csv");
  EstablishmentParser::Row row;
  auto parse = [&](std::vector<std::string_view> f, bool include_closed = false) {
    parser.parse(f, include_closed, row);
    return row.outcome;
  };
  EXPECT_EQ(parse({"55210055400013", "A", "31.01Z", "NAFRev2", "41194", "601000", "6695000", "", "ENSEIGNE"}),
            RowOutcome::kept);
  EXPECT_EQ(row.record.name, "ENSEIGNE");
  EXPECT_EQ(row.record.siren, 552100554u);
  EXPECT_EQ(parse({"55210055400013", "F", "31.01Z", "NAFRev2", "41194", "", "", "", ""}), RowOutcome::closed);
  EXPECT_EQ(parse({"55210055400013", "F", "31.01Z", "NAFRev2", "41194", "", "", "", ""}, true),
            RowOutcome::kept);
  EXPECT_FALSE(row.record.flags & kActive);
  EXPECT_EQ(parse({"55210055400013", "A", "", "", "41194", "", "", "", ""}), RowOutcome::no_nomenclature);
  EXPECT_EQ(parse({"55210055400013", "A", "52.1A", "NAFRev1", "41194", "", "", "", ""}),
            RowOutcome::old_nomenclature);
  EXPECT_EQ(parse({"55210055400013", "A", "31.01Z", "NAFRev2", "41194", "601000", "", "", ""}),
            RowOutcome::rejected);
  EXPECT_STREQ(row.reason, "bad_coordinates");
  EXPECT_EQ(parse({"55210055400013", "A", "31.01Z", "NAFRev2", "41194", "6695000", "601000", "", ""}),
            RowOutcome::rejected);  // swapped axes are out of range
  EXPECT_EQ(parse({"55210055400013", "A", "31.01Z", "NAFRev2", "97411", "338000", "7690000", "", ""}),
            RowOutcome::kept);
  EXPECT_EQ(row.projection, Projection::reunion);
  EXPECT_TRUE(row.record.flags & kOverseas);
  EXPECT_EQ(parse({"55210055400013", "A", "31.01Z", "NAFRev2"}), RowOutcome::rejected);
  EXPECT_STREQ(row.reason, "field_count");
}
