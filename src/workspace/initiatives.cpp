#include "grappe/workspace/initiatives.hpp"

#include <cmath>
#include <set>

#include "grappe/candidate/candidate.hpp"
#include "grappe/workspace/errors.hpp"

namespace grappe::workspace {
namespace {

std::optional<double> optional_number(const Row& row, std::string_view column) {
  if (row.is_null(column)) return std::nullopt;
  return row.real(column);
}

Value value_of(const std::optional<double>& v) { return v ? Value(*v) : Value(nullptr); }

const char* kInitiativeColumns =
    "id, name, description, trade, status, center_lon, center_lat, radius_m, created_at, "
    "(SELECT COUNT(*) FROM members m WHERE m.initiative_id = initiatives.id) AS member_count";
const char* kMemberColumns = "id, initiative_id, siret, name, address, commune, headcount, lon, lat, source, added_at";
const char* kRepresentativeColumns = "id, member_id, name, email, role, language, created_at";

std::optional<double> known(double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; }

Firm firm_of(const CandidateMember& m) {
  // Scan output has the commune's code in "commune" and its name in "commune_name".
  return {
      format_siret(m.siret), m.name,       m.address,   m.commune_name.empty() ? m.commune : m.commune_name,
      m.headcount,           known(m.lon), known(m.lat)};
}

// The stored form of a candidate (as the candidates format writes it, whatever the request's
// spelling), also the key that finds an initiative made from it.
std::string candidate_document(const Candidate& candidate) {
  return to_json(candidate).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Initiative initiative_of(const Row& row) {
  return {.id = row.integer("id"),
          .name = row.text("name"),
          .description = row.text("description"),
          .trade = row.text("trade"),
          .status = row.text("status"),
          .created_at = row.text("created_at"),
          .center_lon = optional_number(row, "center_lon"),
          .center_lat = optional_number(row, "center_lat"),
          .radius_m = optional_number(row, "radius_m"),
          .member_count = row.integer("member_count")};
}

Member member_of(const Row& row) {
  return {
      .id = row.integer("id"),
      .initiative_id = row.integer("initiative_id"),
      .firm = {row.text("siret"), row.text("name"), row.text("address"), row.text("commune"),
               optional_number(row, "headcount"), optional_number(row, "lon"), optional_number(row, "lat")},
      .source = row.text("source"),
      .added_at = row.text("added_at")};
}

Representative representative_of(const Row& row) {
  return {row.integer("id"), row.integer("member_id"), row.text("name"),      row.text("email"),
          row.text("role"),  row.text("language"),     row.text("created_at")};
}

Representative read_representative(Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(
      std::string("SELECT ") + kRepresentativeColumns + " FROM representatives WHERE id = ?", {id});
  if (!row) fail_not_found("representative " + std::to_string(id));
  return representative_of(*row);
}

void require_member(Transaction& tx, std::int64_t initiative_id, std::int64_t member_id) {
  if (!tx.query_one("SELECT id FROM members WHERE id = ? AND initiative_id = ?", {member_id, initiative_id}))
    fail_not_found("member " + std::to_string(member_id));
}

void check_name(const std::optional<std::string>& name) {
  if (name && name->find_first_not_of(" \t\r\n") == std::string::npos)
    fail_invalid("'name' must not be empty", "missing_field");
}

void check_language(const std::optional<std::string>& language) {
  if (language && *language != "fr" && *language != "en") fail_invalid("'language' must be fr or en");
}

// A patch: sets each field given on one row of `table`; absent fields keep their value.
void update_given(Transaction& tx, const char* table, std::int64_t id,
                  std::initializer_list<std::pair<const char*, const std::optional<std::string>*>> fields) {
  for (const auto& [column, value] : fields)
    if (*value)
      tx.execute(std::string("UPDATE ") + table + " SET " + column + " = ? WHERE id = ?", {**value, id});
}
}  // namespace

NewInitiative initiative_from(const Candidate& candidate) {
  NewInitiative request;
  request.trade = candidate.trade;
  request.center_lon = known(candidate.lon);
  request.center_lat = known(candidate.lat);
  request.radius_m = candidate.radius_m;
  request.candidate = candidate;
  return request;
}

void Initiatives::require_initiative(Transaction& tx, std::int64_t id) {
  if (!tx.query_one("SELECT id FROM initiatives WHERE id = ?", {id}))
    fail_not_found("initiative " + std::to_string(id));
}

InitiativePage Initiatives::list(std::int64_t offset, std::int64_t limit) {
  return db_.read([&](Transaction& tx) {
    return InitiativePage{map_rows(tx.query(std::string("SELECT ") + kInitiativeColumns +
                                                " FROM initiatives ORDER BY id LIMIT ? OFFSET ?",
                                            {limit, offset}),
                                   initiative_of),
                          tx.query_one("SELECT COUNT(*) AS n FROM initiatives")->integer("n")};
  });
}

Initiative Initiatives::get(std::int64_t id) {
  return db_.read([&](Transaction& tx) {
    auto row = tx.query_one(std::string("SELECT ") + kInitiativeColumns + " FROM initiatives WHERE id = ?", {id});
    if (!row) fail_not_found("initiative " + std::to_string(id));
    Initiative out = initiative_of(*row);
    for (const Row& c :
         tx.query("SELECT id, kind, name, position, created_at FROM components WHERE initiative_id = ? "
                  "ORDER BY position, id",
                  {id}))
      out.components.push_back(
          {c.integer("id"), c.text("kind"), c.text("name"), c.integer("position"), c.text("created_at")});
    return out;
  });
}

void Initiatives::insert_member(Transaction& tx, std::int64_t initiative_id, const Firm& firm, const std::string& source) {
  tx.execute("INSERT INTO members (initiative_id, siret, name, address, commune, headcount, lon, lat, source, "
             "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {initiative_id, firm.siret, firm.name, firm.address, firm.commune, value_of(firm.headcount),
              value_of(firm.lon), value_of(firm.lat), source, now_iso8601()});
}

Initiative Initiatives::create(const Actor& actor, const NewInitiative& request) {
  check_name(request.name);
  std::vector<Firm> firms;
  std::string candidate_text;
  if (request.candidate) {
    for (const auto& m : request.candidate->members) firms.push_back(firm_of(m));
    candidate_text = candidate_document(*request.candidate);
  }
  const auto id = db_.write([&](Transaction& tx) {
    auto id = tx.insert(
        "INSERT INTO initiatives (name, description, trade, center_lon, center_lat, radius_m, candidate, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {request.name, request.description, request.trade, value_of(request.center_lon),
         value_of(request.center_lat), value_of(request.radius_m), candidate_text,
         actor.user_id ? Value(*actor.user_id) : Value(nullptr), now_iso8601()});
    std::set<std::string> seen;
    for (const Firm& firm : firms)
      if (seen.insert(firm.siret).second) insert_member(tx, id, firm, "candidate");
    audit(tx, actor, "initiative.create", "initiative:" + std::to_string(id),
          firms.empty() ? "by hand" : "from candidate, " + std::to_string(seen.size()) + " firms");
    return id;
  });
  return get(id);
}

