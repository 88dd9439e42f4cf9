#include "grappe/workspace/initiatives.hpp"

#include <cmath>
#include <set>

#include "grappe/candidate/candidate.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/input.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

json optional_number(const Row& row, std::string_view column) {
  if (row.is_null(column)) return nullptr;
  return row.real(column);
}

Value value_of(const std::optional<double>& v) { return v ? Value(*v) : Value(nullptr); }

const char* kInitiativeColumns =
    "id, name, description, trade, status, center_lon, center_lat, radius_m, created_at, "
    "(SELECT COUNT(*) FROM members m WHERE m.initiative_id = initiatives.id) AS member_count";
const char* kMemberColumns = "id, initiative_id, siret, name, address, commune, headcount, lon, lat, source, added_at";
const char* kRepresentativeColumns = "id, member_id, name, email, role, language, created_at";

Firm firm_of(const CandidateMember& m) {
  // Scan output has the commune's code in "commune" and its name in "commune_name".
  auto known = [](double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; };
  return {
      format_siret(m.siret), m.name,       m.address,   m.commune_name.empty() ? m.commune : m.commune_name,
      m.headcount,           known(m.lon), known(m.lat)};
}

// The stored form of a candidate (as the candidates format writes it, whatever the request's
// spelling), also the key that finds an initiative made from it.
std::string candidate_document(const Candidate& candidate) {
  return to_json(candidate).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void Initiatives::require_initiative(Transaction& tx, std::int64_t id) {
  if (!tx.query_one("SELECT id FROM initiatives WHERE id = ?", {id})) fail_not_found("initiative " + std::to_string(id));
}

json Initiatives::initiative_json(const Row& row) {
  return {{"id", row.integer("id")},           {"name", row.text("name")},
          {"description", row.text("description")}, {"trade", row.text("trade")},
          {"status", row.text("status")},      {"center", {{"lon", optional_number(row, "center_lon")},
                                                           {"lat", optional_number(row, "center_lat")}}},
          {"radius_m", optional_number(row, "radius_m")}, {"created_at", row.text("created_at")},
          {"member_count", row.integer("member_count")}};
}

json Initiatives::member_json(const Row& row) {
  return {{"id", row.integer("id")},         {"initiative_id", row.integer("initiative_id")},
          {"siret", row.text("siret")},      {"name", row.text("name")},
          {"address", row.text("address")},  {"commune", row.text("commune")},
          {"headcount", optional_number(row, "headcount")}, {"lon", optional_number(row, "lon")},
          {"lat", optional_number(row, "lat")}, {"source", row.text("source")},
          {"added_at", row.text("added_at")}};
}

json Initiatives::representative_json(const Row& row) {
  return {{"id", row.integer("id")},     {"member_id", row.integer("member_id")}, {"name", row.text("name")},
          {"email", row.text("email")},  {"role", row.text("role")}, {"language", row.text("language")},
          {"created_at", row.text("created_at")}};
}

json Initiatives::list(std::int64_t offset, std::int64_t limit) {
  json out;
  db_.read([&](Transaction& tx) {
    json items = json::array();
    for (const Row& row : tx.query(std::string("SELECT ") + kInitiativeColumns +
                                       " FROM initiatives ORDER BY id LIMIT ? OFFSET ?",
                                   {limit, offset}))
      items.push_back(initiative_json(row));
    auto total = tx.query_one("SELECT COUNT(*) AS n FROM initiatives")->integer("n");
    out = {{"items", items}, {"total", total}, {"offset", offset}, {"limit", limit}};
  });
  return out;
}

json Initiatives::get(std::int64_t id) {
  json out;
  db_.read([&](Transaction& tx) {
    auto row = tx.query_one(std::string("SELECT ") + kInitiativeColumns + " FROM initiatives WHERE id = ?", {id});
    if (!row) fail_not_found("initiative " + std::to_string(id));
    out = initiative_json(*row);
    json components = json::array();
    for (const Row& c : tx.query("SELECT id, kind, name, position FROM components WHERE initiative_id = ? ORDER BY "
                                 "position, id", {id}))
      components.push_back({{"id", c.integer("id")}, {"kind", c.text("kind")}, {"name", c.text("name")}});
    out["components"] = components;
  });
  return out;
}

void Initiatives::insert_member(Transaction& tx, std::int64_t initiative_id, const Firm& firm, const std::string& source) {
  tx.execute("INSERT INTO members (initiative_id, siret, name, address, commune, headcount, lon, lat, source, "
             "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {initiative_id, firm.siret, firm.name, firm.address, firm.commune, value_of(firm.headcount),
              value_of(firm.lon), value_of(firm.lat), source, now_iso8601()});
}

