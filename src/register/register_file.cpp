// RegisterFile::open: maps a register file and validates it (register_format.hpp) so that a
// truncated or corrupted file gives a clear error, never a crash.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <map>
#include <mutex>

#include "grappe/common/error.hpp"
#include "register_format.hpp"
#include "register_storage.hpp"

namespace grappe {
namespace fmt_ = register_format;
namespace {

constexpr std::uint64_t kAlwaysVerifyBelow = 64ull << 20;

// The NAF and commune tables, loaded once per process (and per zones table): reopening a
// register must cost milliseconds, not a re-read of 35,000 communes.
std::pair<std::shared_ptr<const Naf>, std::shared_ptr<const Territories>> reference_tables(
    const std::string& zones) {
  static std::mutex mutex;
  static std::shared_ptr<const Naf> naf;
  static std::map<std::string, std::shared_ptr<const Territories>> territories;
  std::lock_guard lock(mutex);
  if (!naf) naf = Naf::load();
  auto& t = territories[zones];
  if (!t) t = Territories::load_with_zones_text({}, zones);
  return {naf, t};
}

// Fuzzing builds skip checksum comparisons so that the fuzzer reaches the structural checks
// behind them (the usual libFuzzer convention).
bool checksum_differs(std::uint32_t computed, std::uint32_t stored) {
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  (void)computed;
  (void)stored;
  return false;
#else
  return computed != stored;
#endif
}

struct Mapping {
  const char* data = nullptr;
  std::uint64_t size = 0;
  ~Mapping() {
    if (data) ::munmap(const_cast<char*>(data), size);
  }
};

class Opener {
 public:
  explicit Opener(std::filesystem::path path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw Error("the register file " + path_.string() + " " + problem);
  }

  std::shared_ptr<Mapping> map() {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      throw InputError("cannot open the register file " + path_.string() + ": " + std::strerror(errno));
    struct stat st {};
    auto mapping = std::make_shared<Mapping>();
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      fail("is not a regular file");
    }
    mapping->size = static_cast<std::uint64_t>(st.st_size);
    if (mapping->size < sizeof(fmt_::Header)) {
      ::close(fd);
      fail("is not a grappe register (only " + std::to_string(mapping->size) + " bytes)");
    }
    void* p = ::mmap(nullptr, mapping->size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) fail(std::string("cannot be mapped: ") + std::strerror(errno));
    mapping->data = static_cast<const char*>(p);
    return mapping;
  }

  static std::uint32_t crc(const char* data, std::uint64_t bytes) {
    std::uint32_t c = static_cast<std::uint32_t>(crc32(0, nullptr, 0));
    while (bytes > 0) {
      const auto n = static_cast<uInt>(std::min<std::uint64_t>(bytes, 1u << 30));
      c = static_cast<std::uint32_t>(crc32(c, reinterpret_cast<const Bytef*>(data), n));
      data += n;
      bytes -= n;
    }
    return c;
  }

  fmt_::Header header(const Mapping& m) const {
    fmt_::Header h;
    std::memcpy(&h, m.data, sizeof h);
    if (std::memcmp(h.magic, fmt_::kMagic, sizeof h.magic) != 0)
      fail("is not a grappe register (bad magic number)");
    if (h.version < fmt_::kOldestReadableVersion || h.version > fmt_::kVersion)
      fail("has format version " + std::to_string(h.version) + " but this grappe reads versions " +
           std::to_string(fmt_::kOldestReadableVersion) + " to " + std::to_string(fmt_::kVersion) +
           ": re-run grappe ingest");
    if (checksum_differs(crc(m.data, 60), h.header_crc)) fail("has a corrupted header (checksum mismatch)");
    if (h.file_size != m.size)
      fail("is truncated or damaged: it should be " + std::to_string(h.file_size) + " bytes but is " +
           std::to_string(m.size));
    if (h.section_count != (h.version >= 3 ? fmt_::kSectionCount : fmt_::kSectionCountV2))
      fail("has an unexpected section count");
    return h;
  }

