#include "grappe/measure/analysis.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "grappe/measure/null_model.hpp"

namespace grappe::measure {

namespace {

void finish(CurveAnalysis& analysis, CurveMatrix simulations, const MonteCarloOptions& mc) {
  analysis.envelope = compute_envelope(simulations, mc.confidence);
  analysis.test = localisation_test(analysis.r, analysis.observed, *analysis.envelope);
}

}  // namespace

CurveAnalysis analyse_kd(const Sample& sample, std::span<const double> site_x, std::span<const double> site_y,
                         std::span<const double> r, const KdOptions& kd, const MonteCarloOptions& mc) {
  CurveAnalysis analysis;
  analysis.r.assign(r.begin(), r.end());
  analysis.kd_details = kdhat(sample, r, kd);
  analysis.observed = analysis.kd_details.kd;
  if (mc.simulations == 0) return analysis;

  RandomLabelling null_model(site_x, site_y);
  struct ThreadState {
    KdWorkspace workspace;
    Sample drawn;
  };
  tbb::enumerable_thread_specific<ThreadState> states;
  KdOptions serial = kd;
  serial.parallel = false;  // parallelism is across replications
  auto replicate = [&](std::size_t, Rng& rng, std::span<double> row) {
    ThreadState& state = states.local();
    // The scratch permutation (one per worker thread, as large as the economy) is always left as
    // the identity after a draw, so it is kept across calls: no O(N) set-up per sector.
    thread_local RandomLabelling::Scratch scratch;
    null_model.draw_sample(sample.weight, rng, scratch, state.drawn);
    KdCurve curve = kdhat(state.drawn, r, serial, &state.workspace);
    std::copy(curve.kd.begin(), curve.kd.end(), row.begin());
  };
  finish(analysis, simulate_curves(mc.simulations, r.size(), mc.seed, replicate, mc.on_simulation_done, mc.team), mc);
  return analysis;
}

CurveAnalysis analyse_m(const MarkedPoints& points, std::uint32_t reference_type, std::span<const double> r,
                        const MonteCarloOptions& mc) {
  CurveAnalysis analysis;
  analysis.r.assign(r.begin(), r.end());
  analysis.observed = mhat(view_of(points), reference_type, r);
  if (mc.simulations == 0) return analysis;

  RandomLabelling null_model(points.x, points.y);
  struct ThreadState {
    std::vector<double> weight;
    std::vector<std::uint32_t> type;
  };
  tbb::enumerable_thread_specific<ThreadState> states;
  auto replicate = [&](std::size_t, Rng& rng, std::span<double> row) {
    ThreadState& state = states.local();
    null_model.draw_marks(points.weight, points.type, rng, state.weight, state.type);
    MarkedView view{points.x, points.y, state.weight, state.type};
    auto m = mhat(view, reference_type, r, {.parallel = false});
    std::copy(m.begin(), m.end(), row.begin());
  };
  finish(analysis, simulate_curves(mc.simulations, r.size(), mc.seed, replicate, mc.on_simulation_done, mc.team), mc);
  return analysis;
}

}  // namespace grappe::measure