json Initiatives::create(const Actor& actor, const json& body) {
  input::object(body);
  std::string name = input::required_text(body, "name");
  std::string description = input::text(body, "description", input::kLongText).value_or("");
  std::string trade = input::text(body, "trade").value_or("");
  std::vector<Firm> firms;
  std::optional<double> lon, lat, radius;
  std::string candidate_text;
  if (body.contains("candidate") && !body["candidate"].is_null()) {
    const json& c = input::object(body["candidate"], "'candidate'");
    if (!c.contains("members") || !c["members"].is_array()) fail_invalid("'candidate.members' must be an array");
    if (c["members"].size() > 5000) fail_invalid("a candidate has at most 5000 members", "too_long");
    const Candidate candidate = candidate_from_json(c, "the request", "candidate");
    for (const auto& m : candidate.members) firms.push_back(firm_of(m));
    if (c.contains("center") && c["center"].is_object()) {
      lon = input::number(c["center"], "lon", -180, 180);
      lat = input::number(c["center"], "lat", -90, 90);
    }
    radius = input::number(c, "radius_m", 0, 1e7);
    if (trade.empty()) trade = input::text(c, "trade").value_or("");
    candidate_text = candidate_document(candidate);
  }
  std::int64_t id = 0;
  db_.write([&](Transaction& tx) {
    id = tx.insert("INSERT INTO initiatives (name, description, trade, center_lon, center_lat, radius_m, candidate, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {name, description, trade, value_of(lon), value_of(lat), value_of(radius), candidate_text,
                    actor.user_id ? Value(*actor.user_id) : Value(nullptr), now_iso8601()});
    std::set<std::string> seen;
    for (const Firm& firm : firms)
      if (seen.insert(firm.siret).second) insert_member(tx, id, firm, "candidate");
    audit(tx, actor, "initiative.create", "initiative:" + std::to_string(id),
          firms.empty() ? "by hand" : "from candidate, " + std::to_string(seen.size()) + " firms");
  });
  return get(id);
}

json Initiatives::update(const Actor& actor, std::int64_t id, const json& body) {
  input::object(body);
  auto name = input::text(body, "name");
  auto description = input::text(body, "description", input::kLongText);
  auto trade = input::text(body, "trade");
  auto status = input::text(body, "status");
  if (name && name->empty()) fail_invalid("'name' must not be empty", "missing_field");
  if (status && *status != "launch" && *status != "active" && *status != "archived")
    fail_invalid("'status' must be launch, active or archived");
  db_.write([&](Transaction& tx) {
    require_initiative(tx, id);
    if (name) tx.execute("UPDATE initiatives SET name = ? WHERE id = ?", {*name, id});
    if (description) tx.execute("UPDATE initiatives SET description = ? WHERE id = ?", {*description, id});
    if (trade) tx.execute("UPDATE initiatives SET trade = ? WHERE id = ?", {*trade, id});
    if (status) tx.execute("UPDATE initiatives SET status = ? WHERE id = ?", {*status, id});
    audit(tx, actor, "initiative.update", "initiative:" + std::to_string(id));
  });
  return get(id);
}

void Initiatives::remove(const Actor& actor, std::int64_t id) {
  db_.write([&](Transaction& tx) {
    require_initiative(tx, id);
    tx.execute("DELETE FROM initiatives WHERE id = ?", {id});
    audit(tx, actor, "initiative.delete", "initiative:" + std::to_string(id));
  });
}

json Initiatives::members(std::int64_t initiative_id) {
  json items = json::array();
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative_id);
    for (const Row& row : tx.query(std::string("SELECT ") + kMemberColumns +
                                       " FROM members WHERE initiative_id = ? ORDER BY name, id",
                                   {initiative_id}))
      items.push_back(member_json(row));
  });
  return {{"items", items}, {"total", items.size()}};
}

Firm Initiatives::firm_from_body(const json& body) const {
  Firm firm;
  firm.siret = input::siret(body.value("siret", json()));
  std::optional<Firm> known = directory_ ? directory_->find(firm.siret) : std::nullopt;
  if (known) firm = *known;
  if (auto v = input::text(body, "name")) firm.name = *v;
  if (auto v = input::text(body, "address", 400)) firm.address = *v;
  if (auto v = input::text(body, "commune")) firm.commune = *v;
  if (auto v = input::number(body, "headcount", 0, 1e7)) firm.headcount = v;
  if (auto v = input::number(body, "lon", -180, 180)) firm.lon = v;
  if (auto v = input::number(body, "lat", -90, 90)) firm.lat = v;
  if (!known && firm.name.empty())
    fail_invalid("siret " + firm.siret + " is not in the register" +
                     std::string(directory_ ? "" : " (the server has no register)") + ": give at least its 'name'",
                 "unknown_siret");
  return firm;
}

