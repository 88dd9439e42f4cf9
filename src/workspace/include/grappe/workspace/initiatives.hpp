#pragma once
// Initiatives (a cluster being launched), their member firms and the firms' representatives.
// An initiative is a space of components (Decidim): the survey is one; needs, topics and
// meetings come later with their own tables keyed by component id.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {

struct Firm {
  std::string siret;  // 14 digits
  std::string name, address, commune;
  std::optional<double> headcount, lon, lat;
};

// Where firms added by siret are looked up (the register when the server was given one).
class FirmDirectory {
 public:
  virtual ~FirmDirectory() = default;
  virtual std::optional<Firm> find(const std::string& siret) const = 0;
};

class Initiatives {
 public:
  Initiatives(Database& db, const FirmDirectory* directory) : db_(db), directory_(directory) {}

  nlohmann::json list(std::int64_t offset, std::int64_t limit);
  nlohmann::json get(std::int64_t id);
  // body: {name, description?, trade?} and optionally {candidate: {...}} (members imported).
  nlohmann::json create(const Actor& actor, const nlohmann::json& body);
  nlohmann::json update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
  void remove(const Actor& actor, std::int64_t id);

  nlohmann::json members(std::int64_t initiative_id);
  // body: {siret, name?, address?, commune?, headcount?, lon?, lat?}; looked up in the directory.
  nlohmann::json add_member(const Actor& actor, std::int64_t initiative_id, const nlohmann::json& body);
  void remove_member(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id);

  nlohmann::json representatives(std::int64_t initiative_id, std::int64_t member_id);
  nlohmann::json add_representative(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id,
                                    const nlohmann::json& body);
  nlohmann::json update_representative(const Actor& actor, std::int64_t representative_id, const nlohmann::json& body);
  void remove_representative(const Actor& actor, std::int64_t representative_id);
  // GDPR: everything stored about one representative (record, invitations, answers), and erase.
  nlohmann::json representative_data(std::int64_t representative_id);
  void erase_representative(const Actor& actor, std::int64_t representative_id);

  // The initiative already made from this scan candidate (the same candidate document), or null.
  nlohmann::json find_by_candidate(const nlohmann::json& candidate);
  // Every representative of the initiative with their firm and the state of their member
  // account: "none", "invited" (link sent, password not set), "active" or "disabled".
  nlohmann::json all_representatives(std::int64_t initiative_id);

  nlohmann::json components(std::int64_t initiative_id);
  // Adds a component row (kind "survey", …) and returns its id. Used by components' services.
  static std::int64_t add_component(Transaction& tx, std::int64_t initiative_id, const std::string& kind,
                                    const std::string& name);
  static void require_initiative(Transaction& tx, std::int64_t id);

 private:
  static nlohmann::json initiative_json(const Row& row);
  static nlohmann::json member_json(const Row& row);
  static nlohmann::json representative_json(const Row& row);
  static void insert_member(Transaction& tx, std::int64_t initiative_id, const Firm& firm, const std::string& source);
  Firm firm_from_body(const nlohmann::json& body) const;
  // A firm or representative added after a survey's links were made gets its links: a new
  // representative takes the firm's own link when it had no representative (so the mail-merge
  // e-mail column fills), else a link of their own; a new firm gets a firm link.
  static void give_survey_links(Transaction& tx, std::int64_t member_id,
                                std::optional<std::int64_t> representative_id);

  Database& db_;
  const FirmDirectory* directory_;
};

}  // namespace grappe::workspace
