// RegisterBuilder::write: sorted runs spilled to disk, merged into the columns of a register
// file (register_format.hpp). Memory stays bounded by one run plus the siret column.
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <queue>
#include <tuple>

#include "grappe/common/error.hpp"
#include "register_builder_impl.hpp"
#include "register_format.hpp"

namespace grappe {
namespace fmt_ = register_format;
namespace {

// One establishment as stored in a run file, followed by its name and address bytes.
struct RunRow {
  FixedRow values;
  std::uint32_t name_bytes, address_bytes;
};

FixedRow row_at(const EstablishmentColumns& columns, std::size_t row) {
  FixedRow values;
  for_each_column([&](auto, auto& value, const auto& column) { value = column[row]; }, values, columns);
  return values;
}

std::uint32_t crc_update(std::uint32_t crc, const void* data, std::uint64_t bytes) {
  auto p = static_cast<const Bytef*>(data);
  while (bytes > 0) {
    const auto n = static_cast<uInt>(std::min<std::uint64_t>(bytes, 1u << 30));
    crc = static_cast<std::uint32_t>(crc32(crc, p, n));
    p += n;
    bytes -= n;
  }
  return crc;
}

[[noreturn]] void io_error(const std::string& what, const std::filesystem::path& path) {
  throw Error("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

// Writes one section at its offset through a buffer, computing its CRC.
class SectionWriter {
 public:
  SectionWriter(int fd, const std::filesystem::path* path, fmt_::SectionEntry entry)
      : fd_(fd), path_(path), entry_(entry), at_(entry.offset) {
    buffer_.reserve(kBuffer);
  }
  template <class T>
  void put(const T& value) {
    append(&value, sizeof value);
  }
  void append(const void* data, std::size_t bytes) {
    auto p = static_cast<const char*>(data);
    if (buffer_.size() + bytes > kBuffer) flush();
    if (bytes > kBuffer) return write_now(p, bytes);
    buffer_.insert(buffer_.end(), p, p + bytes);
  }
  fmt_::SectionEntry finish() {
    flush();
    if (at_ != entry_.offset + entry_.bytes)
      throw Error("internal error: section size mismatch in " + path_->string());
    entry_.crc = crc_;
    return entry_;
  }

 private:
  static constexpr std::size_t kBuffer = 1 << 18;
  void flush() {
    write_now(buffer_.data(), buffer_.size());
    buffer_.clear();
  }
  void write_now(const char* p, std::size_t bytes) {
    crc_ = crc_update(crc_, p, bytes);
    while (bytes > 0) {
      const auto n = ::pwrite(fd_, p, bytes, static_cast<off_t>(at_));
      if (n < 0) io_error("write the register file", *path_);
      p += n;
      bytes -= static_cast<std::size_t>(n);
      at_ += static_cast<std::uint64_t>(n);
    }
  }
  int fd_;
  const std::filesystem::path* path_;
  fmt_::SectionEntry entry_;
  std::uint64_t at_;
  std::uint32_t crc_ = static_cast<std::uint32_t>(crc32(0, nullptr, 0));
  std::vector<char> buffer_;
};

// Sequential reader of one sorted run: a spilled run file, or the rows still in memory read
// in sorted order (no spill when everything fits in one run).
class RunReader {
 public:
  explicit RunReader(const std::filesystem::path& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (!file_) io_error("read the temporary run", path);
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
    next();
  }
  RunReader(const EstablishmentColumns& rows, std::vector<std::uint32_t> order)
      : rows_(&rows), order_(std::move(order)) {
    next();
  }
  ~RunReader() {
    if (file_) std::fclose(file_);
  }
  bool done() const { return done_; }
  const RunRow& row() const { return row_; }
  std::string_view name() const { return name_; }
  std::string_view address() const { return address_; }
  void next() {
    if (rows_) return next_in_memory();
    if (std::fread(&row_, sizeof row_, 1, file_) != 1) {
      done_ = true;
      return;
    }
    name_buffer_.resize(row_.name_bytes);
    address_buffer_.resize(row_.address_bytes);
    if (std::fread(name_buffer_.data(), 1, name_buffer_.size(), file_) != name_buffer_.size() ||
        std::fread(address_buffer_.data(), 1, address_buffer_.size(), file_) != address_buffer_.size())
      throw Error("a temporary run file of the register writer is truncated");
    name_ = name_buffer_;
    address_ = address_buffer_;
  }

 private:
  void next_in_memory() {
    if (position_ == order_.size()) {
      done_ = true;
      return;
    }
    const auto i = order_[position_++];
    row_.values = row_at(*rows_, i);
    name_ = rows_->name(i);
    address_ = rows_->address(i);
  }

  std::FILE* file_ = nullptr;
  const EstablishmentColumns* rows_ = nullptr;
  std::vector<std::uint32_t> order_;
  std::size_t position_ = 0;
  RunRow row_{};
  std::string name_buffer_, address_buffer_;
  std::string_view name_, address_;
  bool done_ = false;
};

std::uint64_t align(std::uint64_t at) {
  return (at + fmt_::kAlignment - 1) / fmt_::kAlignment * fmt_::kAlignment;
}

}  // namespace

std::uint32_t reference_crc(const Naf& naf, const Territories& territories, const Naf* naf2025) {
  std::uint32_t crc = static_cast<std::uint32_t>(crc32(0, nullptr, 0));
  for (std::uint16_t i = 0; i < naf.subclass_count(); ++i)
    crc = crc_update(crc, naf.code(i).data(), naf.code(i).size() + 1);
  if (naf2025)
    for (std::uint16_t i = 0; i < naf2025->subclass_count(); ++i)
      crc = crc_update(crc, naf2025->code(i).data(), naf2025->code(i).size() + 1);
  for (std::uint32_t i = 0; i < territories.commune_count(); ++i) {
    const auto& code = territories.commune(i).code;
    crc = crc_update(crc, code.data(), code.size() + 1);
  }
  return crc;
}

void RegisterBuilder::spill_runs_next_to(const std::filesystem::path& output) {
  impl_->spill_path_base = output;
}

void RegisterBuilder::Impl::spill_run() {
  if (rows.size() == 0) return;
  const auto path = spill_path_base->string() + ".run" + std::to_string(runs.size());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) io_error("create the temporary run", path);
  runs.push_back(path);
  std::setvbuf(f, nullptr, _IOFBF, 1 << 22);
  for (auto i : sector_siret_order(rows)) {
    const auto name = rows.name(i), address = rows.address(i);
    const RunRow r{row_at(rows, i), static_cast<std::uint32_t>(name.size()),
                   static_cast<std::uint32_t>(address.size())};
    bool ok = std::fwrite(&r, sizeof r, 1, f) == 1;
    ok = ok && std::fwrite(name.data(), 1, name.size(), f) == name.size();
    ok = ok && std::fwrite(address.data(), 1, address.size(), f) == address.size();
    if (!ok) {
      std::fclose(f);
      io_error("write the temporary run", path);
    }
  }
  if (std::fclose(f) != 0) io_error("write the temporary run", path);
  rows = EstablishmentColumns{};
}

void RegisterBuilder::Impl::reserve_run() {
  const std::size_t n = std::min<std::size_t>(run_rows, 1u << 22);
  for_each_column([&](auto, auto& column) { column.reserve(n); }, rows);
  rows.name_offsets.reserve(n + 1);
  rows.address_offsets.reserve(n + 1);
  rows.names.reserve(n * 16);
  rows.addresses.reserve(n * 40);
}

void RegisterBuilder::Impl::remove_runs() {
  std::error_code ec;
  for (const auto& run : runs) std::filesystem::remove(run, ec);
  runs.clear();
}

namespace {

// Plans the sections in id order: offsets aligned, sizes known from the counts.
std::vector<fmt_::SectionEntry> plan_sections(const std::vector<std::uint64_t>& bytes_by_id) {
  std::vector<fmt_::SectionEntry> entries;
  std::uint64_t at = align(sizeof(fmt_::Header) + fmt_::kSectionCount * sizeof(fmt_::SectionEntry));
  for (std::uint32_t id = 1; id <= fmt_::kSectionCount; ++id) {
    entries.push_back({id, fmt_::kElementSize[id], at, bytes_by_id[id], 0, 0});
    at = align(at + bytes_by_id[id]);
  }
  return entries;
}

struct MergeOutput {
  std::vector<std::uint64_t> sirets;
  std::vector<std::uint32_t> sector_count;
};

// k-way merge of the sorted runs into the 16 establishment sections and the NAF 2025 one.
MergeOutput merge_runs(std::vector<std::unique_ptr<RunReader>> readers, int fd,
                       const std::filesystem::path& path, std::vector<fmt_::SectionEntry>& entries,
                       std::size_t subclass_count, std::uint64_t rows,
                       const std::vector<CommunePoint>& commune_points) {
  std::vector<SectionWriter> w;
  for (std::uint32_t id = fmt_::kSiret; id <= fmt_::kAddresses; ++id)
    w.emplace_back(fd, &path, entries[id - 1]);
  SectionWriter naf25(fd, &path, entries[fmt_::kNaf25 - 1]);
  auto col = [&](fmt_::SectionId id) -> SectionWriter& { return id == fmt_::kNaf25 ? naf25 : w[id - 1]; };
  using Key = std::tuple<std::uint16_t, std::uint64_t, std::size_t>;
  std::priority_queue<Key, std::vector<Key>, std::greater<>> heap;
  for (std::size_t k = 0; k < readers.size(); ++k)
    if (!readers[k]->done()) heap.emplace(readers[k]->row().values.sector, readers[k]->row().values.siret, k);
  MergeOutput out;
  out.sirets.reserve(rows);
  out.sector_count.assign(subclass_count, 0);
  std::uint64_t name_at = 0, address_at = 0;
  col(fmt_::kNameOffsets).put(name_at);
  col(fmt_::kAddressOffsets).put(address_at);
  while (!heap.empty()) {
    const std::size_t index = std::get<2>(heap.top());
    auto& reader = *readers[index];
    heap.pop();
    FixedRow r = reader.row().values;
    place_at_commune(commune_points, r.commune, r.x, r.y, r.lon, r.lat, r.flags);
    for_each_column([&](fmt_::SectionId id, const auto& value) { col(id).put(value); }, r);
    col(fmt_::kNames).append(reader.name().data(), reader.name().size());
    col(fmt_::kAddresses).append(reader.address().data(), reader.address().size());
    name_at += reader.name().size();
    address_at += reader.address().size();
    col(fmt_::kNameOffsets).put(name_at);
    col(fmt_::kAddressOffsets).put(address_at);
    out.sirets.push_back(r.siret);
    ++out.sector_count[r.sector];
    reader.next();
    if (!reader.done()) heap.emplace(reader.row().values.sector, reader.row().values.siret, index);
  }
  for (std::uint32_t id = fmt_::kSiret; id <= fmt_::kAddresses; ++id) entries[id - 1] = w[id - 1].finish();
  entries[fmt_::kNaf25 - 1] = naf25.finish();
  return out;
}

}  // namespace

void RegisterBuilder::write(const std::filesystem::path& path) {
  Impl& im = *impl_;
  if (!im.spill_path_base) im.spill_path_base = path;
  struct Cleanup {
    Impl& im;
    ~Cleanup() { im.remove_runs(); }
  } cleanup{im};
  im.sort_side_tables();
  const std::uint64_t n = im.total_rows, units = im.legal_units.size();
  const std::size_t subclasses = im.naf->subclass_count();
  std::uint64_t unit_name_bytes = 0;
  for (const auto& u : im.legal_units) unit_name_bytes += u.name.size();
  const std::string& zones = im.territories->zones_text();
  std::vector<std::uint64_t> bytes(fmt_::kSectionCount + 1, 0);
  for_each_column([&](fmt_::SectionId id) { bytes[id] = n * fmt_::kElementSize[id]; });
  bytes[fmt_::kNameOffsets] = bytes[fmt_::kAddressOffsets] = (n + 1) * 8;
  bytes[fmt_::kNames] = im.name_bytes;
  bytes[fmt_::kAddresses] = im.address_bytes;
  bytes[fmt_::kSectorStart] = (subclasses + 1) * 4;
  bytes[fmt_::kSiretOrder] = n * 4;
  bytes[fmt_::kUnitSiren] = bytes[fmt_::kUnitCreated] = units * 4;
  bytes[fmt_::kUnitActive] = units;
  bytes[fmt_::kUnitNameOffsets] = (units + 1) * 8;
  bytes[fmt_::kUnitNames] = unit_name_bytes;
  bytes[fmt_::kSuccessions] = im.successions.size() * sizeof(fmt_::StoredSuccession);
  bytes[fmt_::kZonesText] = zones.size();
  auto entries = plan_sections(bytes);
  const std::uint64_t file_size = align(entries.back().offset + entries.back().bytes);

  const auto tmp = std::filesystem::path(path.string() + ".tmp");
  const int fd = ::open(tmp.c_str(), O_CREAT | O_TRUNC | O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0) io_error("create the register file", tmp);
  struct Closer {
    int fd;
    ~Closer() {
      if (fd >= 0) ::close(fd);
    }
  } closer{fd};
  if (::ftruncate(fd, static_cast<off_t>(file_size)) != 0) io_error("size the register file", tmp);

  std::vector<std::unique_ptr<RunReader>> readers;
  for (const auto& run : im.runs) readers.push_back(std::make_unique<RunReader>(run));
  readers.push_back(std::make_unique<RunReader>(im.rows, sector_siret_order(im.rows)));  // not spilled
  auto merged = merge_runs(std::move(readers), fd, tmp, entries, subclasses, n, impl_->commune_points);
  im.remove_runs();
  im.rows = EstablishmentColumns{};
  auto section = [&](fmt_::SectionId id, auto&& fill) {
    SectionWriter w(fd, &tmp, entries[id - 1]);
    fill(w);
    entries[id - 1] = w.finish();
  };
  section(fmt_::kSectorStart, [&](SectionWriter& w) {
    std::uint32_t at = 0;
    w.put(at);
    for (auto count : merged.sector_count) w.put(at += count);
  });
  section(fmt_::kSiretOrder, [&](SectionWriter& w) {
    const auto order = siret_order(merged.sirets);
    w.append(order.data(), order.size() * 4);
  });
  merged = {};
  section(fmt_::kUnitSiren, [&](SectionWriter& w) {
    for (const auto& u : im.legal_units) w.put(u.siren);
  });
  section(fmt_::kUnitCreated, [&](SectionWriter& w) {
    for (const auto& u : im.legal_units) w.put(u.created);
  });
  section(fmt_::kUnitActive, [&](SectionWriter& w) {
    for (const auto& u : im.legal_units) w.put(static_cast<std::uint8_t>(u.active));
  });
  section(fmt_::kUnitNameOffsets, [&](SectionWriter& w) {
    std::uint64_t at = 0;
    w.put(at);
    for (const auto& u : im.legal_units) w.put(at += u.name.size());
  });
  section(fmt_::kUnitNames, [&](SectionWriter& w) {
    for (const auto& u : im.legal_units) w.append(u.name.data(), u.name.size());
  });
  section(fmt_::kSuccessions, [&](SectionWriter& w) {
    for (const auto& s : im.successions) {
      fmt_::StoredSuccession stored{s.predecessor,          s.successor,           s.date,
                                    s.head_office_transfer, s.economic_continuity, {0, 0}};
      w.put(stored);
    }
  });
  section(fmt_::kZonesText, [&](SectionWriter& w) { w.append(zones.data(), zones.size()); });

  fmt_::Header header{};
  std::memcpy(header.magic, fmt_::kMagic, sizeof header.magic);
  header.version = fmt_::kVersion;
  header.section_count = fmt_::kSectionCount;
  header.row_count = n;
  header.file_size = file_size;
  header.subclass_count = static_cast<std::uint32_t>(subclasses);
  header.commune_count = static_cast<std::uint32_t>(im.territories->commune_count());
  header.reference_crc = reference_crc(*im.naf, *im.territories, im.naf2025.get());
  header.legal_unit_count = units;
  header.table_crc = crc_update(static_cast<std::uint32_t>(crc32(0, nullptr, 0)), entries.data(),
                                entries.size() * sizeof(fmt_::SectionEntry));
  header.header_crc = crc_update(static_cast<std::uint32_t>(crc32(0, nullptr, 0)), &header, 60);
  SectionWriter head(fd, &tmp, {0, 1, 0, sizeof header + entries.size() * sizeof(fmt_::SectionEntry), 0, 0});
  head.put(header);
  head.append(entries.data(), entries.size() * sizeof(fmt_::SectionEntry));
  head.finish();
  if (::fsync(fd) != 0) io_error("flush the register file", tmp);
  ::close(fd);
  closer.fd = -1;
  std::filesystem::rename(tmp, path);
  im.legal_units.clear();
  im.successions.clear();
  im.total_rows = 0;
  im.name_bytes = im.address_bytes = 0;
  im.spill_path_base.reset();
}

}  // namespace grappe