json Initiatives::add_member(const Actor& actor, std::int64_t initiative_id, const json& body) {
  input::object(body);
  Firm firm = firm_from_body(body);
  bool from_register = directory_ && directory_->find(firm.siret);
  json out;
  db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative_id);
    if (tx.query_one("SELECT id FROM members WHERE initiative_id = ? AND siret = ?", {initiative_id, firm.siret}))
      fail_conflict("siret " + firm.siret + " is already a member of this initiative", "already_member");
    insert_member(tx, initiative_id, firm, from_register ? "register" : "manual");
    auto row = tx.query_one(std::string("SELECT ") + kMemberColumns + " FROM members WHERE initiative_id = ? AND siret = ?",
                            {initiative_id, firm.siret});
    out = member_json(*row);
    give_survey_links(tx, row->integer("id"), std::nullopt);
    audit(tx, actor, "member.add", "initiative:" + std::to_string(initiative_id), firm.siret);
  });
  return out;
}

void Initiatives::remove_member(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id) {
  db_.write([&](Transaction& tx) {
    auto row = tx.query_one("SELECT siret FROM members WHERE id = ? AND initiative_id = ?", {member_id, initiative_id});
    if (!row) fail_not_found("member " + std::to_string(member_id));
    tx.execute("DELETE FROM members WHERE id = ?", {member_id});
    audit(tx, actor, "member.remove", "initiative:" + std::to_string(initiative_id), row->text("siret"));
  });
}

json Initiatives::representatives(std::int64_t initiative_id, std::int64_t member_id) {
  json items = json::array();
  db_.read([&](Transaction& tx) {
    if (!tx.query_one("SELECT id FROM members WHERE id = ? AND initiative_id = ?", {member_id, initiative_id}))
      fail_not_found("member " + std::to_string(member_id));
    for (const Row& row : tx.query(std::string("SELECT ") + kRepresentativeColumns +
                                       " FROM representatives WHERE member_id = ? ORDER BY id", {member_id}))
      items.push_back(representative_json(row));
  });
  return {{"items", items}, {"total", items.size()}};
}

json Initiatives::add_representative(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id,
                                     const json& body) {
  input::object(body);
  std::string name = input::required_text(body, "name");
  std::string email = input::email(body, "email", false);
  std::string role = input::text(body, "role").value_or("");
  std::string language = input::text(body, "language").value_or("fr");
  if (language != "fr" && language != "en") fail_invalid("'language' must be fr or en");
  json out;
  db_.write([&](Transaction& tx) {
    if (!tx.query_one("SELECT id FROM members WHERE id = ? AND initiative_id = ?", {member_id, initiative_id}))
      fail_not_found("member " + std::to_string(member_id));
    auto id = tx.insert("INSERT INTO representatives (member_id, name, email, role, language, created_at) VALUES "
                        "(?, ?, ?, ?, ?, ?) RETURNING id",
                        {member_id, name, email, role, language, now_iso8601()});
    give_survey_links(tx, member_id, id);
    out = representative_json(*tx.query_one(std::string("SELECT ") + kRepresentativeColumns +
                                            " FROM representatives WHERE id = ?", {id}));
    audit(tx, actor, "representative.add", "representative:" + std::to_string(id));
  });
  return out;
}

json Initiatives::update_representative(const Actor& actor, std::int64_t id, const json& body) {
  input::object(body);
  auto name = input::text(body, "name");
  auto role = input::text(body, "role");
  auto language = input::text(body, "language");
  std::optional<std::string> email;
  if (body.contains("email")) email = input::email(body, "email", false);
  if (name && name->empty()) fail_invalid("'name' must not be empty", "missing_field");
  if (language && *language != "fr" && *language != "en") fail_invalid("'language' must be fr or en");
  json out;
  db_.write([&](Transaction& tx) {
    if (!tx.query_one("SELECT id FROM representatives WHERE id = ?", {id})) fail_not_found("representative " + std::to_string(id));
    if (name) tx.execute("UPDATE representatives SET name = ? WHERE id = ?", {*name, id});
    if (email) tx.execute("UPDATE representatives SET email = ? WHERE id = ?", {*email, id});
    if (role) tx.execute("UPDATE representatives SET role = ? WHERE id = ?", {*role, id});
    if (language) tx.execute("UPDATE representatives SET language = ? WHERE id = ?", {*language, id});
    out = representative_json(*tx.query_one(std::string("SELECT ") + kRepresentativeColumns +
                                            " FROM representatives WHERE id = ?", {id}));
    audit(tx, actor, "representative.update", "representative:" + std::to_string(id));
  });
  return out;
}