  std::vector<fmt_::SectionEntry> sections(const Mapping& m, const fmt_::Header& h) const {
    std::vector<fmt_::SectionEntry> entries(h.section_count);
    const std::uint64_t table_bytes = entries.size() * sizeof(fmt_::SectionEntry);
    if (sizeof h + table_bytes > m.size) fail("is truncated (section table)");
    std::memcpy(entries.data(), m.data + sizeof h, table_bytes);
    if (checksum_differs(crc(m.data + sizeof h, table_bytes), h.table_crc))
      fail("has a corrupted section table (checksum mismatch)");
    const std::uint64_t n = h.row_count, units = h.legal_unit_count;
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      if (e.id != i + 1 || e.element_size != fmt_::kElementSize[e.id] || e.offset % fmt_::kAlignment != 0 ||
          e.offset > m.size || e.bytes > m.size - e.offset || e.bytes % e.element_size != 0)
        fail("has a corrupted section table (section " + std::to_string(i + 1) + ")");
      std::uint64_t expected = UINT64_MAX;
      if (e.id <= fmt_::kFlags || e.id == fmt_::kSiretOrder || e.id == fmt_::kNaf25)
        expected = n * e.element_size;
      if (e.id == fmt_::kNameOffsets || e.id == fmt_::kAddressOffsets) expected = (n + 1) * 8;
      if (e.id == fmt_::kSectorStart) expected = (std::uint64_t{h.subclass_count} + 1) * 4;
      if (e.id >= fmt_::kUnitSiren && e.id <= fmt_::kUnitActive) expected = units * e.element_size;
      if (e.id == fmt_::kUnitNameOffsets) expected = (units + 1) * 8;
      if (expected != UINT64_MAX && e.bytes != expected)
        fail("has a corrupted section table (section " + std::to_string(i + 1) + " has the wrong size)");
    }
    return entries;
  }

  void verify_checksums(const Mapping& m, const std::vector<fmt_::SectionEntry>& entries) const {
    for (const auto& e : entries)
      if (checksum_differs(crc(m.data + e.offset, e.bytes), e.crc))
        fail("is corrupted: section " + std::to_string(e.id) + " fails its checksum");
  }

 private:
  std::filesystem::path path_;
};

template <class T>
std::span<const T> view(const Mapping& m, const fmt_::SectionEntry& e) {
  return {reinterpret_cast<const T*>(m.data + e.offset), e.bytes / sizeof(T)};
}

// Offsets into a blob must start at 0, never decrease and end at the blob's size.
bool offsets_valid(std::span<const std::uint64_t> offsets, std::uint64_t blob_bytes, bool every) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != blob_bytes) return false;
  if (every)
    for (std::size_t i = 1; i < offsets.size(); ++i)
      if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

}  // namespace

