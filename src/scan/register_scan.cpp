#include "grappe/scan/register_scan.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <numeric>

#include "candidate_builder.hpp"
#include "candidate_places.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/progress.hpp"
#include "grappe/common/random.hpp"
#include "register_discovery.hpp"
#include "trade_sharing.hpp"

namespace grappe {

namespace {

// FNV-1a: a trade's stream depends on its id only, not on which other trades are tested.
std::uint64_t hash_id(const std::string& id) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ULL;
  return h;
}

bool in_territory(const Register& reg, std::size_t row, const RegisterScanRequest& request) {
  if (request.region.empty() && request.department.empty()) return true;
  const std::uint32_t commune = reg.commune()[row];
  if (commune == kNoCommune) return false;
  const auto& t = reg.territories();
  if (!request.department.empty() && t.key(commune, TerritoryLevel::department) != request.department) return false;
  if (!request.region.empty() && t.key(commune, TerritoryLevel::region) != request.region) return false;
  return true;
}

}  // namespace

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  std::vector<double> q(m);
  double running = 1.0;
  for (std::size_t k = 0; k < m; ++k) {  // from the largest p down: q_(i) = min_{j ≥ i} m p_(j) / j
    const std::size_t rank = m - k;
    running = std::min(running, p[order[k]] * static_cast<double>(m) / static_cast<double>(rank));
    q[order[k]] = std::min(1.0, running);
  }
  return q;
}

std::vector<Trade> all_trades(const Register& reg, Nomenclature nomenclature) {
  std::vector<Trade> trades;
  if (nomenclature == Nomenclature::naf_2025) {
    const Naf& naf = reg.naf2025();
    std::vector<bool> present(naf.subclass_count(), false);
    for (std::size_t row = 0; row < reg.size(); ++row)
      if (const auto s = reg.naf25(row); s != kNoSector && (reg.flags()[row] & kActive)) present[s] = true;
    for (std::size_t i = 0; i < present.size(); ++i)
      if (present[i]) trades.push_back(sector_trade(reg, naf.code(static_cast<std::uint16_t>(i)), nomenclature));
    return trades;
  }
  const Naf& naf = reg.naf();
  for (std::size_t i = 0; i < naf.subclass_count(); ++i) {
    const auto s = static_cast<std::uint16_t>(i);
    trades.push_back({naf.code(s), naf.label(s), {naf.code(s)}, {}, naf.label(s), {}});
  }
  for (auto& t : trade_catalogue()) trades.push_back(std::move(t));
  return trades;
}

Trade sector_trade(const Register& reg, const std::string& code, Nomenclature nomenclature) {
  if (nomenclature == Nomenclature::naf_2025) {
    const Naf& naf = reg.naf2025();
    const auto one = naf.find(code);
    const std::string canonical = one ? naf.code(*one) : code;
    if (naf.subclasses_under(canonical).empty())
      throw InputError("--sector '" + code + "' is not a NAF 2025 code (try 25.53Y, 25.5, 25 or C).");
    const std::string id = std::string(kNaf2025Prefix) + canonical;
    return {id, naf.label_of(canonical), {id}, {}, naf.label_of(canonical), {}};
  }
  if (reg.naf().subclasses_under(code).empty()) throw InputError("--sector '" + code + "' is not a NAF rév. 2 code.");
  return {code, reg.naf().label_of(code), {code}, {}, reg.naf().label_of(code), {}};
}

