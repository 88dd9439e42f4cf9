// grappe needs: group need statements from any CSV export into candidate collective needs
// (docs/animation.md, "grappe needs").
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "grappe/animation/csv.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"

namespace grappe::cli {
namespace {

struct NeedsArgs {
  std::filesystem::path in, out;
  std::string labels;
  double threshold = animation::GroupingOptions{}.threshold;
  double theme_weight = animation::AnalysisOptions{}.theme_weight;
  bool no_synonyms = false;
};

// One integer label per row from a column of the file (labels numbered by first appearance).
std::vector<int> read_labels(const std::filesystem::path& file, const std::string& column) {
  std::ifstream in(file);
  const auto table = animation::read_csv(in, file.string());
  const auto index = table.find_column(column);
  if (!index)
    throw InputError(file.string() + ": there is no column '" + column + "' to compare with (--labels).");
  std::map<std::string, int> ids;
  std::vector<int> labels;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& value = table.rows[r][*index];
    if (value.empty())
      throw InputError(SourceLocation{file.string(), table.row_lines[r], column, ""}, "the label is empty");
    labels.push_back(ids.emplace(value, static_cast<int>(ids.size())).first->second);
  }
  return labels;
}

nlohmann::json groups_json(const animation::Grouping& grouping, const animation::NeedCorpus& corpus) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : grouping.groups) {
    nlohmann::json j = group;
    j["statements"] = group.need_ids.size();
    groups.push_back(std::move(j));
  }
  return {{"program", version_string()},
          {"statements", corpus.needs.size()},
          {"groups", std::move(groups)},
          {"candidate_ids", [&] {
             std::vector<int> ids;
             for (const auto* group : grouping.candidates()) ids.push_back(group->id);
             return ids;
           }()}};
}

void run_needs(const NeedsArgs& a) {
  auto in = open_input(a.in, "need statements file");
  auto needs = animation::read_needs_csv(in, a.in.string());
  if (needs.empty()) throw InputError(a.in.string() + ": there is no need statement to group.");
  const auto labels = a.labels.empty() ? std::vector<int>{} : read_labels(a.in, a.labels);
  animation::AnalysisOptions analysis;
  analysis.theme_weight = a.theme_weight;
  analysis.themes.use_synonyms = !a.no_synonyms;
  const auto corpus = animation::analyse_needs(std::move(needs), analysis);
  animation::GroupingOptions options;
  options.threshold = a.threshold;
  const auto grouping = animation::group_needs(corpus, options);
  auto out = open_output(a.out, "groups file");
  out << groups_json(grouping, corpus).dump(2) << '\n';
  check_written(out, a.out, "groups file");
  fmt::print("{} statements → {} groups ({} backed by 2 firms or more) → {}\n", corpus.needs.size(),
             grouping.groups.size(), grouping.candidates().size(), a.out.string());
  if (!labels.empty()) {
    const std::size_t distinct =
        static_cast<std::size_t>(*std::max_element(labels.begin(), labels.end()) + 1);
    fmt::print("adjusted Rand index against '{}' ({} labels): {:.3f}\n", a.labels, distinct,
               animation::adjusted_rand_index(grouping.labels(corpus), labels));
  }
}

}  // namespace

void add_animation_commands(CLI::App& app) {
  auto* command = app.add_subcommand("needs",
                                     "Group need statements (CSV: id, firm, text; optional theme, language) "
                                     "into candidate collective needs");
  auto args = std::make_shared<NeedsArgs>();
  command->add_option("--in", args->in, "Need statements CSV (other columns are ignored)")->required();
  command->add_option("--out", args->out, "Groups as JSON")->required();
  command->add_option(
      "--labels", args->labels,
      "A column of --in holding reference groups: also print the adjusted Rand index against it");
  command->add_option("--threshold", args->threshold, "Average similarity from which two groups merge")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  command
      ->add_option("--theme-weight", args->theme_weight,
                   "Weight of the theme vocabulary against shared words (0: words only)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  command->add_flag("--no-synonyms", args->no_synonyms, "Do not use the thesaurus (mythes-fr) and WordNet");
  command->callback([args] { run_needs(*args); });
}

}  // namespace grappe::cli
