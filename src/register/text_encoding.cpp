// UTF-8 checking and Windows-1252 conversion for the CSV reader: no register string may hold
// invalid UTF-8 (every output — JSON, CSV, SVG, HTML, GeoPackage — would inherit it).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "grappe/common/error.hpp"
#include "grappe/register/csv_reader.hpp"

namespace grappe {
namespace {

// Length of the well-formed UTF-8 sequence at p (Unicode Table 3-7), 0 when ill-formed.
std::size_t sequence_length(const unsigned char* p, std::size_t left) {
  const unsigned char c = p[0];
  auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < left && p[i] >= lo && p[i] <= hi;
  };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // no surrogates
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// Windows-1252 0x80–0x9F; the five unassigned bytes keep their Latin-1 (C1) meaning.
constexpr char16_t kHigh1252[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, char16_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::size_t first_invalid_utf8(const char* text, std::size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(text);
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t length = sequence_length(p + i, n - i);
    if (length == 0) return i;
    i += length;
  }
  return n;
}

std::string windows1252_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    append_utf8(out, c < 0x80 ? c : c < 0xA0 ? kHigh1252[c - 0x80] : static_cast<char16_t>(c));
  }
  return out;
}

// Checks a block of whole records; a physical line holding a byte that is not UTF-8 is refused
// or read as Windows-1252 (the encoding of INSEE's older "latin1" files and of spreadsheets
// saved on Windows) and converted in place of the original bytes.
void CsvBlockReader::check_encoding(CsvBlock& block, std::uint64_t first_line) {
  const char* begin = block.bytes.data();
  const char* end = begin + block.size;
  const std::size_t bad = first_invalid_utf8(begin, block.size);
  if (bad == block.size) return;
  const char* p = begin + bad;
  while (p > begin && p[-1] != '\n') --p;  // the start of the first bad line
  std::string out(begin, p);
  std::uint64_t line = first_line + static_cast<std::uint64_t>(std::count(begin, p, '\n'));
  while (p < end) {
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* next = eol ? eol + 1 : end;
    const std::string_view text(p, static_cast<std::size_t>(next - p));
    const std::size_t at = first_invalid_utf8(text.data(), text.size());
    if (at == text.size()) {
      out.append(text);
    } else if (encoding_ == EncodingPolicy::refuse) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[at]));
      throw InputError(format_location({path_.string(), line, {}, {}}) + ": byte " + std::to_string(at + 1) +
                       " of the line (" + byte +
                       ") is not UTF-8; convert the file to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8) or "
                       "ingest without --strict to have it read as Windows-1252");
    } else {
      out += windows1252_to_utf8(text);
      if (converted_lines_++ == 0) first_converted_line_ = line;
    }
    ++line;
    p = next;
  }
  block.bytes.assign(out.begin(), out.end());
  block.size = out.size();
}

}  // namespace grappe
