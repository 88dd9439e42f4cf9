#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/register/csv_reader.hpp"

using namespace grappe;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> split(std::string text, std::uint64_t* newlines_out = nullptr) {
  std::vector<std::string_view> fields;
  std::uint64_t newlines = 0;
  split_record(text.data(), text.data() + text.size(), fields, newlines);
  if (newlines_out) *newlines_out = newlines;
  return {fields.begin(), fields.end()};
}

struct Record {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool operator==(const Record&) const = default;
};

std::vector<Record> read_all(const fs::path& path, std::size_t block_bytes) {
  CsvBlockReader reader(path, block_bytes);
  std::vector<Record> out;
  CsvBlock block;
  std::vector<std::string_view> fields;
  while (reader.next(block)) {
    char* p = block.bytes.data();
    char* end = p + block.size;
    std::uint64_t line = block.first_line;
    while (p < end) {
      std::uint64_t newlines = 0;
      const auto start = line;
      p = split_record(p, end, fields, newlines);
      line += newlines;
      out.push_back({start, {fields.begin(), fields.end()}});
    }
  }
  return out;
}

const fs::path kTricky = fs::path(GRAPPE_SOURCE_DIR) / "tests/data/register/tricky_etablissements.csv";
}  // namespace

TEST(SplitRecord, Rfc4180Quoting) {
  using V = std::vector<std::string>;
  EXPECT_EQ(split("a,b,c\n"), (V{"a", "b", "c"}));
  EXPECT_EQ(split("a,,\n"), (V{"a", "", ""}));
  EXPECT_EQ(split("\"x,y\",\"say \"\"hi\"\"\",z\n"), (V{"x,y", "say \"hi\"", "z"}));
  EXPECT_EQ(split("\"\"\n"), (V{""}));
  std::uint64_t newlines = 0;
  EXPECT_EQ(split("\"two\nlines\",b\nnext,record\n", &newlines), (V{"two\nlines", "b"}));
  EXPECT_EQ(newlines, 2u);
  EXPECT_EQ(split("a,b\r\n"), (V{"a", "b"}));
  EXPECT_EQ(split("last,record", &newlines), (V{"last", "record"}));
  EXPECT_EQ(newlines, 0u);
}

TEST(CsvBlockReader, SameRecordsAndLinesWhateverTheBlockSize) {
  const auto reference = read_all(kTricky, 8 << 20);
  ASSERT_EQ(reference.size(), 18u);
  EXPECT_EQ(reference[2].line, 4u);  // quoted newline: the record starts on line 4
  EXPECT_EQ(reference[3].line, 6u);
  EXPECT_EQ(reference[14].line, 19u);
  for (std::size_t block : {64, 100, 333, 1000, 4096}) EXPECT_EQ(read_all(kTricky, block), reference) << block;
}

TEST(CsvBlockReader, HeaderBomGzipAndMissingFile) {
  const auto dir = fs::temp_directory_path();
  const auto plain = dir / ("grappe_csv_" + std::to_string(::getpid()) + ".csv");
  const std::string text = "\xEF\xBB\xBFsiret,name\n1,\"a\nb\"\n2,c";
  std::ofstream(plain, std::ios::binary) << text;
  CsvBlockReader reader(plain);
  EXPECT_EQ(reader.header(), (std::vector<std::string>{"siret", "name"}));
  const auto records = read_all(plain, 64);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 4u);
  EXPECT_EQ(records[1].fields[1], "c");

  const auto gz = fs::path(plain.string() + ".gz");
  gzFile out = gzopen(gz.c_str(), "wb");
  gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
  gzclose(out);
  EXPECT_EQ(read_all(gz, 64), records);
  std::ofstream(gz, std::ios::binary) << "\x1f\x8b garbage";
  EXPECT_THROW(read_all(gz, 64), InputError);
  fs::remove(plain);
  fs::remove(gz);
  EXPECT_THROW(CsvBlockReader{plain}, InputError);
}
