#pragma once
// Streaming RFC 4180 reader for the SIRENE stock files (plain, gzip or zip, recognised by their
// first bytes), built for speed: large block reads, record boundaries found with vectorisable
// quote/newline counts, and blocks handed out whole so that callers can parse them in parallel
// (ingest.cpp). The delimiter (',', ';' or tab) is read off the header line, and every byte is
// checked to be UTF-8 on the way (lines that are not are converted from Windows-1252, or
// refused: EncodingPolicy).
// It stays apart from grappe/common/csv.hpp (the reader of every other CSV) for speed: a stock is
// tens of millions of rows read in parallel blocks, timed against data.table and pandas by
// bench/register/bench_ingest.sh (docs/register.md), which a line-at-a-time reader would lose.
//
// Quoting: a '"' toggles a quoted section anywhere in a field and '""' inside one is a literal
// quote. For valid RFC 4180 input this is the standard reading; a stray quote in an unquoted
// field opens a section up to the next quote (the record then usually fails its field count).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace grappe {

// A run of whole records, with the physical line number (1-based) of its first byte.
struct CsvBlock {
  std::vector<char> bytes;  // mutable: fields are unescaped in place
  std::size_t size = 0;     // bytes in use
  std::uint64_t first_line = 0;
  std::uint64_t index = 0;  // 0, 1, 2… in file order
};

// Splits the record starting at `p` into `fields` (views into the block, quotes removed in
// place) and returns the position after its end-of-line. `newlines` gets the physical line
// breaks the record spans (1 for an ordinary record; more with quoted newlines; 0 at the very
// end of a file without a final newline). `delimiter` is ',', ';' or '\t'.
char* split_record(char* p, char* end, std::vector<std::string_view>& fields, std::uint64_t& newlines,
                   char delimiter = ',');

// Offset of the first byte of [p, p + n) that is not part of a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or n.
std::size_t first_invalid_utf8(const char* p, std::size_t n);
// Windows-1252 text (a superset of Latin-1 for printable characters) → UTF-8.
std::string windows1252_to_utf8(std::string_view text);

// What the reader does with a line that is not UTF-8.
enum class EncodingPolicy {
  convert,  // read it as Windows-1252 and convert it (counted: converted_lines())
  refuse,   // stop with an InputError naming the line and the byte
};

class CsvBlockReader {
 public:
  // Opens `path`: gzip (zlib) and zip (libarchive; the first .csv entry) files are recognised by
  // their first bytes and decompressed as they are read. block_bytes is the target size of a block.
  explicit CsvBlockReader(const std::filesystem::path& path, std::size_t block_bytes = 8 << 20,
                          EncodingPolicy encoding = EncodingPolicy::convert);
  ~CsvBlockReader();
  CsvBlockReader(const CsvBlockReader&) = delete;
  CsvBlockReader& operator=(const CsvBlockReader&) = delete;

  // The header's column names (read at construction; a UTF-8 BOM is dropped).
  const std::vector<std::string>& header() const { return header_; }
  // Next block of whole records; false at the end of the file.
  bool next(CsvBlock& block);
  const std::filesystem::path& path() const { return path_; }
  // The field delimiter found in the header: ',', ';' or '\t'.
  char delimiter() const { return delimiter_; }
  // True for gzip and zip input.
  bool compressed() const;
  // Lines read as Windows-1252 and converted to UTF-8 so far, and the first of them (0: none).
  std::uint64_t converted_lines() const { return converted_lines_; }
  std::uint64_t first_converted_line() const { return first_converted_line_; }

 private:
  std::size_t read_more(char* into, std::size_t capacity);
  bool fill(CsvBlock& block);
  void check_encoding(CsvBlock& block, std::uint64_t first_line);

  std::filesystem::path path_;
  struct Source;
  std::unique_ptr<Source> source_;
  std::vector<char> carry_;  // bytes after the last whole record of the previous block
  std::vector<std::string> header_;
  std::size_t block_bytes_;
  std::uint64_t next_line_ = 1, next_index_ = 0, bytes_read_ = 0;
  std::uint64_t converted_lines_ = 0, first_converted_line_ = 0;
  EncodingPolicy encoding_;
  char delimiter_ = ',';
  bool eof_ = false;
};

}  // namespace grappe
