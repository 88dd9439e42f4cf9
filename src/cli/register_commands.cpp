// `grappe ingest`, `grappe info` and `grappe export`: thin wrappers over the register module
// (docs/register.md).
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/register/export.hpp"
#include "grappe/register/ingest.hpp"
#include "grappe/register/register.hpp"
#include "grappe/register/trade.hpp"

namespace grappe::cli {
namespace {

void add_ingest(CLI::App& app) {
  auto* cmd = app.add_subcommand("ingest", "Read SIRENE stock files (CSV, .gz or .zip) into a register file");
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
  cmd->add_flag("--strict", o.strict, "Stop at the first rejected row or line that is not UTF-8");
  cmd->add_option("--summary", args->summary, "Write the counts as JSON");
  cmd->add_option("--zones", o.zones, "Commune → employment zone table (CODGEO,ZE2020,LIBZE2020)");
  cmd->add_option(
      "--geolocation", o.geolocation,
      "INSEE's GeolocalisationEtablissement_Sirene_pour_etudes_statistiques file, joined by siret");
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
    std::size_t sectors = 0, located = 0, overseas = 0, active = 0, at_commune = 0;
    double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
    for (std::uint16_t s = 0; s < r.naf().subclass_count(); ++s) {
      auto [first, last] = r.sector_rows(s);
      sectors += last > first;
    }
    for (std::size_t i = 0; i < r.size(); ++i) {
      active += (r.flags()[i] & kActive) != 0;
      overseas += (r.flags()[i] & kOverseas) != 0;
      at_commune += r.position_source(i) == PositionSource::commune;
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
              << at_commune << " at commune precision, " << overseas << " overseas)\n"
              << "sectors         " << sectors << " of " << r.naf().subclass_count() << " NAF sub-classes\n"
              << "legal units     " << r.legal_units().size() << "\n"
              << "successions     " << r.successions().size() << "\n";
    if (min_lon <= max_lon)
      std::cout << "extent (metro)  lon " << min_lon << " … " << max_lon << ", lat " << min_lat << " … "
                << max_lat << "\n";
  });
}

// The rows `grappe export` writes: a sector or trade (active establishments, from the measure
// module's groups) or every row, optionally closed ones too, then a territory filter.
std::vector<std::uint32_t> export_rows(const Register& r, const std::string& sector, const std::string& trade,
                                       const std::string& department, const std::string& region,
                                       bool closed) {
  std::vector<std::uint32_t> rows;
  if (!sector.empty()) {
    rows = measure::sector_group(r, sector).rows;
  } else if (!trade.empty()) {
    rows = measure::trade_group(r, resolve_trade(trade)).rows;
  } else {
    for (std::uint32_t i = 0; i < r.size(); ++i)
      if (closed || (r.flags()[i] & kActive)) rows.push_back(i);
  }
  if (department.empty() && region.empty()) return rows;
  std::erase_if(rows, [&](std::uint32_t i) {
    const auto c = r.commune()[i];
    if (c == kNoCommune) return true;
    const auto& commune = r.territories().commune(c);
    return (!department.empty() && commune.department != department) ||
           (!region.empty() && commune.region != region);
  });
  return rows;
}

void add_export(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "Write a register's establishments as CSV or GeoPackage");
  struct Args {
    std::filesystem::path path, out;
    std::string sector, trade, department, region;
    bool include_closed = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--register", args->path, "Register file")->required()->check(CLI::ExistingFile);
  auto* sector =
      cmd->add_option("--sector", args->sector, "Only this NAF code, at any level (31.01Z, 31, C)");
  cmd->add_option("--trade", args->trade, "Only this trade (an id of data/trades.json or a trade file)")
      ->excludes(sector);
  auto* department = cmd->add_option("--department", args->department, "Only this département (e.g. 74)");
  cmd->add_option("--region", args->region, "Only this région (INSEE code, e.g. 84)")->excludes(department);
  cmd->add_flag("--include-closed", args->include_closed,
                "Closed establishments too (without --sector/--trade)");
  cmd->add_option("--out", args->out, "Output: .csv, or .gpkg for a GeoPackage (WGS84 points)")->required();
  cmd->callback([args] {
    const Register r = Register::open(args->path);
    const auto rows =
        export_rows(r, args->sector, args->trade, args->department, args->region, args->include_closed);
    export_establishments(r, rows, args->out);
    std::size_t commune = 0, none = 0;
    for (auto i : rows) {
      commune += r.position_source(i) == PositionSource::commune;
      none += r.position_source(i) == PositionSource::none;
    }
    std::cerr << "export: " << rows.size() << " establishments (" << commune << " at commune precision, "
              << none << " without position) → " << args->out.string() << '\n';
  });
}

}  // namespace

void add_register_commands(CLI::App& app) {
  add_ingest(app);
  add_info(app);
  add_export(app);
}

}  // namespace grappe::cli
