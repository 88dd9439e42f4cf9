#pragma once
// `grappe scan --mpi` with many trades (--all): each rank scans whole trades, dealt round-robin,
// with no exchange during their simulations; the tested trades (cases and scan results) are
// then shared, bit for bit, and put back in trade order, so the false discovery rate and the
// candidates are exactly those of a single process (docs/mpi.md).
#include <algorithm>
#include <cstddef>
#include <vector>

#include "candidate_builder.hpp"
#include "grappe/common/error.hpp"
#include "grappe/parallel/bytes.hpp"
#include "grappe/parallel/team.hpp"
#include "grappe/scan/bernoulli_scan.hpp"
#include "grappe/register/trade.hpp"

namespace grappe {

void write_tested_trade(parallel::ByteWriter& writer, std::size_t index, const TradeCases& cases,
                        const ScanResult& scan);
// Returns the trade's index.
std::size_t read_tested_trade(parallel::ByteReader& reader, TradeCases& cases, ScanResult& scan);

// `tested` (with fields trade, cases, scan) holds the trades this rank scanned; on return it
// holds every rank's, in trade order, on every rank.
template <class Tested>
void share_tested_trades(const parallel::Team* team, const std::vector<Trade>& trades,
                         std::vector<Tested>& tested) {
  if (!team || team->size() == 1) return;
  parallel::ByteWriter writer;
  for (const auto& t : tested)
    write_tested_trade(writer, static_cast<std::size_t>(t.trade - trades.data()), t.cases, t.scan);
  const auto blocks = team->all_gather(writer.bytes());
  tested.clear();
  for (const auto& block : blocks) {
    parallel::ByteReader reader(block);
    while (!reader.done()) {
      Tested t{};
      const std::size_t index = read_tested_trade(reader, t.cases, t.scan);
      if (index >= trades.size()) throw Error("scan: another rank sent a trade out of range.");
      t.trade = &trades[index];
      tested.push_back(std::move(t));
    }
  }
  std::sort(tested.begin(), tested.end(), [](const Tested& a, const Tested& b) { return a.trade < b.trade; });
}

}  // namespace grappe
