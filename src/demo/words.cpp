// Vocabulary for names and addresses (see world.hpp). No word here may contain a keyword of
// data/trades.json (agencement, magasin, stand, shop, présentoir, aéro…, avion, spatial…).
#include "world.hpp"

namespace grappe::demo {

const std::string& pick(Rng& rng, const std::vector<std::string>& words) {
  return words[rng.below(words.size())];
}

const std::vector<std::string>& surnames() {
  static const std::vector<std::string> w = {
      "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY",
      "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX",
      "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRE", "MERCIER", "DUPONT", "LAMBERT", "BONNET",
      "FRANCOIS", "MARTINEZ", "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUERIN",
      "MULLER", "HENRY", "ROUSSEL", "NICOLAS", "PERRIN", "MORIN", "MATHIEU", "CLEMENT", "GAUTHIER",
      "DUMONT", "LOPEZ", "FONTAINE", "CHEVALIER", "ROBIN", "MASSON", "SANCHEZ", "BOYER", "DENIS",
      "LEMAIRE", "DUVAL", "JOLY", "GAUTIER", "ROGER", "ROCHE", "ROY", "NOEL", "MEYER", "LUCAS",
      "MEUNIER", "JEAN", "PEREZ", "MARCHAND", "DUFOUR", "BLANCHARD", "MARIE", "BARBIER", "BRUN",
      "DUMAS", "BRUNET", "SCHMITT", "LEROUX", "COLIN", "FERNANDEZ", "PIERRE", "RENARD", "ARNAUD",
      "ROLLAND", "CARON", "AUBERT", "GIRAUD", "LECLERC", "VIDAL", "BOURGEOIS", "RENAUD", "LEMOINE",
      "PICARD", "GAILLARD", "PHILIPPE", "LECLERCQ", "LACROIX", "FABRE", "DUPUIS", "OLIVIER",
      "RODRIGUEZ", "DA SILVA", "HUBERT", "LOUIS", "CHARLES", "GUILLOT", "RIVIERE", "LE GALL",
      "GUILLAUME", "ADAM", "RAY", "MOULIN", "GONZALEZ", "BERGER", "LECOMTE", "MENARD", "FLEURY",
      "DESCHAMPS", "CARPENTIER", "JULIEN", "BENOIT", "PARIS", "MAILLARD", "MARCHAL", "AUBRY",
      "VASSEUR", "LE ROUX", "RENAULT", "JACQUET", "COLLET", "PREVOST", "POIRIER", "CHARPENTIER",
      "ROYER", "HUET", "BAILLY", "HOARAU", "GERARD", "LEMAITRE", "BARON", "MONNIER"};
  return w;
}

const std::vector<std::string>& first_names() {
  static const std::vector<std::string> w = {
      "JEAN", "MARIE", "PIERRE", "NATHALIE", "MICHEL", "ISABELLE", "PHILIPPE", "SYLVIE", "ALAIN",
      "CATHERINE", "NICOLAS", "SANDRINE", "DAVID", "VALERIE", "ERIC", "CHRISTINE", "FREDERIC",
      "STEPHANIE", "LAURENT", "CELINE", "JULIEN", "AURELIE", "THOMAS", "CAMILLE", "LUCAS", "EMMA",
      "HUGO", "LEA", "LOUIS", "CHLOE", "ANTOINE", "MANON", "KEVIN", "JULIE", "SEBASTIEN", "SARAH"};
  return w;
}

const std::vector<std::string>& business_words() {
  static const std::vector<std::string> w = {
      "CONSEIL", "SERVICES", "HOLDING", "INVEST", "DEVELOPPEMENT", "BATIMENT", "TRANSPORTS",
      "IMMOBILIER", "DISTRIBUTION", "GESTION", "PATRIMOINE", "AUTO", "RENOVATION", "SOLUTIONS",
      "ATELIER", "FOURNIL", "JARDINS", "ELEC", "PLOMBERIE", "TERRASSEMENT", "NETTOYAGE", "FORMATION",
      "COIFFURE", "BOULANGERIE", "PATISSERIE", "BOUCHERIE", "PHARMACIE", "GARAGE", "CAFE", "BISTROT",
      "RESTAURANT", "PIZZERIA", "BOIS", "PEINTURE", "COUVERTURE", "MACONNERIE", "DIGITAL", "DESIGN",
      "EVENEMENTS", "SANTE", "BIEN-ETRE", "PAYSAGES", "CONCEPT", "EXPERTISE", "LOGISTIQUE", "VINS",
      "FERME", "ELEVAGE", "DOMAINE", "STUDIO", "MEDIA", "INFORMATIQUE", "ENERGIES", "HABITAT"};
  return w;
}

const std::vector<std::string>& street_types() {
  static const std::vector<std::string> w = {"RUE", "RUE", "RUE", "AV", "BD", "CHE", "RTE", "PL",
                                             "IMP", "ALL", "ZA", "QUAI"};
  return w;
}

const std::vector<std::string>& street_names() {
  static const std::vector<std::string> w = {
      "DE LA REPUBLIQUE", "JEAN JAURES", "VICTOR HUGO", "DU GENERAL DE GAULLE", "PASTEUR",
      "DE LA GARE", "DES ECOLES", "DE L EGLISE", "DU MOULIN", "DES FORGES", "DE LA MAIRIE",
      "NATIONALE", "DU STADE", "DES ARTISANS", "DE L INDUSTRIE", "DU CHATEAU", "GAMBETTA",
      "DE PARIS", "DES TILLEULS", "DU 8 MAI 1945", "DE LA LIBERATION", "FOCH", "CARNOT",
      "DES PRES", "DU COMMERCE", "DE LA FONTAINE", "DES VIGNES", "DU LAVOIR"};
  return w;
}

std::string draw_business_name(Rng& rng) {
  const auto& a = pick(rng, surnames());
  const auto& word = pick(rng, business_words());
  switch (rng.below(12)) {
    case 0: return "SARL " + a;
    case 1: return a + " ET FILS";
    case 2: return word + " " + a;
    case 3: return a + " " + word;
    case 4: return "SAS " + a + " " + word;
    case 5: return a + ", " + pick(rng, surnames()) + " ET ASSOCIES";      // a comma
    case 6: return "LE \"" + word + "\" " + a;                            // quotes
    case 7: return "SCI " + a;
    case 8: return "EURL " + word;
    case 9: return word + " " + pick(rng, first_names());
    case 10: return "ETS " + a;
    default: return word + " & " + word;
  }
}

}  // namespace grappe::demo
