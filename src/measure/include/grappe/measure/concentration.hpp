#pragma once
// Indices of geographic concentration over a partition of the territory into areas (communes,
// départements…), computed from employment (or establishment counts). Pure formulas on arrays;
// register.hpp-facing code is in territorial_measures.hpp.
//   x_a = E_a / E            share of area a in the whole economy
//   s_a = E_{g,a} / E_g      share of area a in group g (a sector or a trade)
//   H   = Σ_k (e_k / E_g)²   Herfindahl of the group's establishment sizes
//   G   = Σ_a (s_a − x_a)²
// Ellison & Glaeser (1997), eq. 5:   γ_EG = (G / (1 − Σ x_a²) − H) / (1 − H)
// Maurel & Sédillot (1999), eq. 9:   γ_MS = ((Σ s_a² − Σ x_a²) / (1 − Σ x_a²) − H) / (1 − H)
// Location quotient:                 LQ_a = (E_{g,a} / E_a) / (E_g / E)
// Co-agglomeration of groups j (Ellison & Glaeser 1997, eq. 13), w_j = E_j / Σ E_j, with G and
// H = Σ_j w_j² H_j of the union:
//   γ^c = (G / (1 − Σ x_a²) − H − Σ_j γ_j w_j² (1 − H_j)) / (1 − Σ_j w_j²)
#include <cstdint>
#include <span>
#include <vector>

namespace grappe::measure {

// The economy's employment by area (x_a and Σ x_a² are derived once for every group).
struct EconomyShares {
  std::vector<double> employment;  // E_a
  double total = 0;                // E
  double sum_squared_shares = 0;   // Σ x_a²
  static EconomyShares from_employment(std::vector<double> employment_by_area);
  double share(std::size_t area) const { return employment[area] / total; }
};

// A group's employment by area, sparse (areas where the group is present).
struct GroupShares {
  std::vector<std::uint32_t> areas;      // ascending
  std::vector<double> employment;        // E_{g,a}
  double total = 0;                      // E_g
  double herfindahl = 0;                 // H
  std::uint64_t establishments = 0;
  // From each establishment's area and size.
  static GroupShares from_establishments(std::span<const std::uint32_t> area, std::span<const double> size);
};

struct ConcentrationIndices {
  double raw_concentration = 0;  // G
  double herfindahl = 0;         // H
  double gamma_eg = 0;           // Ellison–Glaeser γ
  double gamma_ms = 0;           // Maurel–Sédillot γ
};

ConcentrationIndices concentration(const GroupShares& group, const EconomyShares& economy);
// LQ of every area where the group is present, in group.areas order.
std::vector<double> location_quotients(const GroupShares& group, const EconomyShares& economy);
// EG co-agglomeration of two disjoint groups.
double coagglomeration(const GroupShares& a, const GroupShares& b, const EconomyShares& economy);

}  // namespace grappe::measure
