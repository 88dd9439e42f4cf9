// libFuzzer target: the SIRENE CSV reader and establishment parser on arbitrary bytes.
// Built by scripts/fuzz.sh (clang, -fsanitize=fuzzer,address,undefined).
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "grappe/common/error.hpp"
#include "grappe/register/csv_reader.hpp"
#include "grappe/register/sirene.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace grappe;
  static const auto naf = Naf::load();
  static const std::string path = "/tmp/grappe_fuzz_csv_" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    // A tiny block size exercises the block boundary logic (quotes, newlines, growth).
    CsvBlockReader reader(path, 64);
    std::optional<EstablishmentParser> parser;
    try {
      parser.emplace(reader.header(), naf, path);
    } catch (const InputError&) {
    }
    CsvBlock block;
    std::vector<std::string_view> fields;
    EstablishmentParser::Row row;
    std::uint64_t lines = 0;
    while (reader.next(block)) {
      char* p = block.bytes.data();
      char* end = p + block.size;
      while (p < end) {
        std::uint64_t newlines = 0;
        p = split_record(p, end, fields, newlines);
        lines += newlines;
        (void)lines;
        if (parser) parser->parse(fields, true, row);
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
