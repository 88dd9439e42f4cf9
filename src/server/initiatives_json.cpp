#include "initiatives_json.hpp"

#include "grappe/workspace/errors.hpp"
#include "input.hpp"

// The fields written as they are (ADL: in the structs' namespace).
namespace grappe::workspace {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Component, id, kind, name, position, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Representative, id, member_id, name, email, role, language, created_at)
}  // namespace grappe::workspace

namespace grappe::server {

using nlohmann::json;

workspace::NewInitiative new_initiative_from(const json& body) {
  input::object(body);
  workspace::NewInitiative r;
  r.name = input::required_text(body, "name");
  r.description = input::text(body, "description", input::kLongText).value_or("");
  r.trade = input::text(body, "trade").value_or("");
  if (!body.contains("candidate") || body["candidate"].is_null()) return r;
  const json& c = input::object(body["candidate"], "'candidate'");
  if (!c.contains("members") || !c["members"].is_array())
    workspace::fail_invalid("'candidate.members' must be an array");
  if (c["members"].size() > 5000) workspace::fail_invalid("a candidate has at most 5000 members", "too_long");
  r.candidate = candidate_from_json(c, "the request", "candidate");
  if (c.contains("center") && c["center"].is_object()) {
    r.center_lon = input::number(c["center"], "lon", -180, 180);
    r.center_lat = input::number(c["center"], "lat", -90, 90);
  }
  r.radius_m = input::number(c, "radius_m", 0, 1e7);
  if (r.trade.empty()) r.trade = input::text(c, "trade").value_or("");
  return r;
}

workspace::InitiativePatch initiative_patch_from(const json& body) {
  input::object(body);
  return {input::text(body, "name"), input::text(body, "description", input::kLongText),
          input::text(body, "trade"), input::text(body, "status")};
}

workspace::NewMember new_member_from(const json& body) {
  input::object(body);
  return {input::siret(body.value("siret", json())), input::text(body, "name"),
          input::text(body, "address", 400),         input::text(body, "commune"),
          input::number(body, "headcount", 0, 1e7),  input::number(body, "lon", -180, 180),
          input::number(body, "lat", -90, 90)};
}

workspace::NewRepresentative new_representative_from(const json& body) {
  input::object(body);
  return {input::required_text(body, "name"), input::email(body, "email", false),
          input::text(body, "role").value_or(""), input::text(body, "language").value_or("fr")};
}

workspace::RepresentativePatch representative_patch_from(const json& body) {
  input::object(body);
  workspace::RepresentativePatch r;
  r.name = input::text(body, "name");
  r.role = input::text(body, "role");
  r.language = input::text(body, "language");
  if (body.contains("email")) r.email = input::email(body, "email", false);
  return r;
}

json initiative_json(const workspace::Initiative& i, bool with_components) {
  json out = {{"id", i.id},
              {"name", i.name},
              {"description", i.description},
              {"trade", i.trade},
              {"status", i.status},
              {"center", {{"lon", optional_json(i.center_lon)}, {"lat", optional_json(i.center_lat)}}},
              {"radius_m", optional_json(i.radius_m)},
              {"created_at", i.created_at},
              {"member_count", i.member_count}};
  if (!with_components) return out;
  out["components"] = json::array();
  for (const auto& c : i.components)
    out["components"].push_back({{"id", c.id}, {"kind", c.kind}, {"name", c.name}});
  return out;
}

json component_json(const workspace::Component& c) { return c; }

json firm_json(const workspace::Firm& f) {
  return {{"siret", f.siret},
          {"name", f.name},
          {"address", f.address},
          {"commune", f.commune},
          {"headcount", optional_json(f.headcount)},
          {"lon", optional_json(f.lon)},
          {"lat", optional_json(f.lat)}};
}

json member_json(const workspace::Member& m) {
  json out = firm_json(m.firm);
  out.update(
      {{"id", m.id}, {"initiative_id", m.initiative_id}, {"source", m.source}, {"added_at", m.added_at}});
  return out;
}

json representative_json(const workspace::Representative& r) { return r; }

json contact_json(const workspace::Contact& c) {
  json account = {{"state", c.account_state}};
  if (c.user_id) account["user_id"] = *c.user_id;
  if (c.link_expires_at) account["link_expires_at"] = *c.link_expires_at;
  json out = representative_json(c.representative);
  out["firm"] = c.firm;
  out["siret"] = c.siret;
  out["account"] = account;
  return out;
}

json representative_data_json(const workspace::RepresentativeData& data) {
  json out = {{"representative", representative_json(data.representative)}};
  if (data.firm) out["firm"] = member_json(*data.firm);
  json invitations = json::array();
  for (const auto& inv : data.survey_invitations)
    invitations.push_back(
        {{"survey_id", inv.survey_id},
         {"created_at", inv.created_at},
         {"invited_at", inv.invited_at},
         {"responded_at", inv.responded_at},
         {"answers", inv.answers ? json::parse(*inv.answers, nullptr, false) : json(nullptr)}});
  out["survey_invitations"] = invitations;
  return out;
}

}  // namespace grappe::server
