// The report's words in French and English, and the numbers as a reader of either language
// expects them (decimal comma, grouped thousands, p-values a reader can trust).
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>

#include "grappe/common/error.hpp"
#include "report_parts.hpp"

namespace grappe {

namespace {

const ReportWords kEnglish{
    .lang = "en",
    .title = "grappe — latent clusters",
    .lead =
        "{} candidate clusters found in a register of {} establishments, ranked by score. Each one is a "
        "trade whose establishments are grouped in one place far more than chance would do. The words used "
        "are defined at the end.",
    .map_label = "Map of the candidate clusters",
    .candidates = "Candidates",
    .trade = "Trade",
    .place = "Place",
    .members = "Members",
    .members_lower = "members",
    .radius_km = "Radius (km)",
    .lq_short = "LQ",
    .rarity = "Rarity",
    .employment = "Employment",
    .strong_short = "Strong",
    .score = "Score",
    .yes = "yes",
    .no = "no",
    .verdict =
        "{} establishments of the trade “{}” lie within {} km of {}: {}. Chance alone would produce such "
        "a grouping with a probability p {}.",
    .times_expected = "{} times as many as if the trade were spread like all establishments",
    .none_expected = "where a spread like all establishments would put almost none",
    .centre = "centre",
    .radius = "radius",
    .members_value = "{} of the {} establishments in the circle (expected by chance: {})",
    .rarity_value = "{}% of the trade's {} active establishments in France",
    .lq = "Location quotient",
    .lq_value = "{} (establishments), {} (employment)",
    .significance = "Significance",
    .significance_value = "p {}, q {} ({} simulations, log-likelihood ratio {})",
    .strong = "Strong cluster",
    .strong_value =
        "{}: location quotient in the top quarter {}, employment above the bottom quarter {}, "
        "establishments above the bottom quarter {} (strong means all three)",
    .name = "Name",
    .address = "Address",
    .commune = "Commune",
    .headcount = "Employees",
    .headcount_unknown = "none declared",
    .notes_title = "What the words mean",
    .found_by = "Found by",
    .definitions = {{
        {"Score",
         "0 to 100: how sure the grouping is not chance, times how rare, concentrated and large it is."},
        {"p",
         "the probability that chance alone (the same number of establishments placed at random among all "
         "establishments) gives a grouping at least this strong anywhere in the territory. Small is sure."},
        {"q",
         "the p-value corrected for the many trades and places tested (Benjamini–Hochberg): among "
         "candidates with q below 5%, at most 5% are expected to be chance."},
        {"Location quotient (LQ)",
         "the trade's share of establishments in the circle divided by its share in "
         "the whole country; 1 means as usual, 10 means ten times as present."},
        {"Rarity", "the share of the trade's establishments in France that are in this cluster."},
        {"Strong cluster",
         "the U.S. Cluster Mapping rule (Delgado, Porter and Stern): all three of its "
         "conditions hold."},
        {"Employees", "INSEE gives a band of employees, not an exact count: the band is shown."},
    }},
    .gumbel_note =
        "This p-value is smaller than the simulations alone can show (1 / (simulations + 1)): it "
        "extrapolates the tail of a Gumbel distribution fitted to the simulated maxima (Abrams, "
        "Kleinman and Kulldorff 2010). Such figures are printed as an order of magnitude, and any "
        "value below one in a million as “< 10⁻⁶”.",
    .kd_title = "K-density",
    .footer = "Written by grappe. Data: SIRENE (INSEE), départements © OpenStreetMap/GeoNames contributors.",
    .decimal = ".",
    .thousands = ",",
    .lens_kind = "Kind",
    .codes = "Codes",
    .kind_subclass = "NAF sub-class",
    .kind_trade = "catalogue trade",
    .kind_discovered = "codes found together",
    .trade_words = "Trade words (G² against the same codes nationally): ",
    .word_counts = "{}; {} members, {} elsewhere",
    .other_code = "Same trade, other code ({})",
    .found_at = "Trade found at ",
};

const ReportWords kFrench{
    .lang = "fr",
    .title = "grappe — grappes latentes",
    .lead =
        "{} grappes candidates trouvées dans un registre de {} établissements, classées par score. Chacune "
        "est un métier dont les établissements sont regroupés en un lieu bien plus que le hasard ne le "
        "ferait. Les termes employés sont définis à la fin.",
    .map_label = "Carte des grappes candidates",
    .candidates = "Candidates",
    .trade = "Métier",
    .place = "Lieu",
    .members = "Membres",
    .members_lower = "membres",
    .radius_km = "Rayon (km)",
    .lq_short = "QL",
    .rarity = "Rareté",
    .employment = "Emploi",
    .strong_short = "Forte",
    .score = "Score",
    .yes = "oui",
    .no = "non",
    .verdict =
        "{} établissements du métier « {} » se trouvent à moins de {} km de {} : {}. Le hasard seul "
        "produirait un tel regroupement avec une probabilité p {}.",
    .times_expected = "{} fois plus que si le métier était réparti comme l'ensemble des établissements",
    .none_expected =
        "là où une répartition comme celle de l'ensemble des établissements n'en mettrait presque aucun",
    .centre = "centre",
    .radius = "rayon",
    .members_value = "{} des {} établissements du cercle (attendus par hasard : {})",
    .rarity_value = "{} % des {} établissements actifs du métier en France",
    .lq = "Quotient de localisation",
    .lq_value = "{} (établissements), {} (emploi)",
    .significance = "Significativité",
    .significance_value = "p {}, q {} ({} simulations, rapport de vraisemblance logarithmique {})",
    .strong = "Grappe forte",
    .strong_value =
        "{} : quotient de localisation dans le quart supérieur {}, emploi au-dessus du quart inférieur "
        "{}, établissements au-dessus du quart inférieur {} (forte = les trois)",
    .name = "Nom",
    .address = "Adresse",
    .commune = "Commune",
    .headcount = "Salariés",
    .headcount_unknown = "aucun déclaré",
    .notes_title = "Ce que veulent dire les termes",
    .found_by = "Trouvé par",
    .definitions = {{
        {"Score",
         "de 0 à 100 : la certitude que le regroupement n'est pas dû au hasard, multipliée par sa "
         "rareté, sa concentration et sa taille."},
        {"p",
         "la probabilité que le hasard seul (le même nombre d'établissements placés au hasard parmi tous "
         "les établissements) donne un regroupement au moins aussi fort n'importe où sur le territoire. "
         "Petite = sûr."},
        {"q",
         "la valeur p corrigée pour les nombreux métiers et lieux testés (Benjamini–Hochberg) : parmi les "
         "candidates dont q est sous 5 %, au plus 5 % sont attendues par hasard."},
        {"Quotient de localisation (QL)",
         "la part du métier parmi les établissements du cercle divisée par sa "
         "part dans tout le pays ; 1 = comme ailleurs, 10 = dix fois plus présent."},
        {"Rareté", "la part des établissements du métier en France qui sont dans cette grappe."},
        {"Grappe forte",
         "la règle de l'U.S. Cluster Mapping (Delgado, Porter et Stern) : ses trois conditions "
         "sont remplies."},
        {"Salariés", "l'INSEE donne une tranche d'effectifs, pas un nombre exact : la tranche est affichée."},
    }},
    .gumbel_note =
        "Cette valeur p est plus petite que ce que les simulations seules peuvent montrer "
        "(1 / (simulations + 1)) : elle extrapole la queue d'une loi de Gumbel ajustée aux maxima "
        "simulés (Abrams, Kleinman et Kulldorff 2010). Elle est donc donnée comme un ordre de "
        "grandeur, et toute valeur sous un millionième comme « < 10⁻⁶ ».",
    .kd_title = "Densité K",
    .footer =
        "Écrit par grappe. Données : SIRENE (INSEE), départements © contributeurs OpenStreetMap/GeoNames.",
    .decimal = ",",
    .thousands = "\u202f",
    .lens_kind = "Type",
    .codes = "Codes",
    .kind_subclass = "sous-classe NAF",
    .kind_trade = "métier du catalogue",
    .kind_discovered = "codes trouvés ensemble",
    .trade_words = "Mots du métier (G² contre les mêmes codes en France) : ",
    .word_counts = "{} ; {} membres, {} ailleurs",
    .other_code = "Même métier, autre code ({})",
    .found_at = "Métier trouvé à ",
};

// "-4" → "⁻⁴".
std::string superscript(int exponent) {
  static constexpr std::array<const char*, 10> kDigits = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string digits = std::to_string(std::abs(exponent)), out = exponent < 0 ? "⁻" : "";
  for (char d : digits) out += kDigits[static_cast<std::size_t>(d - '0')];
  return out;
}

}  // namespace

const ReportWords& report_words(const std::string& lang) {
  if (lang == "en") return kEnglish;
  if (lang == "fr") return kFrench;
  throw InputError("--lang must be fr or en, not \"" + lang + "\".");
}

std::string report_number(double value, int decimals, const ReportWords& w) {
  if (!std::isfinite(value)) return "—";
  std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
  const std::size_t point = text.find('.');
  std::string whole = text.substr(0, point),
              fraction = point == std::string::npos ? "" : text.substr(point + 1);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) grouped += w.thousands;
    grouped += whole[i];
  }
  const bool negative = value < 0 && text.find_first_not_of("0.") != std::string::npos;
  return (negative ? "-" : "") + grouped + (fraction.empty() ? "" : w.decimal + fraction);
}

