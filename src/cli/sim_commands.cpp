// `grappe simulate`: Monte Carlo of cluster emergence (docs/sim.md). The logic lives in src/sim.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/progress.hpp"
#include "grappe/parallel/mpi_session.hpp"
#include "grappe/sim/calibrate.hpp"
#include "grappe/sim/limiting_cases.hpp"
#include "grappe/sim/report.hpp"

namespace grappe::cli {
namespace {

struct SimulateOptions {
  std::string scenario, candidate, out, sweep;
  int candidate_id = -1;
  int replications = 1000;
  std::uint64_t seed = 20260127;
  bool validate = false, quick = false, mpi = false;
  ThreadsOption threads;
};

void write_json(const std::string& path, const nlohmann::json& j) {
  if (path.empty()) return;
  auto out = open_output(path, "output file");
  out << j.dump(2) << '\n';
  check_written(out, path, "output file");
}

void run_validate(const SimulateOptions& o) {
  auto size = o.quick ? sim::CaseSize::reduced : sim::CaseSize::full;
  std::fprintf(stderr, "simulate: running the limiting cases (%s sizes)…\n", o.quick ? "reduced" : "full");
  auto cases = sim::run_limiting_cases(size, o.seed);
  std::fputs(sim::cases_table(cases).c_str(), stdout);
  write_json(o.out, sim::cases_to_json(cases, o.seed, size));
  int failed = 0;
  for (const auto& c : cases) failed += !c.pass;
  if (failed) throw Error(std::to_string(failed) + " limiting case(s) out of tolerance");
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');)
    if (!part.empty()) parts.push_back(part);
  return parts;
}

void run_simulate(const SimulateOptions& o) {
  if (o.scenario.empty() && o.candidate.empty())
    throw InputError("give --scenario F.json and/or --candidate F.json --id N (or --validate)");
  if (!o.candidate.empty() && o.candidate_id < 0) throw InputError("--candidate needs --id N (the candidate's rank)");
  sim::SimulationReport report;
  report.scenario = o.scenario.empty() ? sim::Scenario{} : sim::load_scenario(o.scenario);
  if (!o.candidate.empty()) {
    report.scenario = sim::calibrate_from_candidate_file(o.candidate, o.candidate_id, report.scenario);
    report.calibration = "candidate " + std::to_string(o.candidate_id) + " of " + o.candidate;
  }
  report.options.replications = o.replications;
  report.options.master_seed = o.seed;
  ThreadLimit limit(o.threads);
  sim::Population population = sim::build_population(report.scenario, o.seed);

  std::vector<sim::SweepAxis> axes;
  bool cannot_force = false;
  for (const auto& name : split(o.sweep)) {
    if (name == "hours" || name == "all") axes.push_back(sim::SweepAxis::hours);
    if (name == "core" || name == "all") axes.push_back(sim::SweepAxis::core);
    if (name == "withdrawal" || name == "all") axes.push_back(sim::SweepAxis::withdrawal);
    if (name == "cannot-force" || name == "all") cannot_force = true;
    if (name != "hours" && name != "core" && name != "withdrawal" && name != "cannot-force" && name != "all")
      throw InputError(SourceLocation{"--sweep", 0, "", name},
                       "unknown sweep (use hours, core, withdrawal, cannot-force or all)");
  }
  // Progress counts every replication of every run: the scenario, each sweep point with its
  // baseline, and the cannot-force budgets.
  std::uint64_t runs = 1;
  for (auto axis : axes) runs += sim::default_sweep_values(axis).size() * (axis == sim::SweepAxis::core ? 2 : 1) + 1;
  if (cannot_force) runs += 12;
  // With --mpi, rank 0 alone shows progress (its share, once for each rank) and writes.
  const parallel::MpiSession mpi(o.mpi);
  Progress progress("simulate", runs * o.replications, "replications");
  sim::MonteCarloOptions options = report.options;
  const auto step = static_cast<std::uint64_t>(mpi.size());
  options.on_replication_done = [&progress, step] { progress.advance(step); };
  options.team = mpi.team();

  auto outcomes = sim::run_replications(report.scenario, population, options);
  report.summary = sim::summarise(report.scenario, outcomes);
  for (auto axis : axes) {
    auto points = sim::run_sweep(report.scenario, population, axis, sim::default_sweep_values(axis), options);
    report.sweeps.insert(report.sweeps.end(), points.begin(), points.end());
  }
  if (cannot_force) report.cannot_force = sim::cannot_force_success(report.scenario, options);
  progress.finish();
  if (!mpi.is_root()) return;
  std::fputs(sim::report_table(report).c_str(), stdout);
  write_json(o.out, sim::report_to_json(report));
}

}  // namespace

void add_sim_commands(CLI::App& app) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand("simulate", "Monte Carlo of cluster emergence under animation (docs/sim.md)");
  cmd->add_option("--scenario", options->scenario, "Scenario parameters (JSON; every key optional, see docs/sim.md)");
  cmd->add_option("--candidate", options->candidate, "Calibrate the firms from a scan candidates JSON file");
  cmd->add_option("--id", options->candidate_id, "Rank of the candidate in --candidate");
  cmd->add_option("--replications", options->replications, "Monte Carlo replications (default 1000)")
      ->check(CLI::Range(1, 10'000'000));
  cmd->add_option("--seed", options->seed, "Master seed (default 20260127)");
  cmd->add_option("--sweep", options->sweep,
                  "Comma-separated sweeps: hours, core, withdrawal, cannot-force, all (paired vs no animator)");
  cmd->add_option("--out", options->out, "Output JSON file");
  cmd->add_flag("--validate", options->validate, "Run every limiting case of the model and compare with the literature");
  cmd->add_flag("--quick", options->quick, "With --validate: reduced sample sizes (wider tolerances)");
  cmd->add_flag("--mpi", options->mpi, "Under mpirun: share the replications among the ranks; rank 0 writes the same "
                                       "output as a single process (docs/mpi.md)");
  add_threads_option(*cmd, options->threads);
  cmd->callback([options] {
    if (options->validate) {
      if (options->mpi) throw InputError("--validate runs on one process: leave out --mpi");
      ThreadLimit limit(options->threads);
      run_validate(*options);
    } else {
      run_simulate(*options);
    }
  });
}

}  // namespace grappe::cli
