// grappe lineage: genealogy forest and common ancestors of a set of firms (docs/lineage.md).
#include <fmt/format.h>

#include <chrono>

#include "commands.hpp"
#include "grappe/candidate/candidate.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/progress.hpp"
#include "grappe/lineage/ancestry.hpp"
#include "grappe/lineage/lineage_service.hpp"
#include "grappe/register/register.hpp"

namespace grappe::cli {
namespace {

struct LineageArgs {
  std::filesystem::path register_file, founders, salt_file, candidate, out;
  int id = 1;
  std::string sirens;
  std::size_t top = 20;
};

void note(const std::string& text) {
  if (Progress::enabled()) fmt::print(stderr, "lineage: {}\n", text);
}

void run_lineage(const LineageArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  const Register reg = Register::open(a.register_file);
  const lineage::LineageService service(reg, a.founders, a.salt_file);
  if (!a.founders.empty()) {
    const auto& stats = service.founder_stats();
    note(fmt::format("{} founder rows read, {} roles, {} bad rows", stats.rows, stats.roles, stats.bad_rows));
  }
  const auto genealogy = service.genealogy();
  note(fmt::format("genealogy of {} edges built in {:.1f} s ({} moves folded)", genealogy->edges().size(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                   genealogy->folded_moves()));
  for (int k = 0; k < static_cast<int>(lineage::ProblemKind::count_); ++k)
    if (auto n = genealogy->problem_count(static_cast<lineage::ProblemKind>(k)); n > 0)
      note(fmt::format("skipped {} input(s): {}", n, lineage::problem_name(static_cast<lineage::ProblemKind>(k))));
  const auto sirens =
      a.candidate.empty()
          ? lineage::parse_siren_list(a.sirens)
          : member_sirens(candidate_by_rank(read_candidates(a.candidate), a.id, a.candidate.string()));
  lineage::LineageOptions options;
  options.max_ancestors = a.top;
  const auto result = service.trace(sirens, options);
  lineage::write_lineage(a.out, result, *genealogy, service.name_of());
  fmt::print(stderr, "{} → {}\n", lineage::lineage_summary(result, service.name_of()), a.out.string());
}

}  // namespace

void add_lineage_commands(CLI::App& app) {
  auto* command = app.add_subcommand(
      "lineage",
      "Rebuild firm genealogies (establishment transfers, founders' spin-offs) and find the common ancestors "
      "of a set of firms; writes JSON, GraphViz DOT or SVG by the extension of --out");
  auto args = std::make_shared<LineageArgs>();
  command->add_option("--register", args->register_file, "Register file (from grappe ingest)")->required()->check(CLI::ExistingFile);
  command->add_option("--founders", args->founders, "Founders/directors CSV: siren,person,role,date_debut,date_fin")
      ->check(CLI::ExistingFile);
  command->add_option("--salt-file", args->salt_file,
                      "Secret salt used to re-hash person ids (created if missing; default "
                      "$GRAPPE_SALT_FILE or ~/.config/grappe/person.salt)");
  auto* candidate = command->add_option("--candidate", args->candidate, "Scan result (JSON) holding the candidate")
                        ->check(CLI::ExistingFile);
  command->add_option("--id", args->id, "Rank of the candidate in --candidate")->capture_default_str()->needs(candidate);
  auto* sirens = command->add_option("--siren", args->sirens, "Comma-separated SIRENs instead of a candidate");
  candidate->excludes(sirens);
  command->add_option("--out", args->out, "Output file: .json, .dot or .svg")->required();
  command->add_option("--top", args->top, "Common ancestors listed")->capture_default_str();
  command->callback([args] {
    if (args->candidate.empty() && args->sirens.empty()) throw InputError("give --candidate F --id N or --siren LIST");
    run_lineage(*args);
  });
}

}  // namespace grappe::cli
