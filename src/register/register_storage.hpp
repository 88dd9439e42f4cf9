#pragma once
// Internals shared by the builder, the in-memory register and the register file: the owning
// column vectors, and RegisterFile, the one friend of Register that wires spans to storage.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "grappe/register/register.hpp"
#include "register_format.hpp"

namespace grappe {

template <class T>
using Vector = std::vector<T>;
template <class T>
using Value = T;
using FixedRow = FixedColumns<Value>;

// Calls fn(section, column…) for each fixed-size column, with that member of every `columns`
// (FixedColumns of any form): the one list of the columns and of their register file sections.
template <class Fn, class... Columns>
void for_each_column(Fn&& fn, Columns&&... columns) {
  namespace f = register_format;
  fn(f::kSiret, columns.siret...);
  fn(f::kSiren, columns.siren...);
  fn(f::kSector, columns.sector...);
  fn(f::kCommune, columns.commune...);
  fn(f::kX, columns.x...);
  fn(f::kY, columns.y...);
  fn(f::kLon, columns.lon...);
  fn(f::kLat, columns.lat...);
  fn(f::kHeadcount, columns.headcount...);
  fn(f::kBand, columns.band...);
  fn(f::kCreated, columns.created...);
  fn(f::kFlags, columns.flags...);
  fn(f::kNaf25, columns.naf25...);
}

// Establishment columns as owning vectors (a builder's rows, or a register built in memory).
struct EstablishmentColumns : FixedColumns<Vector> {
  std::vector<std::uint64_t> name_offsets{0}, address_offsets{0};
  std::string names, addresses;

  std::size_t size() const { return siret.size(); }
  std::string_view name(std::size_t row) const;
  std::string_view address(std::size_t row) const;
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
