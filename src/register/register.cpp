// Register: the read-only view, headcount bands, dates, and wiring over in-memory storage.
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <numeric>

#include "grappe/common/date.hpp"
#include "grappe/common/error.hpp"
#include "register_storage.hpp"

namespace grappe {

float headcount_midpoint(std::string_view band_code) {
  // INSEE tranches d'effectifs salariés: midpoint of each band ("53" = 10,000 and more).
  static constexpr std::array<float, 16> kMidpoints = {0,       0,       1.5f,    4,      7.5f,   14.5f,
                                                       34.5f,   74.5f,   149.5f,  224.5f, 374.5f, 749.5f,
                                                       1499.5f, 3499.5f, 7499.5f, 10000};
  return kMidpoints[headcount_band_index(band_code)];
}

std::uint8_t headcount_band_index(std::string_view band_code) {
  for (std::size_t i = 0; i < kBands.size(); ++i)
    if (kBands[i] == band_code) return static_cast<std::uint8_t>(i);
  return 0;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  const auto day = parse_iso_day(text);
  if (!day) return std::nullopt;
  const int year = int(std::chrono::year_month_day(*day).year());
  if (year < 1000 || year > 2999) return std::nullopt;  // the years a register holds
  return static_cast<Date>(day->time_since_epoch().count());
}

std::string format_date(Date date) {
  if (date == kUnknownDate) return {};
  return format_iso_day(Day(std::chrono::days(date)));
}

// ---- Register views ----

namespace {
std::string_view blob_slice(std::span<const std::uint64_t> offsets, std::string_view blob, std::size_t row) {
  if (row + 1 >= offsets.size()) return {};
  const auto begin = offsets[row], end = offsets[row + 1];
  if (begin > end || end > blob.size()) return {};  // corrupted offsets never read out of bounds
  return blob.substr(begin, end - begin);
}
}  // namespace

std::string_view Register::name(std::size_t row) const { return blob_slice(name_offsets_, name_blob_, row); }
std::string_view Register::address(std::size_t row) const {
  return blob_slice(address_offsets_, address_blob_, row);
}
std::string_view Register::display_name(std::size_t row) const {
  const auto n = name(row);
  return n.empty() && non_diffusible(row) ? std::string_view("non diffusible") : n;
}

const char* position_source_name(PositionSource source) {
  static constexpr std::array<const char*, 4> kNames = {"none", "lambert", "geolocation", "commune"};
  const auto i = static_cast<std::size_t>(source);
  return i < kNames.size() ? kNames[i] : "none";
}

PositionPolicy parse_position_policy(std::string_view text) {
  if (text == "exact") return PositionPolicy::exact;
  if (text == "any") return PositionPolicy::any;
  throw InputError("--positions must be exact or any, not '" + std::string(text) + "'");
}

std::pair<std::size_t, std::size_t> Register::sector_rows(std::uint16_t subclass) const {
  if (subclass + 1u >= sector_start_.size()) return {0, 0};
  return {sector_start_[subclass], sector_start_[subclass + 1]};
}

std::size_t Register::find_siret(std::uint64_t siret) const {
  auto it = std::lower_bound(siret_order_.begin(), siret_order_.end(), siret,
                             [&](std::uint32_t row, std::uint64_t s) { return columns_.siret[row] < s; });
  if (it == siret_order_.end() || columns_.siret[*it] != siret) return SIZE_MAX;
  return *it;
}

std::span<const LegalUnitRecord> Register::legal_units() const {
  return legal_units_ ? legal_units_->get() : std::span<const LegalUnitRecord>{};
}

const LegalUnitRecord* Register::find_legal_unit(std::uint32_t siren) const {
  auto units = legal_units();
  auto it = std::lower_bound(units.begin(), units.end(), siren,
                             [](const LegalUnitRecord& u, std::uint32_t s) { return u.siren < s; });
  return it != units.end() && it->siren == siren ? &*it : nullptr;
}

std::span<const LegalUnitRecord> LegalUnitTable::get() const {
  std::call_once(decoded, [&] {
    if (decode) records = decode();
  });
  return records;
}

// ---- Columns and orders ----

void EstablishmentColumns::append_strings(std::string_view name, std::string_view address) {
  names.append(name);
  name_offsets.push_back(names.size());
  addresses.append(address);
  address_offsets.push_back(addresses.size());
}

std::string_view EstablishmentColumns::name(std::size_t row) const {
  return std::string_view(names).substr(name_offsets[row], name_offsets[row + 1] - name_offsets[row]);
}

std::string_view EstablishmentColumns::address(std::size_t row) const {
  return std::string_view(addresses).substr(address_offsets[row],
                                            address_offsets[row + 1] - address_offsets[row]);
}

EstablishmentColumns EstablishmentColumns::permuted(const std::vector<std::uint32_t>& order) const {
  EstablishmentColumns out;
  for_each_column(
      [&](auto, auto& dst, const auto& src) {
        dst.resize(order.size());
        for (std::size_t i = 0; i < order.size(); ++i) dst[i] = src[order[i]];
      },
      out, *this);
  out.names.reserve(names.size());
  out.addresses.reserve(addresses.size());
  for (auto row : order) out.append_strings(name(row), address(row));
  return out;
}

std::vector<std::uint32_t> sector_siret_order(const EstablishmentColumns& c) {
  std::vector<std::uint32_t> order(c.size());
  std::iota(order.begin(), order.end(), 0u);
  tbb::parallel_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (c.sector[a] != c.sector[b]) return c.sector[a] < c.sector[b];
    if (c.siret[a] != c.siret[b]) return c.siret[a] < c.siret[b];
    return a < b;
  });
  return order;
}

