// Need statements imported from a survey follow the survey's privacy operations: erasing a
// response (GDPR, by its link) deletes the statements cut from its free text, and anonymising
// the survey renames their keys so that they no longer name the response they came from.
#include <algorithm>
#include <set>

#include "grappe/workspace/auth.hpp"
#include "store_internal.hpp"

namespace grappe::animation {
namespace {

// Imported keys are "s<survey>-r<response>-<n>" (store_needs.cpp, import_survey).
// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "s" + std::to_string(…).
std::string survey_prefix(std::int64_t survey, const char* kind) {
  std::string prefix(1, 's');
  prefix += std::to_string(survey);
  prefix += kind;
  return prefix;
}

std::string response_prefix(std::int64_t survey, std::int64_t response) {
  std::string prefix = survey_prefix(survey, "-r");
  prefix += std::to_string(response);
  prefix += '-';
  return prefix;
}

std::optional<std::int64_t> initiative_of_survey(Transaction& tx, std::int64_t survey) {
  const auto row = tx.query_one(
      "SELECT c.initiative_id AS id FROM surveys s JOIN components c ON c.id = s.component_id WHERE s.id = ?",
      {survey});
  if (!row) return std::nullopt;
  return row->integer("id");
}

// Rewrites the stored grouping: need ids renamed (or dropped when mapped to ""), the sample
// texts of dropped statements removed, firms recomputed, empty groups dropped.
void rewrite_grouping(Transaction& tx, std::int64_t initiative,
                      const std::map<std::string, std::string>& renamed,
                      const std::set<std::string>& dropped_texts) {
  lock_grouping(tx, initiative);
  const auto before = load_grouping(tx, initiative);
  if (!before) return;
  auto grouping = before;
  std::map<std::string, std::string> firm_of;
  for (const auto& need : load_needs(tx, initiative)) firm_of[need.id] = need.firm;
  std::vector<CollectiveNeed> kept;
  std::vector<int> lost_statements;  // groups that lost erased statements
  for (auto group : grouping->groups) {
    std::vector<std::string> ids;
    for (const auto& id : group.need_ids) {
      const auto found = renamed.find(id);
      if (found == renamed.end())
        ids.push_back(id);
      else if (!found->second.empty())
        ids.push_back(found->second);
    }
    if (ids.empty()) continue;
    if (ids.size() < group.need_ids.size()) lost_statements.push_back(group.id);
    std::set<std::string> firms;
    for (const auto& id : ids)
      if (firm_of.count(id)) firms.insert(firm_of[id]);
    group.need_ids = ids;
    group.firms.assign(firms.begin(), firms.end());
    std::erase_if(group.sample_texts, [&](const std::string& text) { return dropped_texts.count(text) > 0; });
    kept.push_back(std::move(group));
  }
  grouping->groups = std::move(kept);
  // Top terms and suggested names came from the erased texts too: computed again from what is
  // left, so that no word of an erased answer stays in a name.
  if (!lost_statements.empty()) {
    GroupingOptions options;
    options.threshold = stored_threshold(tx, initiative);
    grouping = describe_groups(*grouping, shared_analyser().analyse(load_needs(tx, initiative)),
                               lost_statements, options);
  }
  save_grouping(tx, initiative, before, *grouping, stored_threshold(tx, initiative));
}

}  // namespace

void AnimationStore::forget_survey_response(Transaction& tx, std::int64_t survey, std::int64_t response) {
  const auto initiative = initiative_of_survey(tx, survey);
  if (!initiative) return;
  const std::string prefix = response_prefix(survey, response);
  std::map<std::string, std::string> dropped;
  std::set<std::string> texts;
  for (const auto& row : tx.query("SELECT need_key, text FROM animation_needs WHERE initiative_id = ? AND "
                                  "source = 'survey' AND need_key LIKE ?",
                                  {*initiative, prefix + "%"})) {
    dropped[row.text("need_key")] = "";
    texts.insert(row.text("text"));
  }
  if (dropped.empty()) return;
  tx.execute("DELETE FROM animation_needs WHERE initiative_id = ? AND source = 'survey' AND need_key LIKE ?",
             {*initiative, prefix + "%"});
  rewrite_grouping(tx, *initiative, dropped, texts);
}

void AnimationStore::unlink_survey_needs(Transaction& tx, std::int64_t survey) {
  const auto initiative = initiative_of_survey(tx, survey);
  if (!initiative) return;
  const std::string prefix = survey_prefix(survey, "-r");
  std::map<std::string, std::string> renamed;
  std::map<std::string, std::string> per_response;  // "s7-r6-" → "s7-a<random>-"
  for (const auto& row : tx.query("SELECT need_key FROM animation_needs WHERE initiative_id = ? AND source = "
                                  "'survey' AND need_key LIKE ?",
                                  {*initiative, prefix + "%"})) {
    const std::string key = row.text("need_key");
    const std::string response = key.substr(0, key.rfind('-') + 1);
    auto [it, fresh] = per_response.try_emplace(response, "");
    if (fresh) it->second = survey_prefix(survey, "-a") + workspace::random_token(8) + "-";
    renamed[key] = it->second + key.substr(response.size());
  }
  for (const auto& [from, to] : renamed)
    tx.execute("UPDATE animation_needs SET need_key = ? WHERE initiative_id = ? AND need_key = ?",
               {to, *initiative, from});
  if (!renamed.empty()) rewrite_grouping(tx, *initiative, renamed, {});
}

}  // namespace grappe::animation
