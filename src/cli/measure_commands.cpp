// grappe kd, grappe mfun, grappe measure: thin wrappers over the measure module (docs/measure.md).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/progress.hpp"
#include "grappe/common/random.hpp"
#include "grappe/measure/analysis.hpp"
#include "grappe/measure/curve_output.hpp"
#include "grappe/measure/distance_grid.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/measure/points.hpp"
#include "grappe/measure/register_kd.hpp"
#include "grappe/measure/register_points.hpp"
#include "grappe/measure/territorial_measures.hpp"
#include "grappe/parallel/bytes.hpp"
#include "grappe/parallel/mpi_session.hpp"

namespace grappe::cli {

namespace {

using namespace grappe::measure;

const KdRequest kKd;  // the defaults of a Kd request, shared with the server and Python

struct CurveCommandOptions {
  std::string points, type, register_path, sector, trade, level = "subclass", out, plot, summary, r_spec;
  std::string positions = "exact", nomenclature = "nafrev2";
  bool weighted = false, exact = false, all = false, mpi = false;
  std::size_t max_points = kKd.max_points, max_others = 200000;
  std::size_t simulations = 1000;
  std::uint64_t seed = 1;
  double rmax = kKd.rmax, confidence = kKd.confidence;
  ThreadsOption threads;
};

// With --positions any, how many of the points stand at their commune's point.
void report_commune_precision(const RegisterSites& sites) {
  if (sites.commune_precision > 0)
    std::fprintf(stderr, "positions: %zu of %zu establishments at commune precision (their commune's point)\n",
                 sites.commune_precision, sites.size());
}

// --nomenclature: which NAF the sectors (--sector, --level) are read in.
void add_nomenclature_option(CLI::App* command, std::string& nomenclature) {
  command
      ->add_option("--nomenclature", nomenclature,
                   "NAF of --sector and --level: nafrev2 (NAF rév. 2, the default: official until the end of "
                   "2026 and on every stock) or naf2025 (each establishment's activitePrincipaleNAF25Etablissement)")
      ->capture_default_str()
      ->check(CLI::IsMember({"nafrev2", "naf2025"}));
}

// A trade's codes say their own nomenclature ("NAF2025:25.53Y"): --nomenclature is for sectors.
void check_trade_nomenclature(const std::string& nomenclature) {
  if (nomenclature != "nafrev2")
    throw InputError("--nomenclature applies to --sector and --level; a trade's NAF 2025 codes are written "
                     "\"NAF2025:CODE\" in its file.");
}

void add_curve_options(CLI::App* command, CurveCommandOptions& o) {
  command->add_option("--points", o.points, "Point file: CSV with columns x,y,type[,weight] (metres)")->check(CLI::ExistingFile);
  command->add_option("--type", o.type, "Type of the reference points in --points");
  command->add_option("--register", o.register_path, "Register file (from grappe ingest)")->check(CLI::ExistingFile);
  command->add_option("--sector", o.sector, "NAF code at any level (31.01Z, 31.01, 31.0, 31, C) with --register");
  command->add_option("--trade", o.trade, "A trade id of data/trades.json, or a catalogue file with one trade, with --register");
  add_nomenclature_option(command, o.nomenclature);
  command->add_option("--positions", o.positions,
                      "--register: exact (establishments with their own position, default) or any (also those "
                      "placed at their commune's point)")
      ->capture_default_str()->check(CLI::IsMember({"exact", "any"}));
  command->add_option("--max-points", o.max_points,
                      "--register: measure sectors larger than this on a uniform random sample of this many establishments (0: all)")
      ->capture_default_str();
  command->add_option("--simulations", o.simulations, "Monte Carlo simulations of the null model (0: the curve only)")
      ->capture_default_str();
  command->add_option("--seed", o.seed, "Master seed of the simulations' streams")->capture_default_str();
  command->add_option("--rmax", o.rmax, "Largest distance (metres)")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--r", o.r_spec, "Distances: a step in metres (default 1000), from:to:step, or a list a,b,c");
  command->add_option("--confidence", o.confidence,
                      "Local band: (1-c)/2 and (1+c)/2 quantiles; each global band is crossed by (1-c)/2 of the simulations")
      ->capture_default_str()->check(CLI::Range(0.5, 0.999));
  command->add_option("--plot", o.plot, "Also draw the curve and its envelopes as an SVG file");
  command->add_option("--summary", o.summary, "Also write the summary (bandwidth, Γ, Ψ, …) as a JSON file");
  command->add_option("--out", o.out, "Output CSV")->required();
  command->add_flag("--mpi", o.mpi,
                    "Under mpirun: share the simulations (with --all: the sectors) among the ranks; "
                    "rank 0 writes the same files as a single process (docs/mpi.md)");
  add_threads_option(*command, o.threads);
}

MarkedPoints load_points(const CurveCommandOptions& o, std::uint32_t& type_index) {
  if (o.type.empty()) throw InputError("--points needs --type T (the type of the reference points).");
  MarkedPoints points = read_points_csv(o.points);
  auto type = points.find_type(o.type);
  if (!type) {
    std::string known;
    for (auto& name : points.type_names) known += (known.empty() ? "" : ", ") + name;
    throw InputError(fmt::format("Type '{}' does not occur in {} (types found: {}).", o.type, o.points, known));
  }
  type_index = *type;
  return points;
}

void check_one_input(const CurveCommandOptions& o) {
  if (o.points.empty() == o.register_path.empty())
    throw InputError("Give exactly one input: --points F.csv --type T, or --register R (--sector CODE | --trade T).");
  if (!o.register_path.empty() && !o.all && o.sector.empty() == o.trade.empty())
    throw InputError("With --register, give one of --sector CODE or --trade T.");
}

EstablishmentGroup register_group(const Register& reg, const CurveCommandOptions& o) {
  if (o.sector.empty()) check_trade_nomenclature(o.nomenclature);
  return named_group(reg, o.sector, o.trade, parse_nomenclature(o.nomenclature));
}

void write_outputs(const CurveCommandOptions& o, const CurveAnalysis& analysis, const CurveLabels& labels) {
  write_curve_csv(o.out, analysis, labels);
  if (!o.plot.empty()) write_curve_svg(o.plot, analysis, labels);
  if (!o.summary.empty()) {
    auto out = open_output(o.summary, "summary");
    out << summary_json(analysis, labels) << '\n';
  }
  std::fprintf(stderr, "%s\n", summary_text(analysis, labels).c_str());
}

// Progress is shown by rank 0 only, which counts its own share once for each rank.
KdRun shared_run(Progress& progress, const parallel::MpiSession& mpi) {
  const auto step = static_cast<std::uint64_t>(mpi.size());
  return {.on_simulation_done = [&progress, step] { progress.advance(step); }, .team = mpi.team()};
}

MonteCarloOptions monte_carlo(const CurveCommandOptions& o, Progress& progress,
                              const parallel::MpiSession& mpi) {
  KdRun run = shared_run(progress, mpi);
  return {.simulations = o.simulations,
          .seed = o.seed,
          .confidence = o.confidence,
          .on_simulation_done = std::move(run.on_simulation_done),
          .team = run.team};
}

KdRequest kd_request(const CurveCommandOptions& o, const std::vector<double>& r, std::uint64_t seed) {
  return {.rmax = o.rmax,
          .r = r,
          .max_points = o.max_points,
          .simulations = o.simulations,
          .seed = seed,
          .confidence = o.confidence,
          .weighted = o.weighted,
          .exact = o.exact};
}

std::string group_title(const EstablishmentGroup& g) { return g.code + (g.label.empty() ? "" : " " + g.label); }

void run_kd_all(const CurveCommandOptions& o, const std::vector<double>& r, const parallel::MpiSession& mpi);

void run_kd(const CurveCommandOptions& o) {
  ThreadLimit limit(o.threads);
  check_one_input(o);
  auto r = parse_distance_grid(o.r_spec, o.rmax);
  parallel::MpiSession mpi(o.mpi);
  if (o.all) return run_kd_all(o, r, mpi);
  CurveAnalysis analysis;
  std::string title;
  if (!o.points.empty()) {
    std::uint32_t type = 0;
    MarkedPoints points = load_points(o, type);
    const Sample sample = points.sample_of(type);
    if (sample.size() < 2) throw InputError("Kd needs at least two points of type " + o.type + ".");
    title = fmt::format("Kd of type {} ({} points{})", o.type, sample.size(), o.weighted ? ", weighted" : "");
    Progress progress("Kd simulations", o.simulations, "simulations");
    analysis = analyse_kd(sample, points.x, points.y, r, {.weighted = o.weighted, .exact = o.exact},
                          monte_carlo(o, progress, mpi));
    progress.finish();
  } else {
    Register reg = Register::open(o.register_path);
    auto group = register_group(reg, o);
    auto sites = located_sites(reg, parse_position_policy(o.positions));
    report_commune_precision(sites);
    Progress progress("Kd simulations", o.simulations, "simulations");
    GroupKd kd = group_kd(sites, group, kd_request(o, r, o.seed), shared_run(progress, mpi));
    progress.finish();
    analysis = std::move(kd.analysis);
    title = fmt::format("Kd of {} ({} establishments{}{})", group_title(group), group.rows.size(),
                        kd.points < group.rows.size() ? fmt::format(", {} located/sampled", kd.points) : "",
                        o.weighted ? ", weighted" : "");
  }
  CurveLabels labels{.value_column = "kd", .title = title, .y_label = "K-density (per km)", .y_scale = 1000};
  if (mpi.is_root()) write_outputs(o, analysis, labels);
}

// One sector's lines of the long CSV and of the summary CSV, and whether it was measured and
// found localised.
struct SectorLines {
  std::string rows, summary;
  bool measured = false, localised = false;
};

SectorLines kd_of_sector(const CurveCommandOptions& o, const std::vector<double>& r, const RegisterSites& sites,
                         const EstablishmentGroup& group, std::size_t g) {
  SectorLines lines;
  const auto kd = try_group_kd(sites, group, kd_request(o, r, stream_seed(o.seed, g)));
  if (!kd) return lines;
  const CurveAnalysis& a = kd->analysis;
  lines.measured = true, lines.localised = a.test.is_localised();
  for (std::size_t k = 0; k < r.size(); ++k) {
    lines.rows += group.code + ',' + fmt::format("{:.12g},{:.12g}", r[k], a.observed[k]);
    if (const auto& e = a.envelope)
      lines.rows += fmt::format(",{:.12g},{:.12g},{:.12g},{:.12g},{},{}", e->lo_local[k], e->hi_local[k], e->lo_global[k],
                                e->hi_global[k], int(a.test.localised[k]), int(a.test.dispersed[k]));
    lines.rows += '\n';
  }
  lines.summary = group.code + ",\"" + group.label + "\"," + std::to_string(group.rows.size()) + ',' +
                  std::to_string(kd->points) + ',' +
                  fmt::format("{:.6g},{:.6g},{:.6g},{},{}", a.kd_details.bandwidth, a.test.gamma, a.test.psi,
                              int(a.test.is_localised()), int(a.test.is_dispersed())) +
                  '\n';
  return lines;
}

// The sectors dealt round-robin among the MPI ranks (each sector with all its simulations);
// rank 0 gathers their lines and writes them in sector order.
std::vector<SectorLines> kd_of_sectors(const CurveCommandOptions& o, const std::vector<double>& r,
                                       const RegisterSites& sites, const std::vector<EstablishmentGroup>& groups,
                                       const parallel::MpiSession& mpi, Progress& progress) {
  std::vector<std::string> mine;
  const auto step = static_cast<std::uint64_t>(mpi.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (!parallel::is_mine(g, mpi.team())) continue;
    SectorLines lines = kd_of_sector(o, r, sites, groups[g], g);
    parallel::ByteWriter packed;
    packed.put_vector(std::vector<char>(lines.rows.begin(), lines.rows.end()));
    packed.put_vector(std::vector<char>(lines.summary.begin(), lines.summary.end()));
    packed.put<std::uint8_t>(lines.measured | (lines.localised << 1));
    mine.push_back(packed.take());
    progress.advance(step);
  }
  std::vector<SectorLines> all;
  for (const auto& bytes : parallel::gather_round_robin(mpi.team(), groups.size(), mine)) {
    parallel::ByteReader reader(bytes);
    auto rows = reader.get_vector<char>(), summary = reader.get_vector<char>();
    const auto flags = reader.get<std::uint8_t>();
    all.push_back({{rows.begin(), rows.end()}, {summary.begin(), summary.end()}, bool(flags & 1), bool(flags & 2)});
  }
  return all;
}

// Every sector of a NAF level: one long CSV (group,r,kd,…) and an optional summary CSV.
void run_kd_all(const CurveCommandOptions& o, const std::vector<double>& r, const parallel::MpiSession& mpi) {
  if (o.register_path.empty()) throw InputError("--all needs --register R.");
  Register reg = Register::open(o.register_path);
  auto groups = groups_at_level(reg, parse_naf_level(o.level), parse_nomenclature(o.nomenclature));
  auto sites = located_sites(reg, parse_position_policy(o.positions));
  report_commune_precision(sites);
  std::ofstream out, summary;
  if (mpi.is_root()) {
    out = open_output(o.out, "output file");
    if (!o.summary.empty()) summary = open_output(o.summary, "summary");
  }
  Progress progress(fmt::format("Kd of every {}", o.level), groups.size(), "sectors");
  const auto sectors = kd_of_sectors(o, r, sites, groups, mpi, progress);
  progress.finish();
  if (!mpi.is_root()) return;
  out << "group,r,kd" << (o.simulations > 0 ? ",lo_local,hi_local,lo_global,hi_global,localised,dispersed" : "") << '\n';
  if (summary.is_open()) summary << "group,label,establishments,points,bandwidth,gamma,psi,localised,dispersed\n";
  std::size_t localised = 0, measured = 0;
  for (const auto& sector : sectors) {
    if (!sector.measured) continue;
    ++measured, localised += sector.localised;
    out << sector.rows;
    if (summary.is_open()) summary << sector.summary;
  }
  check_written(out, o.out, "output file");
  std::fprintf(stderr, "Kd of every %s: %zu sectors measured, %zu localised.\n", o.level.c_str(), measured, localised);
}

void run_mfun(const CurveCommandOptions& o) {
  ThreadLimit limit(o.threads);
  check_one_input(o);
  auto r = parse_distance_grid(o.r_spec, o.rmax);
  MarkedPoints points;
  std::uint32_t type = 0;
  std::string title;
  if (!o.points.empty()) {
    points = load_points(o, type);
    title = fmt::format("M of type {} among {} points", o.type, points.size());
  } else {
    Register reg = Register::open(o.register_path);
    auto group = register_group(reg, o);
    const auto sites = located_sites(reg, parse_position_policy(o.positions));
    report_commune_precision(sites);
    points = group_marked_points(sites, group, o.max_others, o.seed);
    title = fmt::format("M of {} among {} establishments", group_title(group), points.size());
  }
  parallel::MpiSession mpi(o.mpi);
  Progress progress("M simulations", o.simulations, "simulations");
  auto analysis = analyse_m(points, type, r, monte_carlo(o, progress, mpi));
  progress.finish();
  CurveLabels labels{.value_column = "m", .title = title, .y_label = "M (relative concentration)", .y_scale = 1, .reference_line = 1};
  if (mpi.is_root()) write_outputs(o, analysis, labels);
}

struct MeasureCommandOptions {
  std::string register_path, level = "subclass", territory = "department", trade, basis = "employment", out;
  std::string nomenclature = "nafrev2";
  bool coagglomeration = false, no_lq = false;
  ThreadsOption threads;
};

void run_measure(const MeasureCommandOptions& o) {
  ThreadLimit limit(o.threads);
  Register reg = Register::open(o.register_path);
  if (!o.trade.empty()) check_trade_nomenclature(o.nomenclature);
  auto groups =
      trade_or_level_groups(reg, o.trade, parse_naf_level(o.level), parse_nomenclature(o.nomenclature));
  TerritorialOptions options{.territory = parse_territory_level(o.territory), .by_employment = o.basis == "employment",
                             .location_quotients = !o.no_lq, .coagglomeration = o.coagglomeration};
  if (options.territory == TerritoryLevel::zone)
    throw InputError("--territory zone needs a register built with an employment-zone table (not available here).");
  Progress progress("measure", groups.size(), "groups");
  auto rows = territorial_measures(reg, groups, options);
  progress.finish();
  write_measures_csv(o.out, rows);
  std::fprintf(stderr, "measure: %zu groups, %zu rows → %s\n", groups.size(), rows.size(), o.out.c_str());
}

}  // namespace

void add_measure_commands(CLI::App& app) {
  auto kd_options = std::make_shared<CurveCommandOptions>();
  auto* kd = app.add_subcommand("kd", "Duranton-Overman K-density with local and global confidence envelopes");
  add_curve_options(kd, *kd_options);
  kd->add_flag("--weighted", kd_options->weighted, "Weight each pair by the product of the points' weights (headcounts)");
  kd->add_flag("--exact", kd_options->exact, "Exact kernel sum instead of the binned fast path (slow)");
  kd->add_flag("--all", kd_options->all, "With --register: every sector of --level (long CSV; --summary writes a CSV of Γ, Ψ)");
  kd->add_option("--level", kd_options->level, "NAF level for --all: subclass|class|group|division|section")->capture_default_str();
  kd->callback([kd_options] { run_kd(*kd_options); });

  auto m_options = std::make_shared<CurveCommandOptions>();
  auto* mfun = app.add_subcommand("mfun", "Marcon-Puech M function with local and global confidence envelopes");
  add_curve_options(mfun, *m_options);
  mfun->add_option("--max-others", m_options->max_others,
                   "--register: keep at most this many establishments outside the sector (random sample, weights scaled up)")
      ->capture_default_str();
  mfun->callback([m_options] { run_mfun(*m_options); });

  auto measure_options = std::make_shared<MeasureCommandOptions>();
  auto& mo = *measure_options;
  auto* measure = app.add_subcommand("measure", "Location quotients, Ellison-Glaeser and Maurel-Sedillot indices per sector or trade");
  measure->add_option("--register", mo.register_path, "Register file (from grappe ingest)")->required()->check(CLI::ExistingFile);
  measure->add_option("--level", mo.level, "NAF level: subclass|class|group|division|section")->capture_default_str();
  measure->add_option("--territory", mo.territory, "Areas: commune|epci|arrondissement|department|region")->capture_default_str();
  measure->add_option("--trade", mo.trade, "Measure trades instead of sectors: a trade id of data/trades.json or a catalogue file");
  add_nomenclature_option(measure, mo.nomenclature);
  measure->add_option("--basis", mo.basis, "employment (headcount midpoints) or establishments")
      ->capture_default_str()->check(CLI::IsMember({"employment", "establishments"}));
  measure->add_flag("--coagglomeration", mo.coagglomeration, "Also the EG co-agglomeration of every pair of groups");
  measure->add_flag("--no-lq", mo.no_lq, "Leave out the location quotients per territory");
  measure->add_option("--out", mo.out, "Output CSV (tidy: one row per group, territory and measure)")->required();
  add_threads_option(*measure, mo.threads);
  measure->callback([measure_options] { run_measure(*measure_options); });
}

}  // namespace grappe::cli
