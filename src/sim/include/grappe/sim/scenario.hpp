#pragma once
// The model's description (docs/sim.md, "Model description"): every parameter with its documented default. A
// Scenario says nothing about how it is executed (replications, threads, seeds): see
// monte_carlo.hpp. Rates are per year, probabilities per step unless named otherwise.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace grappe::sim {

// One firm of the territory, from a scan candidate or an initiative (calibration), or drawn.
struct FirmData {
  double x_km = 0, y_km = 0;        // position on a local plane
  std::vector<double> trade;        // trade profile over sectors (any non-negative weights)
  double headcount = 1;
  std::string id;                   // SIRET when calibrated
};

// Where firms are and what they do when no firm list is given: drawn once from the master seed
// (purpose "population"), then shared by every replication and every scenario of a sweep.
struct PopulationSpec {
  int firms = 200;
  double radius_km = 15;            // firms uniform in a disc
  int sectors = 4;                  // dimensions of the trade profile
  double main_sector_weight = 0.7;  // weight of a firm's main sector, the rest spread evenly
  double mean_headcount = 8;        // headcounts are geometric with this mean
  std::vector<FirmData> firms_data; // when non-empty: the firms (calibration); `firms` ignored
};

// Contact network, fixed for a replication: edge i–j kept with probability min(1, κ·w_ij),
// w_ij = exp(−d_ij/ℓ)·[α + (1−α)·cos(trade_i, trade_j)].
enum class NetworkMode {
  spatial,   // the formula above
  uniform,   // w_ij = 1: Erdős–Rényi graph with edge probability κ (Watts 2002)
  complete,  // everyone in contact with everyone, w = 1 (complete mixing: Bass, Granovetter)
};
struct NetworkSpec {
  NetworkMode mode = NetworkMode::spatial;
  double kappa = 1.0;
  double length_km = 3.0;   // ℓ
  double alpha = 0.3;       // weight of distance alone vs trade similarity
};

// Sponsor and animator (step 1 of docs/sim.md §3).
enum class SponsorPolicy { withdraw, decay };
struct AnimatorSpec {
  double fte = 0.25;                       // H₀, full-time equivalents
  double hours_per_fte_month = 1607.0 / 12;  // French legal year of 1,607 hours
  SponsorPolicy sponsor = SponsorPolicy::withdraw;
  double withdrawal_years = -1;            // t_w; negative: never
  double decay_years = 5;                  // τ of H₀·e^(−t/τ)
  double support_hours_per_project = 6;    // a running project is fully supported with these
  double mobilisation_hours_per_need = 8;  // a_k = hours / this, capped at 1
  double interview_hours = 3;              // one discovery interview
  double reinterview_months = 12;          // a member is interviewed again after this
  double max_outreach_hours = 20;          // outreach saturates: hours beyond this are not spent
};

// Step 2: λ_i = p₀ + p_o·(outreach/H_ref) + q·(1 + β·S(t))·Σ_j w_ij m_j / Σ_j w_ij.
enum class JoiningLaw {
  hazard,  // P(join in Δt) = 1 − exp(−λ·Δt) (continuous-time Bass)
  linear,  // P(join in Δt) = min(1, λ·Δt) (the discrete Bass map)
};
struct JoiningSpec {
  double p0 = 0.002;
  double p_outreach = 0.01;
  double outreach_reference_hours = 20;  // H_ref
  double q = 0.25;
  double beta = 0.3;
  double success_memory_years = 3;       // τ_S
  JoiningLaw law = JoiningLaw::hazard;
};

// Step 3: hazard δ₀ + δ_f·(recent failures), recent = decayed with memory τ_F.
struct ExitSpec {
  double base = 0.06;
  double per_failure = 0.3;
  double failure_memory_years = 2;
};

// Needs and skills (K needs; need k requires skill k and each other skill with prob ρ).
struct NeedsSpec {
  int needs = 6;
  std::vector<double> prevalence;   // π_k; missing entries default to 0.25
  double skill_prevalence = 0.3;    // P(firm holds a skill)
  double extra_requirement = 0.25;  // ρ
  bool expressed_at_start = false;  // latent needs all expressed at t = 0
  double discovery_base = 0.2;      // r₀
  double discovery_interview = 4.0; // r_a, added in the month of an interview
};

// Steps 5–6: thresholds, projects, success.
struct ProjectSpec {
  int min_members = 3;                 // m_min
  double threshold_mean = 0.3;         // φ_ik ~ Normal(mean, sd) as shares
  double threshold_sd = 0.15;
  std::vector<double> fixed_thresholds;  // when non-empty: firm i's threshold on every need
  double mobilisation_effect = 0.5;    // γ: φ·(1 − γ·a_k)
  double initiative_mean = 0.01;       // ι_i, a monthly probability of taking an initiative
  double initiative_spread = 1.0;      // ι_i = mean·(1 + spread·(2u − 1)), clipped to [0, 1]
  double initiative_learning = 0.02;   // ι gain of each participant per success
  double method_rate = 3.0;            // r_m, per year
  double support_effect = 1.0;         // η
  double implementation_rate = 2.0;    // r_x, per year
  double success_base = 0.35;          // π₀
  double success_coverage = 0.35;      // π_c
  double success_support = 0.2;        // π_s
  double benefit_per_success = 1.0;
};

// Step 7 and the outcomes.
struct OutcomeSpec {
  int critical_mass_members = 30;     // M* = min(this, ⌈share·N⌉)
  double critical_mass_share = 0.15;
  int critical_mass_successes = 3;
  double autonomy_share = 0.6;
  int autonomy_window_months = 24;
  int autonomy_hold_months = 12;
  double collapse_window_years = 3;
};

// Several initiatives competing for the same firms (Arthur 1989): word-of-mouth joiners join
// their referrer's initiative (a Pólya urn); the others pick argmax(preference + g·members).
struct CompetitionSpec {
  int initiatives = 1;
  double increasing_returns = 0;        // g
  double type_a_probability = 0.5;      // firms are of type A or B
  std::vector<double> preference_a;     // per initiative (default zeros)
  std::vector<double> preference_b;
  std::vector<int> core_by_initiative;  // core members of each initiative (sum replaces M₀)
};

struct Scenario {
  std::string name = "scenario";
  PopulationSpec population;
  NetworkSpec network;
  AnimatorSpec animator;
  JoiningSpec joining;
  ExitSpec exit;
  NeedsSpec needs;
  ProjectSpec projects;
  OutcomeSpec outcomes;
  CompetitionSpec competition;
  int core_members = 5;       // M₀
  double horizon_years = 15;
  double step_years = 1.0 / 12;
  bool record_joins = false;  // keep the sequence of joins (limiting cases)

  int firm_count() const;
  int step_count() const;
  int critical_mass_members() const;  // M*
  // Throws InputError naming the parameter when a value is out of its range.
  void validate() const;
};

// JSON with every key optional (missing = default); unknown keys are an error naming them.
Scenario scenario_from_json(const nlohmann::json& j, const std::string& source = "scenario");
Scenario load_scenario(const std::string& path);
nlohmann::json scenario_to_json(const Scenario& s);

}  // namespace grappe::sim
