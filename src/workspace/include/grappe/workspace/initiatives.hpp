#pragma once
// Initiatives (a cluster being launched), their member firms and the firms' representatives.
// An initiative is a space of components (Decidim): the survey is one; needs, topics and
// meetings come later with their own tables keyed by component id.
// The service takes and returns these structs; the server reads and writes their JSON
// (src/server/initiatives_json.cpp) and checks the types and lengths of request fields.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grappe/candidate/candidate.hpp"
#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {

// Every field of these structs has a default ({}): callers name only the fields they give
// (designated initializers, which -Wextra would otherwise flag).
struct Firm {
  std::string siret{};  // 14 digits
  std::string name{}, address{}, commune{};
  std::optional<double> headcount{}, lon{}, lat{};
};

// Where firms added by siret are looked up (the register when the server was given one).
class FirmDirectory {
 public:
  virtual ~FirmDirectory() = default;
  virtual std::optional<Firm> find(const std::string& siret) const = 0;
};

struct Component {
  std::int64_t id = 0;
  std::string kind{}, name{};  // kind: "survey", "needs", …
  std::int64_t position = 0;
  std::string created_at{};
};

struct Initiative {
  std::int64_t id = 0;
  std::string name{}, description{}, trade{}, status{}, created_at{};
  std::optional<double> center_lon{}, center_lat{}, radius_m{};
  std::int64_t member_count = 0;
  std::vector<Component> components{};  // filled by get() only
};

struct NewInitiative {
  std::string name{}, description{}, trade{};
  // The scan candidate it is launched from: its members are imported and the candidate is
  // stored (find_by_candidate finds it again). The centre and radius are the caller's reading.
  std::optional<Candidate> candidate{};
  std::optional<double> center_lon{}, center_lat{}, radius_m{};
};

// Fields left empty are not changed.
struct InitiativePatch {
  std::optional<std::string> name{}, description{}, trade{}, status{};  // status: launch, active or archived
};

struct Member {
  std::int64_t id = 0, initiative_id = 0;
  Firm firm{};
  std::string source{}, added_at{};  // source: candidate, register or manual
};

// A firm added by siret: what the directory knows, overridden by the fields given.
struct NewMember {
  std::string siret{};  // 14 digits
  std::optional<std::string> name{}, address{}, commune{};
  std::optional<double> headcount{}, lon{}, lat{};
};

struct Representative {
  std::int64_t id = 0, member_id = 0;
  std::string name{}, email{}, role{}, language{}, created_at{};
};

struct NewRepresentative {
  std::string name{}, email{}, role{}, language = "fr";  // language: fr or en; email checked, lowercase
};

struct RepresentativePatch {
  std::optional<std::string> name{}, email{}, role{}, language{};
};

// A representative as a contact: firm, and the state of their member account: "none",
// "invited" (link sent, password not set), "active" or "disabled".
struct Contact {
  Representative representative{};
  std::string firm{}, siret{}, account_state{};
  std::optional<std::int64_t> user_id{};
  std::optional<std::string> link_expires_at{};
};

// GDPR: everything stored about one representative.
struct RepresentativeData {
  struct Invitation {
    std::int64_t survey_id = 0;
    std::string created_at, invited_at, responded_at;  // empty when not yet
    std::optional<std::string> answers;                // the stored answers document (JSON text)
  };
  Representative representative;
  std::optional<Member> firm;
  std::vector<Invitation> survey_invitations;
};

struct InitiativePage {
  std::vector<Initiative> items;
  std::int64_t total = 0;
};

// The request to launch an initiative from a candidate: its trade, members, centre and radius
// (the name is the caller's).
NewInitiative initiative_from(const Candidate& candidate);

class Initiatives {
 public:
  Initiatives(Database& db, const FirmDirectory* directory) : db_(db), directory_(directory) {}

  InitiativePage list(std::int64_t offset, std::int64_t limit);
  Initiative get(std::int64_t id);
  Initiative create(const Actor& actor, const NewInitiative& request);
  Initiative update(const Actor& actor, std::int64_t id, const InitiativePatch& patch);
  void remove(const Actor& actor, std::int64_t id);

  std::vector<Member> members(std::int64_t initiative_id);
  Member add_member(const Actor& actor, std::int64_t initiative_id, const NewMember& request);
  void remove_member(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id);

  std::vector<Representative> representatives(std::int64_t initiative_id, std::int64_t member_id);
  Representative add_representative(const Actor& actor, std::int64_t initiative_id, std::int64_t member_id,
                                    const NewRepresentative& request);
  Representative update_representative(const Actor& actor, std::int64_t representative_id,
                                       const RepresentativePatch& patch);
  void remove_representative(const Actor& actor, std::int64_t representative_id);
  RepresentativeData representative_data(std::int64_t representative_id);
  void erase_representative(const Actor& actor, std::int64_t representative_id);

  // The initiative already made from this scan candidate (the same candidate document).
  std::optional<Initiative> find_by_candidate(const Candidate& candidate);
  // Every representative of the initiative with their firm and member account.
  std::vector<Contact> all_representatives(std::int64_t initiative_id);

  std::vector<Component> components(std::int64_t initiative_id);
  // Adds a component row (kind "survey", …) and returns its id. Used by components' services.
  static std::int64_t add_component(Transaction& tx, std::int64_t initiative_id, const std::string& kind,
                                    const std::string& name);
  static void require_initiative(Transaction& tx, std::int64_t id);

 private:
  static void insert_member(Transaction& tx, std::int64_t initiative_id, const Firm& firm, const std::string& source);
  Firm firm_for(const NewMember& request) const;
  // A firm or representative added after a survey's links were made gets its links: a new
  // representative takes the firm's own link when it had no representative (so the mail-merge
  // e-mail column fills), else a link of their own; a new firm gets a firm link.
  static void give_survey_links(Transaction& tx, std::int64_t member_id,
                                std::optional<std::int64_t> representative_id);

  Database& db_;
  const FirmDirectory* directory_;
};

}  // namespace grappe::workspace
