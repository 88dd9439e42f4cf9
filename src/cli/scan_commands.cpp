// grappe scan, grappe report (docs/scan.md): thin layer over the scan module.
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/parallel/mpi_session.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/candidate_io.hpp"
#include "grappe/scan/point_scan.hpp"
#include "grappe/scan/register_scan.hpp"
#include "grappe/scan/report.hpp"

namespace grappe::cli {

namespace {

struct ScanCommand {
  std::string register_path, points, trade, sector, region, department, exclude, out, save_trades, positions = "exact";
  std::string nomenclature = "nafrev2";
  bool all = false, weighted = false, per_establishment = false, mpi = false;
  double max_radius = 50000, min_radius = 1000, alpha = 0.05;
  int simulations = 999, min_cases = 5, max_clusters = 10, early_stop = 10;
  std::uint64_t seed = 1;
  ThreadsOption threads;
};

// The window ladder and the test options, the same for a register and for a point file.
LadderParams ladder_params(const ScanCommand& o) {
  return {.min_radius = std::min(o.min_radius, o.max_radius), .max_radius = o.max_radius};
}

ScanOptions scan_options(const ScanCommand& o) {
  return {.min_cases = o.min_cases,
          .simulations = o.simulations,
          .early_stop = o.early_stop,
          .max_clusters = o.max_clusters,
          .weighted = o.weighted,
          .seed = o.seed};
}

// --points: the scan of a point file.
void run_point_scan(const ScanCommand& o) {
  ThreadLimit limit(o.threads);
  const auto result = scan_points(read_case_points(o.points), ladder_params(o), scan_options(o));
  write_point_scan(o.out, result);
  fmt::print(stderr, "scan: {} points, {} cases, {} clusters → {}\n", result.points, result.scan.case_weight,
             result.scan.clusters.size(), o.out);
}

// --save-trades DIR: each candidate as a trade file, DIR/<rank>-<id>.json.
void save_candidate_trades(const std::filesystem::path& dir, const std::vector<Candidate>& candidates) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw InputError("--save-trades '" + dir.string() + "': cannot create the directory (" + ec.message() +
                     ").");
  for (const auto& c : candidates) {
    const Trade t = candidate_trade(c);
    save_trade(dir / fmt::format("{:03d}-{}.json", c.rank, t.id), t);
  }
}

void run_scan(const ScanCommand& o) {
  ThreadLimit limit(o.threads);
  check_candidates_path(o.out);
  const parallel::MpiSession mpi(o.mpi);
  const Register reg = Register::open(o.register_path);
  RegisterScanRequest request;
  const Nomenclature nomenclature = parse_nomenclature(o.nomenclature);
  if (!o.trade.empty()) request.trades.push_back(resolve_trade(o.trade));
  if (!o.sector.empty()) request.trades.push_back(sector_trade(reg, o.sector, nomenclature));
  if (o.all) request.trades = all_trades(reg, nomenclature);
  // Discovery joins co-located NAF rév. 2 sub-classes: with NAF 2025 only its codes are tested.
  if (nomenclature == Nomenclature::naf_2025) request.discover = false;
  request.region = o.region;
  request.department = o.department;
  if (!o.exclude.empty()) request.excluded = read_siret_list(o.exclude);
  request.ladder = ladder_params(o);
  request.scan = scan_options(o);
  request.scan.team = mpi.team();
  request.alpha = o.alpha;
  request.one_per_firm = !o.per_establishment;
  request.positions = parse_position_policy(o.positions);
  const auto result = scan_register(reg, request);
  const nlohmann::json meta = {{"register", o.register_path}, {"establishments_scanned", result.establishments},
                               {"positions", o.positions}, {"commune_precision", result.commune_precision},
                               {"nomenclature", o.nomenclature},
                               {"trades_tested", result.trades_tested}, {"simulations", o.simulations},
                               {"seed", o.seed}, {"max_radius_m", o.max_radius}, {"min_radius_m", request.ladder.min_radius},
                               {"weighted", o.weighted}, {"alpha", o.alpha}, {"region", o.region},
                               {"department", o.department}};
  if (!mpi.is_root()) return;
  write_candidates(o.out, result.candidates, meta);
  if (!o.save_trades.empty()) save_candidate_trades(o.save_trades, result.candidates);
  fmt::print(stderr, "scan: {} establishments ({} at commune precision), {} trades tested, {} candidates (q ≤ {}) → {}\n",
             result.establishments, result.commune_precision, result.trades_tested, result.candidates.size(), o.alpha,
             o.out);
}

void add_scan(CLI::App& app) {
  auto* cmd = app.add_subcommand("scan", "Find latent clusters: Kulldorff's Bernoulli scan of each trade, "
                                         "Monte Carlo p-values, Benjamini–Hochberg q-values across trades");
  auto o = std::make_shared<ScanCommand>();
  auto* reg = cmd->add_option("--register", o->register_path, "Register file (grappe ingest)");
  auto* points =
      cmd->add_option("--points", o->points, "Or a point file: CSV x,y,case[,weight] (metres; case 1/0)")
          ->check(CLI::ExistingFile);
  reg->excludes(points);
  auto* trade = cmd->add_option("--trade", o->trade, "Trade: a JSON file, or an id of data/trades.json");
  auto* sector = cmd->add_option("--sector", o->sector, "NAF code at any level (31.01Z, 31.0, 31, C; see --nomenclature)");
  auto* all = cmd->add_flag("--all", o->all, "Every NAF sub-class and every trade of the catalogue");
  cmd->add_option("--nomenclature", o->nomenclature,
                  "Codes of --sector and --all: nafrev2 (NAF rév. 2, the default: official until the end of "
                  "2026 and on every stock) or naf2025 (each establishment's activitePrincipaleNAF25Etablissement; "
                  "--all then tests the NAF 2025 sub-classes only, without discovery)")
      ->capture_default_str()->check(CLI::IsMember({"nafrev2", "naf2025"}));
  trade->excludes(sector)->excludes(all);
  sector->excludes(all);
  auto* region = cmd->add_option("--region", o->region, "Restrict to a région (INSEE code, e.g. 84)");
  cmd->add_option("--department", o->department, "Restrict to a département (e.g. 74)")->excludes(region);
  cmd->add_option("--exclude", o->exclude, "Sirets to leave out (text/CSV list, or a candidates .json)");
  cmd->add_option("--max-radius", o->max_radius, "Largest window radius, metres")->capture_default_str()
      ->check(CLI::Range(100.0, 500000.0));
  cmd->add_option("--min-radius", o->min_radius, "Smallest window radius, metres")->capture_default_str()
      ->check(CLI::Range(50.0, 500000.0));
  cmd->add_option("--simulations", o->simulations, "Monte Carlo simulations per trade")->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--early-stop", o->early_stop,
                  "Stop a trade's simulations once this many beat its top cluster (Besag–Clifford; 0: never)")
      ->capture_default_str()->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", o->seed, "Master seed")->capture_default_str();
  cmd->add_flag("--weighted", o->weighted, "Weight establishments by headcount (band midpoints, at least 1)");
  cmd->add_option("--positions", o->positions,
                  "exact: establishments with their own position only (default); any: also those placed at "
                  "their commune's point")
      ->capture_default_str()->check(CLI::IsMember({"exact", "any"}));
  cmd->add_flag("--per-establishment", o->per_establishment,
                "Count establishments as cases (default: firms, one establishment per siren)");
  cmd->add_option("--min-cases", o->min_cases, "Fewest firms of the trade in a cluster")->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-clusters", o->max_clusters, "Clusters per trade (primary + secondary)")
      ->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--alpha", o->alpha, "Keep candidates with q-value ≤ alpha")->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--out", o->out,
                  "Output: .json, .csv (+ _members.csv), .geojson or .gpkg (--points: .json or .csv)")
      ->required();
  cmd->add_option("--save-trades", o->save_trades,
                  "Also write each candidate as a trade file (for --trade) in this directory");
  cmd->add_flag("--mpi", o->mpi, "Under mpirun: share each trade's simulations among the ranks; rank 0 writes "
                                 "the same file as a single process (docs/mpi.md)");
  add_threads_option(*cmd, o->threads);
  cmd->callback([o] {
    if (!o->points.empty()) {
      if (!o->trade.empty() || !o->sector.empty() || o->all)
        throw InputError(
            "grappe scan --points scans the file's cases: leave out --trade, --sector and --all.");
      return run_point_scan(*o);
    }
    if (o->register_path.empty()) throw InputError("grappe scan needs --register R (or --points F.csv).");
    if (o->trade.empty() && o->sector.empty() && !o->all)
      throw InputError("grappe scan needs one of --trade, --sector or --all.");
    run_scan(*o);
  });
}

void add_report(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "Write a self-contained HTML report (map, ranked table, members) "
                                           "of a candidates file");
  auto o = std::make_shared<ReportOptions>();
  cmd->add_option("--register", o->register_path, "Register file the candidates come from")->required();
  cmd->add_option("--candidates", o->candidates_path, "Candidates .json written by grappe scan")->required();
  cmd->add_option("--kd", o->kd_paths, "K-density CSV(s) from grappe kd (r,kd,lo,hi…), optional");
  cmd->add_option("--title", o->title, "Report title (default: \"grappe — latent clusters\" in the chosen language)");
  cmd->add_option("--lang", o->lang, "Language of the report: fr or en")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& lang) {
            return lang == "fr" || lang == "en" ? std::string{}
                                                : "the report is written in fr or en, not '" + lang + "'";
          },
          "fr|en"));
  cmd->add_option("--out", o->out, "Output .html")->required();
  cmd->callback([o] {
    write_report(*o);
    fmt::print(stderr, "report: {}\n", o->out);
  });
}

}  // namespace

void add_scan_commands(CLI::App& app) {
  add_scan(app);
  add_report(app);
}

}  // namespace grappe::cli