Initiative Initiatives::update(const Actor& actor, std::int64_t id, const InitiativePatch& patch) {
  check_name(patch.name);
  const auto& status = patch.status;
  if (status && *status != "launch" && *status != "active" && *status != "archived")
    fail_invalid("'status' must be launch, active or archived");
  db_.write([&](Transaction& tx) {
    require_initiative(tx, id);
    update_given(tx, "initiatives", id,
                 {{"name", &patch.name},
                  {"description", &patch.description},
                  {"trade", &patch.trade},
                  {"status", &patch.status}});
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

std::vector<Member> Initiatives::members(std::int64_t initiative_id) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative_id);
    return map_rows(tx.query(std::string("SELECT ") + kMemberColumns +
                                 " FROM members WHERE initiative_id = ? ORDER BY name, id",
                             {initiative_id}),
                    member_of);
  });
}

Firm Initiatives::firm_for(const NewMember& request) const {
  std::optional<Firm> known = directory_ ? directory_->find(request.siret) : std::nullopt;
  Firm firm = known.value_or(Firm{.siret = request.siret});
  for (const auto& [field, value] : {std::pair{&firm.name, &request.name},
                                     {&firm.address, &request.address},
                                     {&firm.commune, &request.commune}})
    if (*value) *field = **value;
  for (const auto& [field, value] :
       {std::pair{&firm.headcount, &request.headcount}, {&firm.lon, &request.lon}, {&firm.lat, &request.lat}})
    if (*value) *field = *value;
  if (!known && firm.name.empty())
    fail_invalid("siret " + firm.siret + " is not in the register" +
                     std::string(directory_ ? "" : " (the server has no register)") + ": give at least its 'name'",
                 "unknown_siret");
  return firm;
}

