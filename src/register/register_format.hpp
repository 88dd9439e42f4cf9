#pragma once
// The register file format, version 3 (see docs/register.md). Little-endian, 64-byte aligned:
//
//   Header (64 bytes) | section table (section_count × 32 bytes) | sections…
//
// The header and the table carry their own CRC-32; every section carries the CRC-32 of its
// bytes. Sections are arrays of fixed-size elements (or byte blobs), memory-mapped as is.
#include <cstdint>

namespace grappe::register_format {

inline constexpr char kMagic[8] = {'G', 'R', 'A', 'P', 'P', 'E', 'R', 'G'};
// Version 2 added the position source and the non-diffusible bit to the flags (same layout);
// version 3 the NAF 2025 column (section 26, and the NAF 2025 codes in the reference CRC).
// Version 1 and 2 files still open (25 sections; their located rows of version 1 read as
// Lambert positions, and they have no NAF 2025 codes).
inline constexpr std::uint32_t kVersion = 3;
inline constexpr std::uint32_t kOldestReadableVersion = 1;
inline constexpr std::uint64_t kAlignment = 64;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t section_count;
  std::uint64_t row_count;
  std::uint64_t file_size;
  std::uint32_t subclass_count;  // of the NAF table the register was built with
  std::uint32_t commune_count;   // of the commune table
  std::uint32_t reference_crc;   // CRC-32 of the NAF codes and commune codes, in order
  std::uint32_t table_crc;       // CRC-32 of the section table
  std::uint64_t legal_unit_count;
  std::uint32_t reserved;
  std::uint32_t header_crc;  // CRC-32 of the 60 bytes before it
};
static_assert(sizeof(Header) == 64);

struct SectionEntry {
  std::uint32_t id;
  std::uint32_t element_size;  // 1 for blobs
  std::uint64_t offset;        // from the start of the file, multiple of kAlignment
  std::uint64_t bytes;
  std::uint32_t crc;
  std::uint32_t reserved;
};
static_assert(sizeof(SectionEntry) == 32);

enum SectionId : std::uint32_t {
  kSiret = 1,
  kSiren,
  kSector,
  kCommune,
  kX,
  kY,
  kLon,
  kLat,
  kHeadcount,
  kBand,
  kCreated,
  kFlags,
  kNameOffsets,
  kNames,
  kAddressOffsets,
  kAddresses,
  kSectorStart,
  kSiretOrder,
  kUnitSiren,
  kUnitCreated,
  kUnitActive,
  kUnitNameOffsets,
  kUnitNames,
  kSuccessions,
  kZonesText,
  kNaf25,
  kSectionCount = kNaf25
};
// Sections of the files of versions 1 and 2.
inline constexpr std::uint32_t kSectionCountV2 = kZonesText;

// Bytes per element of each section (index = id).
inline constexpr std::uint32_t kElementSize[kSectionCount + 1] = {0, 8, 4, 2, 4, 8, 8, 4, 4, 4, 1,  4, 1, 8,
                                                                  1, 8, 1, 4, 4, 4, 4, 1, 8, 1, 24, 1, 2};

// A succession link as stored (24 bytes, no padding left uninitialised).
struct StoredSuccession {
  std::uint64_t predecessor, successor;
  std::int32_t date;
  std::uint8_t head_office_transfer, economic_continuity, pad[2];
};
static_assert(sizeof(StoredSuccession) == 24);

}  // namespace grappe::register_format
