#pragma once
// Writes a Batch as SIRENE CSV text (internal), and counts what an ingest must report.
#include <cstdint>
#include <string>

#include "grappe/demo/demo_register.hpp"
#include "grappe/register/projection.hpp"
#include "model.hpp"
#include "world.hpp"

namespace grappe::demo {

struct ChunkText {
  std::string establishments, legal_units, successions, founders;
  std::uint64_t establishment_lines = 0;  // physical lines (quoted newlines count)
  ExpectedIngest expected;                // rejected lines relative to the chunk's first line (0)
  std::uint64_t legal_units_count = 0, successions_count = 0, founders_count = 0;
};

// Header lines of the four CSV files.
std::string csv_header_establishments();
std::string csv_header_legal_units();
std::string csv_header_successions();
std::string csv_header_founders();

// Appends the batch's rows to `text` (and its counts); the projector places them in Lambert-93
// (PROJ objects are not thread-safe: one projector per thread).
void write_batch(const Batch& batch, const World& world, Projector& projector, ChunkText& text);

}  // namespace grappe::demo