Member Initiatives::add_member(const Actor& actor, std::int64_t initiative_id, const NewMember& request) {
  Firm firm = firm_for(request);
  bool from_register = directory_ && directory_->find(firm.siret);
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative_id);
    if (tx.query_one("SELECT id FROM members WHERE initiative_id = ? AND siret = ?", {initiative_id, firm.siret}))
      fail_conflict("siret " + firm.siret + " is already a member of this initiative", "already_member");
    insert_member(tx, initiative_id, firm, from_register ? "register" : "manual");
    Member out = member_of(*tx.query_one(
        std::string("SELECT ") + kMemberColumns + " FROM members WHERE initiative_id = ? AND siret = ?",
        {initiative_id, firm.siret}));
    give_survey_links(tx, out.id, std::nullopt);
    audit(tx, actor, "member.add", "initiative:" + std::to_string(initiative_id), firm.siret);
    return out;
  });
}

void Initiatives::remove_member(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id) {
  db_.write([&](Transaction& tx) {
    auto row = tx.query_one("SELECT siret FROM members WHERE id = ? AND initiative_id = ?", {member_id, initiative_id});
    if (!row) fail_not_found("member " + std::to_string(member_id));
    tx.execute("DELETE FROM members WHERE id = ?", {member_id});
    audit(tx, actor, "member.remove", "initiative:" + std::to_string(initiative_id), row->text("siret"));
  });
}

std::vector<Representative> Initiatives::representatives(std::int64_t initiative_id, std::int64_t member_id) {
  return db_.read([&](Transaction& tx) {
    require_member(tx, initiative_id, member_id);
    return map_rows(tx.query(std::string("SELECT ") + kRepresentativeColumns +
                                 " FROM representatives WHERE member_id = ? ORDER BY id",
                             {member_id}),
                    representative_of);
  });
}

Representative Initiatives::add_representative(const Actor& actor, std::int64_t initiative_id,
                                               std::int64_t member_id, const NewRepresentative& request) {
  check_name(request.name);
  check_language(request.language);
  return db_.write([&](Transaction& tx) {
    require_member(tx, initiative_id, member_id);
    auto id = tx.insert(
        "INSERT INTO representatives (member_id, name, email, role, language, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?) RETURNING id",
        {member_id, request.name, request.email, request.role, request.language, now_iso8601()});
    give_survey_links(tx, member_id, id);
    audit(tx, actor, "representative.add", "representative:" + std::to_string(id));
    return read_representative(tx, id);
  });
}

Representative Initiatives::update_representative(const Actor& actor, std::int64_t id,
                                                  const RepresentativePatch& patch) {
  check_name(patch.name);
  check_language(patch.language);
  return db_.write([&](Transaction& tx) {
    read_representative(tx, id);
    update_given(tx, "representatives", id,
                 {{"name", &patch.name},
                  {"email", &patch.email},
                  {"role", &patch.role},
                  {"language", &patch.language}});
    audit(tx, actor, "representative.update", "representative:" + std::to_string(id));
    return read_representative(tx, id);
  });
}

void Initiatives::remove_representative(const Actor& actor, std::int64_t id) {
  db_.write([&](Transaction& tx) {
    if (!tx.query_one("SELECT id FROM representatives WHERE id = ?", {id})) fail_not_found("representative " + std::to_string(id));
    tx.execute("DELETE FROM representatives WHERE id = ?", {id});
    audit(tx, actor, "representative.remove", "representative:" + std::to_string(id));
  });
}

RepresentativeData Initiatives::representative_data(std::int64_t id) {
  return db_.read([&](Transaction& tx) {
    RepresentativeData out;
    out.representative = read_representative(tx, id);
    auto member = tx.query_one(std::string("SELECT ") + kMemberColumns + " FROM members WHERE id = ?",
                               {out.representative.member_id});
    if (member) out.firm = member_of(*member);
    for (
        const Row& inv : tx.query(
            "SELECT i.id, i.survey_id, i.created_at, i.invited_at, i.reminded_at, i.responded_at, r.answers, "
            "r.submitted_at, r.updated_at FROM invitations i LEFT JOIN responses r ON r.invitation_id = i.id "
            "WHERE i.representative_id = ? ORDER BY i.id",
            {id}))
      out.survey_invitations.push_back(
          {inv.integer("survey_id"), inv.text("created_at"), inv.optional_text("invited_at").value_or(""),
           inv.optional_text("responded_at").value_or(""), inv.optional_text("answers")});
    return out;
  });
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

std::optional<Initiative> Initiatives::find_by_candidate(const Candidate& candidate) {
  return db_.read([&](Transaction& tx) {
    auto row = tx.query_one(std::string("SELECT ") + kInitiativeColumns +
                                " FROM initiatives WHERE candidate = ? ORDER BY id LIMIT 1",
                            {candidate_document(candidate)});
    return row ? std::optional(initiative_of(*row)) : std::nullopt;
  });
}

std::vector<Component> Initiatives::components(std::int64_t initiative_id) {
  return get(initiative_id).components;
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
