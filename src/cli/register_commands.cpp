// `grappe ingest` and `grappe info`: thin wrappers over the register module (docs/register.md).
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/register/ingest.hpp"
#include "grappe/register/register.hpp"

namespace grappe::cli {
namespace {

void add_ingest(CLI::App& app) {
  auto* cmd = app.add_subcommand("ingest", "Read SIRENE stock files (CSV or .gz) into a register file");
  struct Args {
    IngestOptions options;
    std::string summary;
    ThreadsOption threads;
  };
  auto args = std::make_shared<Args>();
  auto& o = args->options;
  cmd->add_option("--etablissements", o.establishments, "StockEtablissement CSV (required)")->required();
  cmd->add_option("--unites-legales", o.legal_units, "StockUniteLegale CSV");
  cmd->add_option("--successions", o.successions, "StockEtablissementLiensSuccession CSV");
  cmd->add_option("--out", o.out, "Register file to write")->required();
  cmd->add_flag("--include-closed", o.include_closed, "Keep closed establishments too");
  cmd->add_option("--rejects", o.rejects, "Write every rejected record to this CSV (line, reason, fields)");
  cmd->add_flag("--strict", o.strict, "Stop at the first rejected row");
  cmd->add_option("--summary", args->summary, "Write the counts as JSON");
  cmd->add_option("--zones", o.zones, "Commune → employment zone table (CODGEO,ZE2020,LIBZE2020)");
  add_threads_option(*cmd, args->threads);
  cmd->callback([args] {
    ThreadLimit limit(args->threads);
    const IngestSummary summary = run_ingest(args->options);
    if (summary.rejected.size() > 20)
      std::cerr << "… and " << summary.rejected.size() - 20 << " more rejected rows"
                << (args->options.rejects.empty() ? " (see --rejects)" : "") << '\n';
    std::cout << summary_text(summary);
    if (!args->summary.empty()) {
      auto out = open_output(args->summary, "summary");
      out << summary_json(summary).dump(2) << '\n';
      check_written(out, args->summary, "summary");
    }
  });
}

void add_info(CLI::App& app) {
  auto* cmd = app.add_subcommand("info", "Describe a register file (counts, sectors, extent, version)");
  struct Args {
    std::filesystem::path path;
    bool verify = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--register", args->path, "Register file")->required();
  cmd->add_flag("--verify", args->verify, "Check every column's checksum and values");
  cmd->callback([args] {
    const Register r = Register::open(args->path, args->verify);
    std::size_t sectors = 0, located = 0, overseas = 0, active = 0;
    double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
    for (std::uint16_t s = 0; s < r.naf().subclass_count(); ++s) {
      auto [first, last] = r.sector_rows(s);
      sectors += last > first;
    }
    for (std::size_t i = 0; i < r.size(); ++i) {
      active += (r.flags()[i] & kActive) != 0;
      overseas += (r.flags()[i] & kOverseas) != 0;
      if (!r.has_location(i)) continue;
      ++located;
      if (r.flags()[i] & kOverseas) continue;
      min_lon = std::min<double>(min_lon, r.lon()[i]);
      max_lon = std::max<double>(max_lon, r.lon()[i]);
      min_lat = std::min<double>(min_lat, r.lat()[i]);
      max_lat = std::max<double>(max_lat, r.lat()[i]);
    }
    std::cout << "register        " << args->path.string() << "\n"
              << "format version  " << r.file_version() << (args->verify ? " (checksums verified)" : "")
              << "\n"
              << "establishments  " << r.size() << " (" << active << " active, " << located << " located, "
              << overseas << " overseas)\n"
              << "sectors         " << sectors << " of " << r.naf().subclass_count() << " NAF sub-classes\n"
              << "legal units     " << r.legal_units().size() << "\n"
              << "successions     " << r.successions().size() << "\n";
    if (min_lon <= max_lon)
      std::cout << "extent (metro)  lon " << min_lon << " … " << max_lon << ", lat " << min_lat << " … "
                << max_lat << "\n";
  });
}

}  // namespace

void add_register_commands(CLI::App& app) {
  add_ingest(app);
  add_info(app);
}

}  // namespace grappe::cli
