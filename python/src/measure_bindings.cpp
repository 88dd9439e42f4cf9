// Localisation measures for Python, computed by grappe_measure exactly as the CLI computes them
// (`grappe kd`, `grappe mfun`, `grappe measure`): estimators on any point set, and on a sector or
// trade of a register with the random-location null model and Duranton–Overman's envelopes.
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>

#include "arrays.hpp"
#include "bindings.hpp"
#include "grappe/common/error.hpp"
#include "grappe/measure/analysis.hpp"
#include "grappe/measure/distance_grid.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/measure/register_kd.hpp"
#include "grappe/measure/register_points.hpp"
#include "grappe/measure/territorial_measures.hpp"

namespace grappe::python {
namespace {

using namespace grappe::measure;

// The distances: the caller's (sorted, ≥ 0), else 0 to rmax by 1 km as in the CLI.
std::vector<double> distance_grid(const std::optional<DoubleArray>& r, double rmax) {
  if (!r) return parse_distance_grid("", rmax);
  auto grid = finite_vector(*r, "r");
  if (grid.empty()) throw InputError("r is empty: give at least one distance (metres).");
  for (std::size_t i = 0; i < grid.size(); ++i)
    if (grid[i] < 0 || (i > 0 && grid[i] <= grid[i - 1]))
      throw InputError("r must be increasing distances ≥ 0 (r[" + std::to_string(i) +
                       "] = " + std::to_string(grid[i]) + ").");
  return grid;
}

std::vector<double> weights_or_ones(const std::optional<DoubleArray>& weights, std::size_t n) {
  if (!weights) return std::vector<double>(n, 1.0);
  auto w = finite_vector(*weights, "weights");
  require_same_length(n, w.size(), "weights");
  for (std::size_t i = 0; i < w.size(); ++i)
    if (w[i] < 0) throw InputError("weights[" + std::to_string(i) + "] is negative.");
  return w;
}

Sample sample_of(const DoubleArray& x, const DoubleArray& y, const std::optional<DoubleArray>& weights) {
  Sample s;
  s.x = finite_vector(x, "x");
  s.y = finite_vector(y, "y");
  require_same_length(s.x.size(), s.y.size(), "y");
  s.weight = weights_or_ones(weights, s.x.size());
  return s;
}

py::dict kd_curve_dict(const std::vector<double>& r, const KdCurve& curve) {
  py::dict out;
  out["r"] = to_array(r);
  out["kd"] = to_array(curve.kd);
  out["bandwidth"] = curve.bandwidth;
  out["pairs"] = curve.pairs;
  out["bin_width"] = curve.bin_width;
  out["error_bound"] = curve.error_bound;
  return out;
}

py::dict analysis_dict(const CurveAnalysis& a, const char* value_name) {
  py::dict out;
  out["r"] = to_array(a.r);
  out[value_name] = to_array(a.observed);
  if (a.envelope) {
    out["lower"] = to_array(a.envelope->lo_local);
    out["upper"] = to_array(a.envelope->hi_local);
    out["global_lower"] = to_array(a.envelope->lo_global);
    out["global_upper"] = to_array(a.envelope->hi_global);
    out["simulations"] = a.envelope->simulations;
    out["gamma"] = a.test.gamma;  // DO 2005 §4: localisation (Γ) and dispersion (Ψ) indices
    out["psi"] = a.test.psi;
    out["localised"] = to_array(std::vector<bool>(a.test.localised.begin(), a.test.localised.end()));
  }
  return out;
}

// K-density of the points (x, y), no null model: the estimator alone (dbmss::Kdhat).
py::dict kdhat_binding(const DoubleArray& x, const DoubleArray& y, const std::optional<DoubleArray>& r,
                       const std::optional<DoubleArray>& weights, bool weighted, bool exact, double rmax) {
  const Sample sample = sample_of(x, y, weights);
  const auto grid = distance_grid(r, rmax);
  KdCurve curve;
  {
    py::gil_scoped_release free_python;
    curve = kdhat(sample, grid, {.weighted = weighted, .exact = exact});
  }
  return kd_curve_dict(grid, curve);
}

// `grappe kd --register`: the group's Kd with its envelope under random location among all sites.
py::dict kd_register_binding(const Register& reg, const std::optional<std::string>& sector,
                             const std::optional<std::string>& trade, const std::optional<DoubleArray>& r,
                             double rmax, std::size_t simulations, std::uint64_t seed, double confidence,
                             bool weighted, bool exact, std::size_t max_points) {
  const KdRequest request{.rmax = rmax,
                          .r = distance_grid(r, rmax),
                          .max_points = max_points,
                          .simulations = simulations,
                          .seed = seed,
                          .confidence = confidence,
                          .weighted = weighted,
                          .exact = exact};
  if (sector.has_value() == trade.has_value())
    throw InputError("give either sector= (a NAF code) or trade= (a trade id).");
  const auto group = named_group(reg, sector.value_or(""), trade.value_or(""));
  GroupKd kd;
  {
    py::gil_scoped_release free_python;
    kd = group_kd(located_sites(reg), group, request);  // ValueError when it has < 2 located
  }
  py::dict out = analysis_dict(kd.analysis, "kd");
  out["group"] = group.code;
  out["label"] = group.label;
  out["establishments"] = group.rows.size();
  out["points"] = kd.points;
  return out;
}

// Marcon–Puech M of the reference type among points with string or integer types.
py::dict mhat_binding(const DoubleArray& x, const DoubleArray& y, const std::vector<std::string>& types,
                      const std::string& reference, const std::optional<DoubleArray>& r,
                      const std::optional<DoubleArray>& weights, std::size_t simulations, std::uint64_t seed,
                      double confidence, double rmax) {
  const Sample s = sample_of(x, y, weights);
  require_same_length(s.size(), types.size(), "types");
  MarkedPoints points;
  for (std::size_t i = 0; i < s.size(); ++i) points.add(s.x[i], s.y[i], types[i], s.weight[i]);
  const auto type = points.find_type(reference);
  if (!type) throw InputError("reference type '" + reference + "' is not among the points' types.");
  const auto grid = distance_grid(r, rmax);
  CurveAnalysis analysis;
  {
    py::gil_scoped_release free_python;
    analysis =
        analyse_m(points, *type, grid, {.simulations = simulations, .seed = seed, .confidence = confidence});
  }
  return analysis_dict(analysis, "m");
}

// `grappe measure`: the tidy table of LQ, EG and MS, as columns (pandas.DataFrame(result)).
py::dict measures_binding(const Register& reg, const std::string& level,
                          const std::optional<std::string>& trade, const std::string& territory,
                          bool by_employment, bool coagglomeration) {
  std::vector<MeasureRow> rows;
  {
    py::gil_scoped_release free_python;
    rows = territorial_measures(reg, trade_or_level_groups(reg, trade.value_or(""), parse_naf_level(level)),
                                {.territory = parse_territory_level(territory),
                                 .by_employment = by_employment,
                                 .coagglomeration = coagglomeration});
  }
  std::vector<std::string> kind, group, label, level_column, place, measure;
  std::vector<double> value, employment;
  std::vector<std::uint64_t> establishments;
  for (const auto& row : rows) {
    kind.push_back(row.group_kind), group.push_back(row.group), label.push_back(row.label);
    level_column.push_back(row.territory_level), place.push_back(row.territory),
        measure.push_back(row.measure);
    value.push_back(row.value), employment.push_back(row.employment),
        establishments.push_back(row.establishments);
  }
  py::dict out;
  out["group_kind"] = kind, out["group"] = group, out["label"] = label;
  out["territory_level"] = level_column, out["territory"] = place, out["measure"] = measure;
  out["value"] = to_array(value), out["establishments"] = to_array(establishments),
  out["employment"] = to_array(employment);
  return out;
}

}  // namespace

void bind_measures(py::module_& m) {
  using py::arg;
  const KdRequest kd;  // the defaults of `grappe kd` and of the server's curves
  // grappe/__init__.py's signatures read them here, so that they are written once (register_kd.hpp).
  m.attr("kd_defaults") = py::dict(py::arg("rmax") = kd.rmax, py::arg("max_points") = kd.max_points,
                                   py::arg("simulations") = kd.simulations, py::arg("seed") = kd.seed,
                                   py::arg("confidence") = kd.confidence);
  m.def("kdhat", &kdhat_binding, arg("x"), arg("y"), arg("r") = py::none(), arg("weights") = py::none(),
        arg("weighted") = false, arg("exact") = false, arg("rmax") = kd.rmax);
  m.def("kd_register", &kd_register_binding, arg("register"), arg("sector") = py::none(),
        arg("trade") = py::none(), arg("r") = py::none(), arg("rmax") = kd.rmax,
        arg("simulations") = kd.simulations, arg("seed") = kd.seed, arg("confidence") = kd.confidence,
        arg("weighted") = false, arg("exact") = false, arg("max_points") = kd.max_points);
  m.def("mhat", &mhat_binding, arg("x"), arg("y"), arg("types"), arg("reference"), arg("r") = py::none(),
        arg("weights") = py::none(), arg("simulations") = 0, arg("seed") = 1,
        arg("confidence") = kd.confidence, arg("rmax") = kd.rmax);
  m.def("measures", &measures_binding, arg("register"), arg("level") = "subclass", arg("trade") = py::none(),
        arg("territory") = "department", arg("by_employment") = true, arg("coagglomeration") = false);
}

}  // namespace grappe::python
