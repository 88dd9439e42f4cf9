// grappe kd, grappe mfun, grappe measure: thin wrappers over the measure module (docs/measure.md).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/progress.hpp"
#include "grappe/measure/analysis.hpp"
#include "grappe/measure/curve_output.hpp"
#include "grappe/measure/distance_grid.hpp"
#include "grappe/measure/points.hpp"

namespace grappe::cli {

namespace {

using namespace grappe::measure;

struct CurveCommandOptions {
  std::string points, type, register_path, sector, out, plot, summary, r_spec;
  bool weighted = false, exact = false;
  std::size_t simulations = 1000;
  std::uint64_t seed = 1;
  double rmax = 180000, confidence = 0.90;
  ThreadsOption threads;
};

void add_curve_options(CLI::App* command, CurveCommandOptions& o) {
  command->add_option("--points", o.points, "Point file: CSV with columns x,y,type[,weight] (metres)")->check(CLI::ExistingFile);
  command->add_option("--type", o.type, "Type of the reference points in --points");
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
  add_threads_option(*command, o.threads);
}

MarkedPoints load_points(const CurveCommandOptions& o, std::uint32_t& type_index) {
  if (o.points.empty()) throw InputError("Give the input with --points F.csv --type T.");
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

void write_outputs(const CurveCommandOptions& o, const CurveAnalysis& analysis, const CurveLabels& labels) {
  write_curve_csv(o.out, analysis, labels);
  if (!o.plot.empty()) write_curve_svg(o.plot, analysis, labels);
  if (!o.summary.empty()) {
    std::ofstream out(o.summary);
    if (!out) throw Error("Cannot write " + o.summary + ".");
    out << summary_json(analysis, labels) << '\n';
  }
  std::fprintf(stderr, "%s\n", summary_text(analysis, labels).c_str());
}

MonteCarloOptions monte_carlo(const CurveCommandOptions& o, Progress& progress) {
  return {.simulations = o.simulations, .seed = o.seed, .confidence = o.confidence,
          .on_simulation_done = [&progress] { progress.advance(); }};
}

void run_kd(const CurveCommandOptions& o) {
  ThreadLimit limit(o.threads);
  std::uint32_t type = 0;
  MarkedPoints points = load_points(o, type);
  Sample sample = points.sample_of(type);
  auto r = parse_distance_grid(o.r_spec, o.rmax);
  Progress progress("Kd simulations", o.simulations, "simulations");
  auto analysis = analyse_kd(sample, points.x, points.y, r, {.weighted = o.weighted, .exact = o.exact},
                             monte_carlo(o, progress));
  progress.finish();
  CurveLabels labels{.value_column = "kd",
                     .title = fmt::format("Kd of type {} ({} points{})", o.type, sample.size(), o.weighted ? ", weighted" : ""),
                     .y_label = "K-density (per km)", .y_scale = 1000};
  write_outputs(o, analysis, labels);
}

void run_mfun(const CurveCommandOptions& o) {
  ThreadLimit limit(o.threads);
  std::uint32_t type = 0;
  MarkedPoints points = load_points(o, type);
  auto r = parse_distance_grid(o.r_spec, o.rmax);
  Progress progress("M simulations", o.simulations, "simulations");
  auto analysis = analyse_m(points, type, r, monte_carlo(o, progress));
  progress.finish();
  CurveLabels labels{.value_column = "m", .title = fmt::format("M of type {} among {} points", o.type, points.size()),
                     .y_label = "M (relative concentration)", .y_scale = 1, .reference_line = 1};
  write_outputs(o, analysis, labels);
}

}  // namespace

void add_measure_commands(CLI::App& app) {
  auto kd_options = std::make_shared<CurveCommandOptions>();
  auto* kd = app.add_subcommand("kd", "Duranton-Overman K-density with local and global confidence envelopes");
  add_curve_options(kd, *kd_options);
  kd->add_flag("--weighted", kd_options->weighted, "Weight each pair by the product of the points' weights (headcounts)");
  kd->add_flag("--exact", kd_options->exact, "Exact kernel sum instead of the binned fast path (slow)");
  kd->callback([kd_options] { run_kd(*kd_options); });

  auto m_options = std::make_shared<CurveCommandOptions>();
  auto* mfun = app.add_subcommand("mfun", "Marcon-Puech M function with local and global confidence envelopes");
  add_curve_options(mfun, *m_options);
  mfun->callback([m_options] { run_mfun(*m_options); });
}

}  // namespace grappe::cli
