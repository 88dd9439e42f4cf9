#include "grappe/register/csv_reader.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "grappe/common/error.hpp"

namespace grappe {

namespace {
// Bytes that end a run of ordinary field text: outside quotes ',', '"', '\n'; inside quotes
// '"' and '\n' (newlines are counted for line numbers).
struct ByteClasses {
  bool outside[256] = {}, inside[256] = {};
  constexpr ByteClasses() {
    outside[static_cast<unsigned char>(',')] = outside[static_cast<unsigned char>('"')] =
        outside[static_cast<unsigned char>('\n')] = true;
    inside[static_cast<unsigned char>('"')] = inside[static_cast<unsigned char>('\n')] = true;
  }
};
constexpr ByteClasses kClasses;

// Moves the ordinary bytes [p, q) to `out` (a no-op until a quote has been removed).
inline void keep(char*& out, char* p, char* q) {
  if (out != p) std::memmove(out, p, static_cast<std::size_t>(q - p));
  out += q - p;
}
}  // namespace

char* split_record(char* p, char* end, std::vector<std::string_view>& fields, std::uint64_t& newlines) {
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
    } else {  // ',' outside quotes
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
  ~Source() {
    if (gz) gzclose(gz);
    else if (fd >= 0) ::close(fd);
  }
};

CsvBlockReader::CsvBlockReader(const std::filesystem::path& path, std::size_t block_bytes)
    : path_(path), source_(std::make_unique<Source>()), block_bytes_(std::max<std::size_t>(block_bytes, 64)) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open " + path.string() + ": " + std::strerror(errno));
  if (path.extension() == ".gz") {
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
  if (!fill(first) || first.size == 0) throw InputError(path.string() + " is empty: expected a CSV header line");
  char* begin = first.bytes.data();
  char* end = begin + first.size;
  if (first.size >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
  std::vector<std::string_view> fields;
  std::uint64_t newlines = 0;
  char* after = split_record(begin, end, fields, newlines);
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
    if (source_->gz) {
      n = gzread(source_->gz, into + total, static_cast<unsigned>(std::min<std::size_t>(capacity - total, 1u << 30)));
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
  block.first_line = next_line_;
  block.index = next_index_++;
  next_line_ += static_cast<std::uint64_t>(std::count(block.bytes.data(), block.bytes.data() + block.size, '\n'));
  return true;
}

}  // namespace grappe