ScanPopulation::ScanPopulation(const Register& reg, const RegisterScanRequest& request, bool weighted)
    : point_of_row(reg.size(), -1) {
  const auto flags = reg.flags();
  for (std::size_t row = 0; row < reg.size(); ++row) {
    if (!analysable(reg, row, request.positions) || !in_territory(reg, row, request)) continue;
    if (!(flags[row] & kHasLocation)) ++commune_precision;
    if (!request.excluded.empty() && request.excluded.count(reg.siret()[row])) continue;
    point_of_row[row] = static_cast<std::int32_t>(rows.size());
    rows.push_back(static_cast<std::uint32_t>(row));
    x.push_back(reg.x()[row]);
    y.push_back(reg.y()[row]);
    headcount.push_back(reg.headcount()[row]);
  }
  sort_spatially();
  if (weighted) {
    // An establishment counts at least one person (the bands "NN" and "00" have midpoint 0).
    weight.resize(rows.size());
    for (std::size_t p = 0; p < rows.size(); ++p) weight[p] = std::max(1.0, headcount[p]);
  }
}

// Points in Morton (Z-order) of 1 km cells: a simulation's cases, sorted by index, are then
// visited in space order, so consecutive cases touch the same window counters (cache reuse).
void ScanPopulation::sort_spatially() {
  if (rows.empty()) return;
  const double x0 = *std::min_element(x.begin(), x.end()), y0 = *std::min_element(y.begin(), y.end());
  auto spread = [](std::uint64_t v) {
    v &= 0xffffffff;
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFULL;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    return (v | (v << 1)) & 0x5555555555555555ULL;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(rows.size());
  for (std::size_t p = 0; p < rows.size(); ++p) {
    const auto i = static_cast<std::uint64_t>((x[p] - x0) / 1000), j = static_cast<std::uint64_t>((y[p] - y0) / 1000);
    keyed[p] = {(spread(i) | (spread(j) << 1)), static_cast<std::uint32_t>(p)};
  }
  std::sort(keyed.begin(), keyed.end());
  auto permute = [&](auto& column) {
    auto copy = column;
    for (std::size_t p = 0; p < keyed.size(); ++p) column[p] = copy[keyed[p].second];
  };
  permute(rows);
  permute(x);
  permute(y);
  permute(headcount);
  for (std::size_t p = 0; p < rows.size(); ++p) point_of_row[rows[p]] = static_cast<std::int32_t>(p);
}

TradeCases select_cases(const Register& reg, const ScanPopulation& population, const Trade& trade,
                        bool one_per_firm) {
  TradeCases cases;
  const std::vector<std::uint32_t> rows = trade_rows(reg, trade);  // the rows measure's Kd uses too
  cases.national = static_cast<std::uint32_t>(rows.size());
  for (std::uint32_t row : rows)
    if (population.point_of_row[row] >= 0)
      cases.establishments.push_back(static_cast<std::uint32_t>(population.point_of_row[row]));
  std::sort(cases.establishments.begin(), cases.establishments.end());
  if (!one_per_firm) {
    cases.points = cases.establishments;
    return cases;
  }
  // A firm's branches are not a cluster of firms: the labels of one firm's establishments are
  // not independent (same code, often the same town), which the random-labelling null assumes.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_firm;  // (siret, point); siret starts with siren
  for (std::uint32_t p : cases.establishments) by_firm.emplace_back(reg.siret()[population.rows[p]], p);
  std::sort(by_firm.begin(), by_firm.end());
  for (std::size_t i = 0; i < by_firm.size(); ++i)
    if (i == 0 || by_firm[i].first / 100000 != by_firm[i - 1].first / 100000) cases.points.push_back(by_firm[i].second);
  std::sort(cases.points.begin(), cases.points.end());
  return cases;
}

namespace {

bool env_flag(const char* name) {
  const char* value = std::getenv(name);
  return value && *value == '1';
}

// The Bernoulli scan of each trade with enough cases; trade_team: the ranks among which whole
// trades are dealt (null: every trade here). Every rank returns every tested trade.
std::vector<TestedTrade> scan_each_trade(const Register& reg, const ScanPopulation& population,
                                         const WindowLadder& ladder, const RegisterScanRequest& request,
                                         const parallel::Team* trade_team) {
  std::vector<TestedTrade> tested;
  Progress progress("scan", request.trades.size(), "trades");
  const bool trace = env_flag("GRAPPE_SCAN_TRACE");
  for (const auto& trade : request.trades) {
    if (!parallel::is_mine(static_cast<std::size_t>(&trade - request.trades.data()), trade_team)) continue;
    TradeCases cases = select_cases(reg, population, trade, request.one_per_firm);
    if (cases.points.size() < static_cast<std::size_t>(request.min_trade_size)) {
      progress.advance();
      continue;
    }
    ScanOptions options = request.scan;
    options.seed = stream_seed(request.scan.seed, hash_id(trade.id));
    // Before/after comparisons of the counting (bench/scale): same results, older code path.
    if (env_flag("GRAPPE_SCAN_GENERIC_COUNTING")) options.dense_counting = false;
    const auto started = std::chrono::steady_clock::now();
    ScanResult scan = scan_bernoulli(ladder, cases.points, options);
    if (trace)  // where the time goes (bench/scale): trade, cases, simulations, seconds
      std::fprintf(stderr, "scan-trace\t%s\t%zu\t%d\t%.3f\n", trade.id.c_str(), cases.points.size(),
                   scan.simulations_run,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    tested.push_back({&trade, std::move(cases), std::move(scan)});
    progress.advance();
  }
  progress.finish();
  share_tested_trades(trade_team, request.trades, tested);
  return tested;
}

// A candidate per cluster with q ≤ alpha in the family of every tested trade.
std::vector<Candidate> significant_candidates(const Register& reg, const ScanPopulation& population,
                                              const std::vector<TestedTrade>& tested, double alpha) {
  std::vector<Candidate> candidates;
  for_each_q_value(tested, [&](const TestedTrade& t, std::size_t i, double q) {
    if (q > alpha) return;
    Candidate c = build_candidate(reg, population, *t.trade, t.cases, t.scan, i);
    c.q_value = c.lenses.front().q_value = q;
    candidates.push_back(std::move(c));
  });
  return candidates;
}

RegisterScanResult scan_trades(const Register& reg, const RegisterScanRequest& request,
                               const parallel::Team* trade_team) {
  RegisterScanResult result;
  const ScanPopulation population(reg, request, request.scan.weighted);
  result.establishments = population.rows.size();
  result.commune_precision = population.commune_precision;
  if (population.rows.empty()) throw InputError("No active, located establishment in the chosen territory.");
  const WindowLadder ladder(population.x, population.y, population.weight, request.ladder);
  std::vector<TestedTrade> tested = scan_each_trade(reg, population, ladder, request, trade_team);
  result.trades_tested = static_cast<int>(tested.size());
  std::deque<Trade> found;  // discovered trades (stable addresses for TestedTrade::trade)
  // Before/after comparisons (bench/SCALE.md): one lens per candidate, as before discovery.
  const bool one_lens = env_flag("GRAPPE_SCAN_ONE_LENS");
  if (request.discover && !request.scan.weighted && !one_lens)
    discover_trades(reg, population, ladder, request, found, tested);
  result.candidates = significant_candidates(reg, population, tested, request.alpha);
  add_employment_in_windows(population, result.candidates);
  rank_candidates(result.candidates);
  if (one_lens) return result;
  // One candidate per place and trade, then its words (on the merged members).
  result.candidates = merge_candidates(std::move(result.candidates));
  rank_candidates(result.candidates);
  add_trade_words(reg, population, result.candidates);
  result.discovered.assign(found.begin(), found.end());
  return result;
}

}  // namespace

RegisterScanResult scan_register(const Register& reg, const RegisterScanRequest& request) {
  const parallel::Team* team = request.scan.team;
  if (!team || team->size() == 1 || request.trades.size() < static_cast<std::size_t>(team->size()))
    return scan_trades(reg, request, nullptr);  // the ranks share each trade's simulations
  // At least one trade per rank: whole trades are dealt, with no exchange until all are done.
  RegisterScanRequest alone = request;
  alone.scan.team = nullptr;
  return scan_trades(reg, alone, team);
}

}  // namespace grappe
