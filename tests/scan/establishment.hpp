#pragma once
// Establishments for the scan tests' in-memory registers: active, with an exact position.
#include <string>

#include "grappe/register/register.hpp"

namespace grappe::test {

// Establishment k of firm k (each its own firm), or of `firm` when given, in Romorantin (41194).
inline EstablishmentRecord record(std::uint64_t k, const std::string& naf, double x, double y,
                                  const std::string& name = "X", std::uint32_t firm = 0) {
  EstablishmentRecord r;
  r.siren = firm ? firm : static_cast<std::uint32_t>(100000000 + k);
  r.siret = static_cast<std::uint64_t>(r.siren) * 100000 + (firm ? k % 100000 : 1);
  r.naf_code = naf;
  r.commune_code = "41194";
  r.x = x;
  r.y = y;
  r.lon = 3 + (x - 700000) / 73000;  // rough, only for the outputs
  r.lat = 46.5 + (y - 6600000) / 111000;
  r.headcount_band = "03";
  r.flags = kActive;
  r.name = name;
  r.address = "1 RUE DU TEST";
  return r;
}

}  // namespace grappe::test
