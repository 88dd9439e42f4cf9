#include "demo_contacts.hpp"

#include <array>
#include <cctype>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/initiatives.hpp"

namespace grappe::server {
namespace {

constexpr std::array<const char*, 12> kFirstNames = {"Camille",  "Julien",  "Sophie",   "Thomas",
                                                     "Nathalie", "Karim",   "Isabelle", "Marc",
                                                     "Léa",      "Antoine", "Claire",   "Hugo"};
constexpr std::array<const char*, 10> kLastNames = {"Martin", "Bernard", "Durand",   "Lefèvre", "Moreau",
                                                    "Girard", "Roux",    "Fournier", "Mercier", "Blanc"};

// ASCII letters and digits of `text`, lower case, accents dropped (é → e): an e-mail local part.
std::string ascii_slug(const std::string& text, std::size_t max_length) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && out.size() < max_length; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if (c == 0xC3 && i + 1 < text.size()) {  // Latin-1 supplement letters in UTF-8
      unsigned char next = static_cast<unsigned char>(text[++i]);
      out += next >= 0xA8 && next <= 0xAB   ? 'e'
             : next >= 0xA0 && next <= 0xA5 ? 'a'
             : next == 0xA7                 ? 'c'
                                            : 'o';
    } else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "firm" : out;
}

}  // namespace

int add_demo_representatives(workspace::Database& db, std::int64_t initiative_id) {
  workspace::Initiatives initiatives(db, nullptr);
  workspace::Actor demo{std::nullopt, "demo"};
  const auto members = initiatives.members(initiative_id);
  int added = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string first = kFirstNames[i % kFirstNames.size()];
    const std::string last = kLastNames[(i / kFirstNames.size() + i) % kLastNames.size()];
    const std::string domain =
        ascii_slug(members[i].firm.name, 24) + "-" + std::to_string(members[i].id) + ".example";
    initiatives.add_representative(
        demo, initiative_id, members[i].id,
        {.name = first + " " + last,
         .email = ascii_slug(first, 20) + "." + ascii_slug(last, 20) + "@" + domain,
         .role = i % 3 == 0 ? "gérant·e" : "responsable achats",
         .language = i % 7 == 3 ? "en" : "fr"});
    ++added;
  }
  return added;
}

}  // namespace grappe::server
