#pragma once
// The ordinary economy of the synthetic register (internal): legal units with one or a few
// establishments, at population-weighted commune points, with skewed NAF codes, headcount
// bands, closures, old-nomenclature rows, missing coordinates, moves and transfers.
#include <cstdint>
#include <string>

#include "model.hpp"
#include "world.hpp"

namespace grappe::demo {

// Unit indices: planted firms use [0, kFirstMalformedUnit), the malformed lines
// [kFirstMalformedUnit, kFirstBackgroundUnit), chunk c of the background
// [kFirstBackgroundUnit + c * kChunkRows, …).
inline constexpr std::uint64_t kFirstMalformedUnit = 8'000;
inline constexpr std::uint64_t kFirstBackgroundUnit = 10'000;
inline constexpr std::uint64_t kChunkRows = 25'000;

// SIREN of unit index k: an affine bijection of [0, 9·10^7) onto 8-digit payloads, so that
// sirens look random but never collide (distinct k → distinct siren).
std::uint32_t siren_of_unit(std::uint64_t k);

// `rows` establishments of background chunk `chunk` (its own seeded stream).
Batch generate_background_chunk(const World& world, std::uint64_t seed, std::uint64_t chunk,
                                std::uint64_t rows);

// The planted malformed lines (each an otherwise active NAFRev2 row).
Batch generate_malformed(const World& world, std::uint64_t seed);

// Address, band, dates… of an ordinary establishment of `unit` at `commune` (shared with the
// planted firms).
Site make_site(const World& world, Rng& rng, const Unit& unit, std::uint32_t sequence,
               std::uint32_t commune, Day created);
// An opaque person id (16 hex digits) from a seed.
std::string person_id(std::uint64_t seed);
// An INSEE headcount band code, mostly NN/00/01.
const char* draw_band(Rng& rng);
// A creation day, skewed to recent years (half the stock is less than ~8 years old).
Day draw_creation(Rng& rng);

}  // namespace grappe::demo