std::vector<std::uint32_t> sector_starts(std::span<const std::uint16_t> sorted_sector,
                                         std::size_t subclass_count) {
  std::vector<std::uint32_t> start(subclass_count + 1, 0);
  for (auto s : sorted_sector) ++start[s + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  return start;
}

std::vector<std::uint32_t> siret_order(std::span<const std::uint64_t> siret) {
  std::vector<std::uint32_t> order(siret.size());
  std::iota(order.begin(), order.end(), 0u);
  tbb::parallel_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return siret[a] != siret[b] ? siret[a] < siret[b] : a < b;
  });
  return order;
}

// ---- In-memory register ----

namespace {
struct MemoryStorage {
  EstablishmentColumns rows;
  std::vector<std::uint32_t> sector_start, siret_order;
  std::vector<SuccessionLink> successions;
};
}  // namespace

Register RegisterFile::from_columns(std::shared_ptr<const Naf> naf,
                                    std::shared_ptr<const Territories> territories,
                                    EstablishmentColumns sorted_rows,
                                    std::vector<LegalUnitRecord> legal_units,
                                    std::vector<SuccessionLink> successions) {
  auto storage = std::make_shared<MemoryStorage>();
  storage->rows = std::move(sorted_rows);
  storage->sector_start = sector_starts(storage->rows.sector, naf->subclass_count());
  storage->siret_order = siret_order(storage->rows.siret);
  storage->successions = std::move(successions);
  const auto& c = storage->rows;
  Register r;
  r.naf_ = std::move(naf);
  r.naf2025_ = Naf::load(Nomenclature::naf_2025);
  r.territories_ = std::move(territories);
  for_each_column([](auto, auto& view, const auto& column) { view = column; }, r.columns_, c);
  r.name_offsets_ = c.name_offsets;
  r.address_offsets_ = c.address_offsets;
  r.name_blob_ = c.names;
  r.address_blob_ = c.addresses;
  r.sector_start_ = storage->sector_start;
  r.siret_order_ = storage->siret_order;
  r.successions_ = storage->successions;
  auto table = std::make_shared<LegalUnitTable>();
  table->records = std::move(legal_units);
  r.legal_units_ = std::move(table);
  r.storage_ = std::move(storage);
  return r;
}

Register Register::open(const std::filesystem::path& path, bool verify) {
  return RegisterFile::open(path, verify);
}

}  // namespace grappe
