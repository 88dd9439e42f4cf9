#pragma once
// Plain byte packing of replicate results for Team::all_gather: trivially copyable values and
// vectors of them, copied bit for bit (doubles survive exactly; both ends are the same binary).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "grappe/common/error.hpp"
#include "grappe/parallel/team.hpp"

namespace grappe::parallel {

class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <class T>
  void put_vector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    if (!values.empty()) out_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : in_(bytes) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  template <class T>
  std::vector<T> get_vector() {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto n = get<std::uint64_t>();
    if (n > in_.size() / sizeof(T)) throw Error("parallel: truncated message from another rank.");
    std::vector<T> values(n);
    if (n) std::memcpy(values.data(), take(n * sizeof(T)), n * sizeof(T));
    return values;
  }
  bool done() const { return in_.empty(); }

 private:
  const char* take(std::size_t n) {
    if (n > in_.size()) throw Error("parallel: truncated message from another rank.");
    const char* p = in_.data();
    in_.remove_prefix(n);
    return p;
  }
  std::string_view in_;
};

// `items` has n entries of which this member filled those of my_block(n); `write(writer, item)`
// and `read(reader) -> T` pack one item. On return every entry is filled, on every member.
template <class T, class Write, class Read>
void share_items(const Team* team, std::vector<T>& items, Write write, Read read) {
  if (!team || team->size() == 1) return;
  const Range mine = my_block(items.size(), team);
  ByteWriter writer;
  for (std::size_t i = mine.begin; i < mine.end; ++i) write(writer, items[i]);
  const auto blocks = team->all_gather(writer.bytes());
  for (int member = 0; member < team->size(); ++member) {
    if (member == team->rank()) continue;
    const Range block = block_of(items.size(), member, team->size());
    ByteReader reader(blocks[static_cast<std::size_t>(member)]);
    for (std::size_t i = block.begin; i < block.end; ++i) items[i] = read(reader);
    if (!reader.done()) throw Error("parallel: unexpected bytes in a message from another rank.");
  }
}

}  // namespace grappe::parallel