void Initiatives::remove_representative(const Actor& actor, std::int64_t id) {
  db_.write([&](Transaction& tx) {
    if (!tx.query_one("SELECT id FROM representatives WHERE id = ?", {id})) fail_not_found("representative " + std::to_string(id));
    tx.execute("DELETE FROM representatives WHERE id = ?", {id});
    audit(tx, actor, "representative.remove", "representative:" + std::to_string(id));
  });
}

json Initiatives::representative_data(std::int64_t id) {
  json out;
  db_.read([&](Transaction& tx) {
    auto row = tx.query_one(std::string("SELECT ") + kRepresentativeColumns + " FROM representatives WHERE id = ?", {id});
    if (!row) fail_not_found("representative " + std::to_string(id));
    out["representative"] = representative_json(*row);
    auto member = tx.query_one(std::string("SELECT ") + kMemberColumns + " FROM members WHERE id = ?",
                               {row->integer("member_id")});
    if (member) out["firm"] = member_json(*member);
    json invitations = json::array();
    for (const Row& inv : tx.query(
             "SELECT i.id, i.survey_id, i.created_at, i.invited_at, i.reminded_at, i.responded_at, r.answers, "
             "r.submitted_at, r.updated_at FROM invitations i LEFT JOIN responses r ON r.invitation_id = i.id "
             "WHERE i.representative_id = ? ORDER BY i.id", {id})) {
      json answers = inv.is_null("answers") ? json(nullptr) : json::parse(inv.text("answers"), nullptr, false);
      invitations.push_back({{"survey_id", inv.integer("survey_id")}, {"created_at", inv.text("created_at")},
                             {"invited_at", inv.optional_text("invited_at").value_or("")},
                             {"responded_at", inv.optional_text("responded_at").value_or("")},
                             {"answers", answers}});
    }
    out["survey_invitations"] = invitations;
  });
  return out;
}

void Initiatives::erase_representative(const Actor& actor, std::int64_t id) {
  db_.write([&](Transaction& tx) {
    if (!tx.query_one("SELECT id FROM representatives WHERE id = ?", {id})) fail_not_found("representative " + std::to_string(id));
    // Responses go with their invitation (ON DELETE CASCADE); the person's record last.
    tx.execute("DELETE FROM responses WHERE invitation_id IN (SELECT id FROM invitations WHERE representative_id = ?)", {id});
    tx.execute("DELETE FROM invitations WHERE representative_id = ?", {id});
    tx.execute("DELETE FROM representatives WHERE id = ?", {id});
    audit(tx, actor, "representative.erase", "representative:" + std::to_string(id), "GDPR erasure");
  });
}

json Initiatives::find_by_candidate(const json& candidate) {
  json out = nullptr;
  db_.read([&](Transaction& tx) {
    auto row = tx.query_one(std::string("SELECT ") + kInitiativeColumns +
                                " FROM initiatives WHERE candidate = ? ORDER BY id LIMIT 1",
                            {candidate_document(candidate_from_json(candidate, "the request", "candidate"))});
    if (row) out = initiative_json(*row);
  });
  return out;
}

json Initiatives::components(std::int64_t initiative_id) {
  json items = json::array();
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative_id);
    for (const Row& c : tx.query("SELECT id, kind, name, position, created_at FROM components WHERE initiative_id = ? "
                                 "ORDER BY position, id", {initiative_id}))
      items.push_back({{"id", c.integer("id")}, {"kind", c.text("kind")}, {"name", c.text("name")},
                       {"position", c.integer("position")}, {"created_at", c.text("created_at")}});
  });
  return {{"items", items}, {"total", items.size()}};
}

std::int64_t Initiatives::add_component(Transaction& tx, std::int64_t initiative_id, const std::string& kind,
                                        const std::string& name) {
  require_initiative(tx, initiative_id);
  auto next = tx.query_one("SELECT COALESCE(MAX(position), 0) + 1 AS p FROM components WHERE initiative_id = ?",
                           {initiative_id})->integer("p");
  return tx.insert("INSERT INTO components (initiative_id, kind, name, position, created_at) VALUES (?, ?, ?, ?, ?) "
                   "RETURNING id", {initiative_id, kind, name, next, now_iso8601()});
}

}  // namespace grappe::workspace
