#include "grappe/parallel/team.hpp"

#include <cstring>

#include "grappe/common/error.hpp"
#include "grappe/parallel/bytes.hpp"

namespace grappe::parallel {

Range block_of(std::size_t n, int rank, int size) {
  if (size < 1 || rank < 0 || rank >= size) throw Error("parallel: rank out of range.");
  const auto s = static_cast<std::size_t>(size), r = static_cast<std::size_t>(rank);
  const std::size_t base = n / s, extra = n % s;
  const std::size_t begin = r * base + std::min(r, extra);
  return {begin, begin + base + (r < extra ? 1 : 0)};
}

Range my_block(std::size_t n, const Team* team) {
  return team ? block_of(n, team->rank(), team->size()) : Range{0, n};
}

void share_rows(const Team* team, std::vector<double>& values, std::size_t rows, std::size_t width) {
  if (!team || team->size() == 1) return;
  if (values.size() != rows * width) throw Error("parallel: share_rows got a matrix of the wrong size.");
  const Range mine = my_block(rows, team);
  const std::string_view bytes(reinterpret_cast<const char*>(values.data() + mine.begin * width),
                               mine.size() * width * sizeof(double));
  const auto blocks = team->all_gather(bytes);
  for (int member = 0; member < team->size(); ++member) {
    const Range block = block_of(rows, member, team->size());
    const auto& got = blocks[static_cast<std::size_t>(member)];
    if (got.size() != block.size() * width * sizeof(double))
      throw Error("parallel: a rank sent a block of the wrong size.");
    if (member != team->rank() && !got.empty())
      std::memcpy(values.data() + block.begin * width, got.data(), got.size());
  }
}

bool is_mine(std::size_t item, const Team* team) {
  return !team || item % static_cast<std::size_t>(team->size()) == static_cast<std::size_t>(team->rank());
}

std::vector<std::string> gather_round_robin(const Team* team, std::size_t items,
                                            const std::vector<std::string>& mine) {
  if (!team || team->size() == 1) {
    if (mine.size() != items) throw Error("parallel: gather_round_robin got the wrong number of items.");
    return mine;
  }
  ByteWriter writer;
  writer.put<std::uint64_t>(mine.size());
  for (const auto& text : mine) writer.put_vector(std::vector<char>(text.begin(), text.end()));
  const auto blocks = team->all_gather(writer.bytes());
  std::vector<std::string> all(items);
  const auto size = static_cast<std::size_t>(team->size());
  for (std::size_t member = 0; member < size; ++member) {
    ByteReader reader(blocks[member]);
    const auto count = reader.get<std::uint64_t>();
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t item = member + k * size;
      if (item >= items) throw Error("parallel: a rank sent more items than it was dealt.");
      auto chars = reader.get_vector<char>();
      all[item].assign(chars.begin(), chars.end());
    }
  }
  return all;
}

}  // namespace grappe::parallel