bool gumbel_tail(double p, int simulations) {
  // The Monte Carlo p-value cannot go below 1/(k+1); anything smaller came from the Gumbel fit.
  return simulations > 0 && p < 1.0 / (simulations + 1) * (1 - 1e-9);
}

std::string report_p_value(double p, int simulations, const ReportWords& w) {
  if (p < 1e-6) return "&lt; 10" + superscript(-6);
  if (gumbel_tail(p, simulations)) {
    const int exponent = static_cast<int>(std::floor(std::log10(p)));
    const double mantissa = p / std::pow(10.0, exponent);
    return "≈ " + report_number(mantissa, 0, w) + "·10" + superscript(exponent);
  }
  if (p < 0.001) return "&lt; " + report_number(0.001, 3, w);
  // Two significant digits: 0.50, 0.012, 0.0034.
  return "= " + report_number(p, 1 - static_cast<int>(std::floor(std::log10(p))), w);
}

std::string headcount_band_text(double midpoint, const ReportWords& w) {
  // The midpoints of headcount_midpoint (register.cpp) back to INSEE's bands.
  struct Band {
    double midpoint;
    const char* text;
  };
  static constexpr std::array<Band, 14> kBands = {{{1.5, "1–2"},
                                                   {4, "3–5"},
                                                   {7.5, "6–9"},
                                                   {14.5, "10–19"},
                                                   {34.5, "20–49"},
                                                   {74.5, "50–99"},
                                                   {149.5, "100–199"},
                                                   {224.5, "200–249"},
                                                   {374.5, "250–499"},
                                                   {749.5, "500–999"},
                                                   {1499.5, "1000–1999"},
                                                   {3499.5, "2000–4999"},
                                                   {7499.5, "5000–9999"},
                                                   {10000, "10000+"}}};
  if (midpoint <= 0) return w.headcount_unknown;
  for (const Band& b : kBands)
    if (std::abs(b.midpoint - midpoint) < 0.01) return b.text;
  return report_number(midpoint, 0, w);
}

}  // namespace grappe