Register RegisterFile::open(const std::filesystem::path& path, bool verify) {
  Opener opener(path);
  auto mapping = opener.map();
  const auto header = opener.header(*mapping);
  const auto entries = opener.sections(*mapping, header);
  const bool full = verify || mapping->size <= kAlwaysVerifyBelow;
  if (full) opener.verify_checksums(*mapping, entries);
  auto section = [&](fmt_::SectionId id) -> const fmt_::SectionEntry& { return entries[id - 1]; };
  const auto& m = *mapping;

  const std::string zones(view<char>(m, section(fmt_::kZonesText)).data(), section(fmt_::kZonesText).bytes);
  auto [naf, territories] = reference_tables(zones);
  const auto naf2025 = Naf::load(Nomenclature::naf_2025);
  if (naf->subclass_count() != header.subclass_count ||
      territories->commune_count() != header.commune_count ||
      checksum_differs(reference_crc(*naf, *territories, header.version >= 3 ? naf2025.get() : nullptr),
                       header.reference_crc))
    opener.fail("was built with other reference data (NAF or commune table): re-run grappe ingest");

  Register r;
  r.file_version_ = header.version;
  r.naf_ = naf;
  r.naf2025_ = naf2025;
  r.territories_ = territories;
  for_each_column(
      [&](fmt_::SectionId id, auto& column) {
        using T = typename std::remove_reference_t<decltype(column)>::value_type;
        if (id != fmt_::kNaf25 || header.version >= 3) column = view<T>(m, section(id));
      },
      r.columns_);
  r.name_offsets_ = view<std::uint64_t>(m, section(fmt_::kNameOffsets));
  r.address_offsets_ = view<std::uint64_t>(m, section(fmt_::kAddressOffsets));
  r.name_blob_ = {m.data + section(fmt_::kNames).offset, section(fmt_::kNames).bytes};
  r.address_blob_ = {m.data + section(fmt_::kAddresses).offset, section(fmt_::kAddresses).bytes};
  r.sector_start_ = view<std::uint32_t>(m, section(fmt_::kSectorStart));
  r.siret_order_ = view<std::uint32_t>(m, section(fmt_::kSiretOrder));
  r.successions_ = {reinterpret_cast<const SuccessionLink*>(m.data + section(fmt_::kSuccessions).offset),
                    section(fmt_::kSuccessions).bytes / sizeof(SuccessionLink)};
  static_assert(sizeof(SuccessionLink) == sizeof(fmt_::StoredSuccession));

  // Indexes every lookup relies on are always checked (they are small or checked at the ends).
  const std::uint64_t n = header.row_count;
  const auto& start = r.sector_start_;
  if (start.front() != 0 || start.back() != n) opener.fail("is corrupted: bad sector index");
  for (std::size_t i = 1; i < start.size(); ++i)
    if (start[i] < start[i - 1]) opener.fail("is corrupted: bad sector index");
  if (!offsets_valid(r.name_offsets_, r.name_blob_.size(), full) ||
      !offsets_valid(r.address_offsets_, r.address_blob_.size(), full))
    opener.fail("is corrupted: bad name or address offsets");
  const auto unit_offsets = view<std::uint64_t>(m, section(fmt_::kUnitNameOffsets));
  if (!offsets_valid(unit_offsets, section(fmt_::kUnitNames).bytes, full))
    opener.fail("is corrupted: bad legal-unit name offsets");
  if (full) {
    for (std::size_t s = 0; s + 1 < start.size(); ++s)
      for (auto row = start[s]; row < start[s + 1]; ++row)
        if (r.sector()[row] != s) opener.fail("is corrupted: rows out of sector order");
    for (auto c : r.commune())
      if (c != kNoCommune && c >= header.commune_count) opener.fail("is corrupted: bad commune index");
    for (auto b : r.headcount_band())
      if (b >= kBands.size()) opener.fail("is corrupted: bad headcount band");
    for (auto s : r.columns_.naf25)
      if (s != kNoSector && s >= naf2025->subclass_count()) opener.fail("is corrupted: bad NAF 2025 index");
    for (auto row : r.siret_order_)
      if (row >= n) opener.fail("is corrupted: bad siret index");
    for (const auto& link : view<fmt_::StoredSuccession>(m, section(fmt_::kSuccessions)))
      if (link.head_office_transfer > 1 || link.economic_continuity > 1)
        opener.fail("is corrupted: bad succession");
  }

  auto table = std::make_shared<LegalUnitTable>();
  const auto unit_siren = view<std::uint32_t>(m, section(fmt_::kUnitSiren));
  const auto unit_created = view<Date>(m, section(fmt_::kUnitCreated));
  const auto unit_active = view<std::uint8_t>(m, section(fmt_::kUnitActive));
  const std::string_view unit_names(m.data + section(fmt_::kUnitNames).offset,
                                    section(fmt_::kUnitNames).bytes);
  table->decode = [mapping, unit_siren, unit_created, unit_active, unit_offsets, unit_names] {
    std::vector<LegalUnitRecord> units(unit_siren.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
      const auto begin = unit_offsets[i], end = std::max(begin, unit_offsets[i + 1]);
      units[i] = {
          unit_siren[i],
          std::string(unit_names.substr(std::min<std::uint64_t>(begin, unit_names.size()), end - begin)),
          unit_created[i], unit_active[i] != 0};
    }
    return units;
  };
  r.legal_units_ = std::move(table);
  r.storage_ = std::move(mapping);
  return r;
}

}  // namespace grappe
