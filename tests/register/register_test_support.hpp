#pragma once
// A small register for tests: a handful of establishments in three sectors.
#include "grappe/register/register.hpp"

namespace grappe::test {

inline EstablishmentRecord record(std::uint64_t siret, const std::string& naf, const std::string& commune,
                                  double x = NAN, double y = NAN) {
  EstablishmentRecord r;
  r.siret = siret;
  r.siren = static_cast<std::uint32_t>(siret / 100000);
  r.naf_code = naf;
  r.commune_code = commune;
  r.x = x;
  r.y = y;
  r.lon = std::isnan(x) ? NAN : 1.74;
  r.lat = std::isnan(x) ? NAN : 47.36;
  r.headcount_band = "12";
  r.created = *parse_iso_date("1965-04-01");
  r.name = "Firm " + std::to_string(siret);
  r.address = "1 RUE " + std::to_string(siret % 97);
  return r;
}

inline void fill(RegisterBuilder& b) {
  auto office_furniture = record(55210055400013, "31.01Z", "41194", 601000, 6695000);
  office_furniture.naf25_code = "31.00G";  // its NAF 2025 code (activitePrincipaleNAF25Etablissement)
  b.add(office_furniture);
  b.add(record(30012345600021, "25.11Z", "41194", 602000, 6696000));
  b.add(record(30012345600013, "31.01Z", "75108", 649242.57, 6861355.85));
  b.add(record(12345678900019, "43.32B", "99999"));  // unknown commune, no location
  b.add(record(40000000000011, "31.01Z", ""));
  b.add(LegalUnitRecord{552100554, "Forges de Romorantin", *parse_iso_date("1963-01-01"), false});
  b.add(LegalUnitRecord{300123456, "Agencements du Cher", kUnknownDate, true});
  b.add(SuccessionLink{55210055400013, 30012345600021, *parse_iso_date("1990-06-01"), false, true});
}

}  // namespace grappe::test
