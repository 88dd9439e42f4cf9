// Builds a genealogy from 7 M succession links and 10 M founder rows (read from a CSV file, with
// person re-hashing) over 10 M legal units, and prints the time of each step and the peak
// resident memory. Goal (issue 5): under 60 s and 4 GB on the 2-core reference machine.
//
//   lineage_bench [--links N] [--founders N] [--firms N] [--dir TMP]
//
// There is no established open-source tool that rebuilds SIRENE genealogies to compare with;
// the figures are reported against the budget instead (docs/lineage.md).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "grappe/common/random.hpp"
#include "grappe/lineage/ancestry.hpp"
#include "grappe/lineage/founders.hpp"

using namespace grappe;
using namespace grappe::lineage;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU seconds of the process (user + system): meaningful on a shared, loaded machine.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::uint32_t siren_of(std::uint64_t i) { return static_cast<std::uint32_t>(100'000'000 + (i * 7'990'271) % 800'000'000); }

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t links = 7'000'000, founders = 10'000'000, firms = 10'000'000;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--links")) links = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--founders")) founders = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--firms")) firms = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  Rng rng(stream_seed(2026, 0, 5));
  std::vector<LegalUnitRecord> units(firms);
  std::vector<Date> created(firms);
  for (std::uint64_t i = 0; i < firms; ++i) {
    created[i] = static_cast<Date>(-3650 + static_cast<std::int64_t>(rng.below(23'000)));  // 1960 … 2032
    units[i].siren = siren_of(i);
    units[i].created = created[i];
  }
  // Succession links: half moves inside a firm, half transfers to a younger firm, and some bad ones.
  std::vector<SuccessionLink> successions(links);
  for (auto& l : successions) {
    const std::uint64_t a = rng.below(firms);
    const bool move = rng.uniform() < 0.5;
    const std::uint64_t b = move ? a : rng.below(firms);
    l.predecessor = std::uint64_t{siren_of(a)} * 100'000 + 10 + rng.below(9) * 10;
    l.successor = std::uint64_t{siren_of(b)} * 100'000 + 100 + rng.below(9) * 10;
    l.date = std::max(created[a], created[b]) + static_cast<Date>(rng.below(100));
  }
  // Founder rows: 10 M roles of ~6 M persons; a third of the roles start at the firm's creation.
  const auto csv = dir / "grappe_lineage_bench_founders.csv";
  auto t = Clock::now();
  {
    std::ofstream out(csv);
    out << "siren,person,role,date_debut,date_fin\n";
    fmt::memory_buffer buffer;
    const std::uint64_t persons = founders * 6 / 10;
    for (std::uint64_t i = 0; i < founders; ++i) {
      const std::uint64_t f = rng.below(firms);
      const Date start = rng.uniform() < 0.33 ? created[f] : created[f] + static_cast<Date>(rng.below(5000));
      fmt::format_to(std::back_inserter(buffer), "{:09d},p{:x},Gérant,{},\n", siren_of(f),
                     rng.below(persons) * 2654435761u, format_date(start));
      if (buffer.size() > (1 << 20)) {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
      }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  }
  const double write_s = seconds_since(t);

  t = Clock::now();
  const double cpu0 = cpu_seconds();
  GenealogyBuilder builder;
  builder.add_firms(units);
  builder.add_successions(successions);
  const double links_s = seconds_since(t);
  t = Clock::now();
  std::array<unsigned char, PersonHasher::kSaltBytes> salt{};
  salt.fill(42);
  const auto stats = read_founders(csv, PersonHasher(salt), builder);
  const double read_s = seconds_since(t);
  units.clear();
  units.shrink_to_fit();
  successions.clear();
  successions.shrink_to_fit();
  t = Clock::now();
  const auto genealogy = builder.build();
  const double build_s = seconds_since(t);
  const double cpu = cpu_seconds() - cpu0;
  t = Clock::now();
  std::vector<std::uint32_t> set;
  for (std::uint64_t i = 0; i < 50; ++i) set.push_back(siren_of(rng.below(firms)));
  const auto lineage = trace_lineage(genealogy, set);
  const double trace_s = seconds_since(t);
  std::filesystem::remove(csv);

  fmt::print("firms {} | succession links {} | founder rows {} ({} roles)\n", firms, links, stats.rows, stats.roles);
  fmt::print("edges {} | folded moves {} | date_order {} | cycles {} | busy persons {}\n", genealogy.edges().size(),
             genealogy.folded_moves(), genealogy.problem_count(ProblemKind::date_order),
             genealogy.problem_count(ProblemKind::cycle), genealogy.problem_count(ProblemKind::busy_person));
  fmt::print("(writing the founders CSV: {:.1f} s, not counted)\n", write_s);
  fmt::print("add links {:.1f} s + read founders CSV {:.1f} s + build {:.1f} s = {:.1f} s (budget 60 s)\n", links_s,
             read_s, build_s, links_s + read_s + build_s);
  fmt::print("CPU time of these three steps: {:.1f} s\n", cpu);
  fmt::print("trace 50 firms: {:.3f} s, {} ancestors\n", trace_s, lineage.ancestors.size());
  fmt::print("peak resident memory {} MB (budget 4096 MB)\n", peak_rss_mb());
  return 0;
}
