// JSON (de)serialisation of need statements and groupings, so the workspace can store them.
#include "grappe/animation/needs.hpp"
#include "grappe/common/error.hpp"
#include "json_fields.hpp"

namespace grappe::animation {
namespace {

template <typename T>
T required(const nlohmann::json& j, const char* key, const char* what) {
  return json_fields::field<T>(j, key, what);
}

template <typename T>
T optional_field(const nlohmann::json& j, const char* key, T fallback) {
  return j.contains(key) && !j.at(key).is_null() ? j.at(key).get<T>() : fallback;
}

}  // namespace

void to_json(nlohmann::json& j, const NeedStatement& need) {
  j = {{"id", need.id}, {"firm", need.firm}, {"theme", need.theme}, {"text", need.text}};
  j["language"] = need.language ? nlohmann::json(std::string(language_code(*need.language))) : nlohmann::json();
}

void from_json(const nlohmann::json& j, NeedStatement& need) {
  need.id = required<std::string>(j, "id", "need statement");
  need.firm = required<std::string>(j, "firm", "need statement");
  need.text = required<std::string>(j, "text", "need statement");
  need.theme = optional_field<std::string>(j, "theme", "");
  const auto language = optional_field<std::string>(j, "language", "");
  need.language = language.empty() ? std::nullopt : std::optional(parse_language(language));
}

void to_json(nlohmann::json& j, const CollectiveNeed& group) {
  j = {{"id", group.id},
       {"name", group.name},
       {"named_by_animator", group.named_by_animator},
       {"need_ids", group.need_ids},
       {"firms", group.firms},
       {"supporters", group.supporters},
       {"supporting_firms", group.supporting_firms()},
       {"sample_texts", group.sample_texts},
       {"top_terms", group.top_terms},
       {"theme", group.theme},
       {"category", group.category}};
}

void from_json(const nlohmann::json& j, CollectiveNeed& group) {
  group.id = required<int>(j, "id", "collective need");
  group.name = required<std::string>(j, "name", "collective need");
  group.named_by_animator = optional_field<bool>(j, "named_by_animator", false);
  group.need_ids = required<std::vector<std::string>>(j, "need_ids", "collective need");
  group.firms = optional_field<std::vector<std::string>>(j, "firms", {});
  group.supporters = optional_field<std::vector<std::string>>(j, "supporters", {});
  group.sample_texts = optional_field<std::vector<std::string>>(j, "sample_texts", {});
  group.top_terms = optional_field<std::vector<std::string>>(j, "top_terms", {});
  group.theme = optional_field<std::string>(j, "theme", "");
  group.category = optional_field<std::string>(j, "category", "");
}

void to_json(nlohmann::json& j, const Grouping& grouping) {
  j = {{"groups", grouping.groups}, {"next_id", grouping.next_id}};
}

void from_json(const nlohmann::json& j, Grouping& grouping) {
  grouping.groups = required<std::vector<CollectiveNeed>>(j, "groups", "grouping");
  grouping.next_id = required<int>(j, "next_id", "grouping");
  for (const auto& group : grouping.groups)
    if (group.id >= grouping.next_id)
      throw InputError("A grouping in JSON has next_id " + std::to_string(grouping.next_id) +
                       " but a collective need with id " + std::to_string(group.id) + ".");
}

}  // namespace grappe::animation
