#pragma once
// Internals shared by the builder, the in-memory register and the register file: the owning
// column vectors, and RegisterFile, the one friend of Register that wires spans to storage.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "grappe/register/register.hpp"

namespace grappe {

// Establishment columns as owning vectors (a builder's rows, or a register built in memory).
struct EstablishmentColumns {
  std::vector<std::uint64_t> siret;
  std::vector<std::uint32_t> siren;
  std::vector<std::uint16_t> sector;
  std::vector<std::uint32_t> commune;
  std::vector<double> x, y;
  std::vector<float> lon, lat, headcount;
  std::vector<std::uint8_t> band;
  std::vector<Date> created;
  std::vector<std::uint8_t> flags;
  std::vector<std::uint16_t> naf25;  // NAF 2025 sub-class index, kNoSector when none
  std::vector<std::uint64_t> name_offsets{0}, address_offsets{0};
  std::string names, addresses;

  std::size_t size() const { return siret.size(); }
  void append_strings(std::string_view name, std::string_view address);
  // The same rows in the given order.
  EstablishmentColumns permuted(const std::vector<std::uint32_t>& order) const;
};

// Legal units, either decoded or waiting to be decoded from a mapped file on first use.
struct LegalUnitTable {
  mutable std::once_flag decoded;
  mutable std::vector<LegalUnitRecord> records;
  std::function<std::vector<LegalUnitRecord>()> decode;  // empty when records are ready
  std::span<const LegalUnitRecord> get() const;
};

// Row order (sector, siret) and the derived indexes.
std::vector<std::uint32_t> sector_siret_order(const EstablishmentColumns& columns);
std::vector<std::uint32_t> sector_starts(std::span<const std::uint16_t> sorted_sector,
                                         std::size_t subclass_count);
std::vector<std::uint32_t> siret_order(std::span<const std::uint64_t> siret);

class RegisterFile {
 public:
  // A register over owning storage (built in memory).
  static Register from_columns(std::shared_ptr<const Naf> naf, std::shared_ptr<const Territories> territories,
                               EstablishmentColumns sorted_rows, std::vector<LegalUnitRecord> legal_units,
                               std::vector<SuccessionLink> successions);
  // Maps and validates a register file.
  static Register open(const std::filesystem::path& path, bool verify);
};

}  // namespace grappe

namespace grappe {
// CRC-32 of the NAF sub-class codes and commune codes, in index order: a register file is only
// valid with the reference tables it was built with.
// From format version 3 the NAF 2025 codes are included too (`naf2025` given).
std::uint32_t reference_crc(const Naf& naf, const Territories& territories, const Naf* naf2025 = nullptr);
}  // namespace grappe
