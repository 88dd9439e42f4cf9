#include <gtest/gtest.h>

#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/register/territory.hpp"

using namespace grappe;

TEST(Territories, LoadsCommunesAndArrondissements) {
  auto t = Territories::load();
  EXPECT_EQ(t->commune_count(), 35014u);
  auto romorantin = t->find_commune("41194");
  ASSERT_TRUE(romorantin);
  const auto& c = t->commune(*romorantin);
  EXPECT_EQ(c.name, "Romorantin-Lanthenay");
  EXPECT_EQ(t->key(*romorantin, TerritoryLevel::department), "41");
  EXPECT_EQ(t->key(*romorantin, TerritoryLevel::region), "24");
  EXPECT_FALSE(c.overseas);
  EXPECT_TRUE(t->find_commune("75101"));  // Paris 1er arrondissement (SIRENE uses these)
  EXPECT_TRUE(t->commune(*t->find_commune("97101")).overseas);
  EXPECT_FALSE(t->find_commune("00000"));
  EXPECT_EQ(t->key(*romorantin, TerritoryLevel::zone), "");
}

TEST(Territories, PartitionByDepartment) {
  auto t = Territories::load();
  auto p = t->partition(TerritoryLevel::department);
  EXPECT_EQ(p.zone_codes.size(), 109u);  // 101 départements + 8 overseas collectivities
  const auto i = *t->find_commune("41194");
  EXPECT_EQ(p.zone_codes[p.zone_of_commune[i]], "41");
}

TEST(Territories, ReadsAnEmploymentZoneTable) {
  const auto path = std::filesystem::temp_directory_path() / "grappe_zones_test.csv";
  {
    std::ofstream out(path);
    out << "CODGEO,ZE2020,LIBZE2020\n41194,2409,\"Romorantin-Lanthenay\"\n75056,1101,Paris\n";
  }
  auto t = Territories::load({}, path);
  EXPECT_EQ(t->key(*t->find_commune("41194"), TerritoryLevel::zone), "2409");
  EXPECT_EQ(t->key(*t->find_commune("75108"), TerritoryLevel::zone), "1101");  // via its city
  EXPECT_EQ(t->zone_name("2409"), "Romorantin-Lanthenay");
  EXPECT_EQ(t->partition(TerritoryLevel::zone).zone_codes.size(), 2u);
  {
    std::ofstream out(path);
    out << "CODGEO,ZONE\n41194,2409\n";
  }
  try {
    Territories::load({}, path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ZE2020"), std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST(Territories, ParsesLevels) {
  EXPECT_EQ(parse_territory_level("epci"), TerritoryLevel::epci);
  EXPECT_THROW(parse_territory_level("canton"), InputError);
}
