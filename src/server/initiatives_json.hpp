#pragma once
// The JSON of initiatives, members and representatives (docs/api.md): request bodies checked
// field by field into the service's structs (400 naming the field), results written back.
#include <nlohmann/json.hpp>

#include "grappe/workspace/initiatives.hpp"

namespace grappe::server {

// {name, description?, trade?, candidate?: {...}} (the candidate's members are imported).
workspace::NewInitiative new_initiative_from(const nlohmann::json& body);
workspace::InitiativePatch initiative_patch_from(const nlohmann::json& body);
// {siret, name?, address?, commune?, headcount?, lon?, lat?}
workspace::NewMember new_member_from(const nlohmann::json& body);
// {name, email?, role?, language?}
workspace::NewRepresentative new_representative_from(const nlohmann::json& body);
workspace::RepresentativePatch representative_patch_from(const nlohmann::json& body);

// With its components ({id, kind, name}) when `with_components`.
nlohmann::json initiative_json(const workspace::Initiative& initiative, bool with_components = true);
nlohmann::json component_json(const workspace::Component& component);
nlohmann::json firm_json(const workspace::Firm& firm);
nlohmann::json member_json(const workspace::Member& member);
nlohmann::json representative_json(const workspace::Representative& representative);
nlohmann::json contact_json(const workspace::Contact& contact);
nlohmann::json representative_data_json(const workspace::RepresentativeData& data);

// The value, or null.
template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

// {"items": [...], "total": n} of any of the above.
template <typename T, typename F>
nlohmann::json items_json(const std::vector<T>& items, F&& to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return {{"items", out}, {"total", items.size()}};
}

}  // namespace grappe::server
