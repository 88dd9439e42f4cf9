#include "grappe/register/csv_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "grappe/common/error.hpp"

namespace grappe {

namespace {
// Bytes that end a run of ordinary field text: outside quotes the delimiter, '"', '\n'; inside
// quotes '"' and '\n' (newlines are counted for line numbers).
struct ByteClasses {
  bool outside[256] = {}, inside[256] = {};
  constexpr explicit ByteClasses(char delimiter) {
    outside[static_cast<unsigned char>(delimiter)] = outside[static_cast<unsigned char>('"')] =
        outside[static_cast<unsigned char>('\n')] = true;
    inside[static_cast<unsigned char>('"')] = inside[static_cast<unsigned char>('\n')] = true;
  }
};
constexpr ByteClasses kComma(','), kSemicolon(';'), kTab('\t');

const ByteClasses& classes_of(char delimiter) {
  return delimiter == ';' ? kSemicolon : delimiter == '\t' ? kTab : kComma;
}

// Moves the ordinary bytes [p, q) to `out` (a no-op until a quote has been removed).
inline void keep(char*& out, char* p, char* q) {
  if (out != p) std::memmove(out, p, static_cast<std::size_t>(q - p));
  out += q - p;
}
}  // namespace

char* split_record(char* p, char* end, std::vector<std::string_view>& fields, std::uint64_t& newlines,
                   char delimiter) {
  const ByteClasses& kClasses = classes_of(delimiter);
  fields.clear();
  newlines = 0;
  char* field = p;  // start of the current field's (unescaped) text
  char* out = p;    // write position: unescaping shifts bytes left in place
  bool quoted = false;
  auto finish_field = [&] {
    std::size_t length = static_cast<std::size_t>(out - field);
    if (length > 0 && field[length - 1] == '\r') --length;  // CRLF files
    fields.emplace_back(field, length);
  };
  while (p < end) {
    const bool* stop = quoted ? kClasses.inside : kClasses.outside;
    char* q = p;
    while (q < end && !stop[static_cast<unsigned char>(*q)]) ++q;
    keep(out, p, q);
    p = q;
    if (p == end) break;
    const char c = *p;
    if (c == '"') {
      if (quoted && p + 1 < end && p[1] == '"') {
        *out++ = '"';
        p += 2;
      } else {
        quoted = !quoted;
        ++p;
      }
    } else if (c == '\n') {
      ++newlines;
      ++p;
      if (!quoted) {
        finish_field();
        return p;
      }
      *out++ = '\n';
    } else {  // the delimiter, outside quotes
      finish_field();
      field = out = ++p;
    }
  }
  finish_field();
  return p;
}

struct CsvBlockReader::Source {
  int fd = -1;
  gzFile gz = nullptr;
  archive* zip = nullptr;  // libarchive reader positioned on the CSV entry
  ~Source() {
    if (zip) archive_read_free(zip);
    if (gz)
      gzclose(gz);
    else if (fd >= 0)
      ::close(fd);
  }
};

namespace {
enum class Container { plain, gzip, zip };

// gzip and zip are recognised by their magic bytes, so a renamed file still reads.
Container container_of(int fd) {
  unsigned char magic[4] = {};
  const auto n = ::pread(fd, magic, sizeof magic, 0);
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Container::gzip;
  if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) return Container::zip;
  return Container::plain;
}

bool ends_with_csv(std::string_view name) {
  if (name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".csv";
}

// Opens the zip on `fd` and moves to its first .csv entry (INSEE's archives hold one CSV).
archive* open_zip_entry(int fd, const std::filesystem::path& path) {
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  if (archive_read_open_fd(a, fd, 1 << 20) != ARCHIVE_OK) {
    const std::string why = archive_error_string(a) ? archive_error_string(a) : "unknown error";
    archive_read_free(a);
    throw InputError("cannot open the zip file " + path.string() + ": " + why);
  }
  std::string seen;
  archive_entry* entry = nullptr;
  int status;
  while ((status = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
    const char* name = archive_entry_pathname(entry);
    if (name && ends_with_csv(name)) return a;
    seen += (seen.empty() ? "" : ", ") + std::string(name ? name : "?");
    archive_read_data_skip(a);
  }
  const std::string why = status == ARCHIVE_EOF
                              ? "it holds no .csv file (entries: " + seen + ")"
                              : std::string(archive_error_string(a) ? archive_error_string(a) : "");
  archive_read_free(a);
  throw InputError("cannot read the zip file " + path.string() + ": " + why);
}

// The delimiter of a header line: the most frequent of ',', ';' and tab outside quotes.
char detect_delimiter(std::string_view line) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}
}  // namespace

bool CsvBlockReader::compressed() const { return source_->gz || source_->zip; }

CsvBlockReader::CsvBlockReader(const std::filesystem::path& path, std::size_t block_bytes,
                               EncodingPolicy encoding)
    : path_(path),
      source_(std::make_unique<Source>()),
      block_bytes_(std::max<std::size_t>(block_bytes, 64)),
      encoding_(encoding) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open " + path.string() + ": " + std::strerror(errno));
  const Container container = container_of(fd);
  if (container == Container::zip) {
    source_->fd = fd;
    source_->zip = open_zip_entry(fd, path);
  } else if (container == Container::gzip) {
    source_->gz = gzdopen(fd, "rb");
    if (!source_->gz) {
      ::close(fd);
      throw InputError("cannot open the gzip file " + path.string());
    }
    gzbuffer(source_->gz, 1 << 20);
  } else {
    source_->fd = fd;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  CsvBlock first;
  if (!fill(first) || first.size == 0)
    throw InputError(path.string() + " is empty: expected a CSV header line");
  if (first.size >= 2 && ((first.bytes[0] == '\xFF' && first.bytes[1] == '\xFE') ||
                          (first.bytes[0] == '\xFE' && first.bytes[1] == '\xFF')))
    throw InputError(path.string() + " is UTF-16 text: convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");
  check_encoding(first, 1);
  char* begin = first.bytes.data();
  char* end = begin + first.size;
  if (first.size >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
  const char* eol = static_cast<const char*>(std::memchr(begin, '\n', static_cast<std::size_t>(end - begin)));
  delimiter_ = detect_delimiter(
      {begin, eol ? static_cast<std::size_t>(eol - begin) : static_cast<std::size_t>(end - begin)});
  std::vector<std::string_view> fields;
  std::uint64_t newlines = 0;
  char* after = split_record(begin, end, fields, newlines, delimiter_);
  for (auto f : fields) header_.emplace_back(f);
  // The rest of the first block goes back in front of the stream.
  carry_.insert(carry_.begin(), after, end);
  next_line_ = 1 + newlines;
}

CsvBlockReader::~CsvBlockReader() = default;

std::size_t CsvBlockReader::read_more(char* into, std::size_t capacity) {
  std::size_t total = 0;
  while (total < capacity && !eof_) {
    long n;
    if (source_->zip) {
      n = archive_read_data(source_->zip, into + total, capacity - total);
      if (n < 0)
        throw InputError(
            path_.string() + " is not a valid zip file: " +
            (archive_error_string(source_->zip) ? archive_error_string(source_->zip) : "read error"));
    } else if (source_->gz) {
      n = gzread(source_->gz, into + total,
                 static_cast<unsigned>(std::min<std::size_t>(capacity - total, 1u << 30)));
      if (n < 0) {
        int code = 0;
        throw InputError(path_.string() + " is not a valid gzip file: " + gzerror(source_->gz, &code));
      }
    } else {
      n = ::read(source_->fd, into + total, capacity - total);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Error("cannot read " + path_.string() + ": " + std::strerror(errno));
      }
    }
    if (n == 0) eof_ = true;
    total += static_cast<std::size_t>(n);
  }
  bytes_read_ += total;
  return total;
}

// Position just after the last newline outside quotes in [begin, end), or nullptr. Quote
// parity at `begin` is even (it is a record boundary); counting quotes vectorises well, and
// each byte is counted once however far back the search goes.
static char* last_record_end(char* begin, char* end) {
  char* nl = static_cast<char*>(memrchr(begin, '\n', static_cast<std::size_t>(end - begin)));
  if (!nl) return nullptr;
  std::size_t quotes = static_cast<std::size_t>(std::count(begin, nl, '"'));
  while (quotes % 2 != 0) {  // this newline is inside quotes: try the one before
    char* previous = static_cast<char*>(memrchr(begin, '\n', static_cast<std::size_t>(nl - begin)));
    if (!previous) return nullptr;
    quotes -= static_cast<std::size_t>(std::count(previous, nl, '"'));
    nl = previous;
  }
  return nl + 1;
}

static constexpr std::size_t kMaxRecordBytes = 256u << 20;

bool CsvBlockReader::fill(CsvBlock& block) {
  std::size_t capacity = std::max(block_bytes_, carry_.size() * 2 + 64);
  block.bytes.resize(capacity);
  std::copy(carry_.begin(), carry_.end(), block.bytes.begin());
  std::size_t size = carry_.size();
  carry_.clear();
  while (true) {
    size += read_more(block.bytes.data() + size, capacity - size);
    char* begin = block.bytes.data();
    char* cut = eof_ ? begin + size : last_record_end(begin, begin + size);
    if (cut) {
      carry_.assign(cut, begin + size);
      block.size = static_cast<std::size_t>(cut - begin);
      return block.size > 0;
    }
    // One record longer than the block (or a quote never closed): grow and read on.
    if (capacity >= kMaxRecordBytes)
      throw InputError(format_location({path_.string(), next_line_, {}, {}}) +
                       ": a record runs over 256 MB (a quote is probably never closed)");
    capacity *= 2;
    block.bytes.resize(capacity);
  }
}

bool CsvBlockReader::next(CsvBlock& block) {
  if (!fill(block)) return false;
  check_encoding(block, next_line_);
  block.first_line = next_line_;
  block.index = next_index_++;
  next_line_ +=
      static_cast<std::uint64_t>(std::count(block.bytes.data(), block.bytes.data() + block.size, '\n'));
  return true;
}

}  // namespace grappe
