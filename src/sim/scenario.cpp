// Scenario ⇄ JSON through one table of fields (visit_fields), so reading, writing and the
// documented defaults cannot drift apart. Unknown keys are errors: a typo must not silently
// fall back to a default.
#include "grappe/sim/scenario.hpp"

#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe::sim {
namespace {

using nlohmann::json;

template <class Enum>
struct EnumNames {
  std::vector<std::pair<Enum, const char*>> names;
};
const EnumNames<NetworkMode> kNetworkModes{
    {{NetworkMode::spatial, "spatial"}, {NetworkMode::uniform, "uniform"}, {NetworkMode::complete, "complete"}}};
const EnumNames<SponsorPolicy> kSponsors{{{SponsorPolicy::withdraw, "withdraw"}, {SponsorPolicy::decay, "decay"}}};
const EnumNames<JoiningLaw> kLaws{{{JoiningLaw::hazard, "hazard"}, {JoiningLaw::linear, "linear"}}};

// Visits every field of a scenario; the visitor decides whether to read or write.
template <class V>
void visit_fields(Scenario& s, V& v) {
  v.field("name", s.name);
  v.field("core_members", s.core_members);
  v.field("horizon_years", s.horizon_years);
  v.field("step_years", s.step_years);
  v.field("record_joins", s.record_joins);
  v.section("population", [&] {
    auto& p = s.population;
    v.field("firms", p.firms);
    v.field("radius_km", p.radius_km);
    v.field("sectors", p.sectors);
    v.field("main_sector_weight", p.main_sector_weight);
    v.field("mean_headcount", p.mean_headcount);
    v.firms("firms_data", p.firms_data);
  });
  v.section("network", [&] {
    v.enumeration("mode", s.network.mode, kNetworkModes);
    v.field("kappa", s.network.kappa);
    v.field("length_km", s.network.length_km);
    v.field("alpha", s.network.alpha);
  });
  v.section("animator", [&] {
    auto& a = s.animator;
    v.field("fte", a.fte);
    v.field("hours_per_fte_month", a.hours_per_fte_month);
    v.enumeration("sponsor", a.sponsor, kSponsors);
    v.field("withdrawal_years", a.withdrawal_years);
    v.field("decay_years", a.decay_years);
    v.field("support_hours_per_project", a.support_hours_per_project);
    v.field("mobilisation_hours_per_need", a.mobilisation_hours_per_need);
    v.field("interview_hours", a.interview_hours);
    v.field("reinterview_months", a.reinterview_months);
    v.field("max_outreach_hours", a.max_outreach_hours);
  });
  v.section("joining", [&] {
    auto& j = s.joining;
    v.field("p0", j.p0);
    v.field("p_outreach", j.p_outreach);
    v.field("outreach_reference_hours", j.outreach_reference_hours);
    v.field("q", j.q);
    v.field("beta", j.beta);
    v.field("success_memory_years", j.success_memory_years);
    v.enumeration("law", j.law, kLaws);
  });
  v.section("exit", [&] {
    v.field("base", s.exit.base);
    v.field("per_failure", s.exit.per_failure);
    v.field("failure_memory_years", s.exit.failure_memory_years);
  });
  v.section("needs", [&] {
    auto& n = s.needs;
    v.field("needs", n.needs);
    v.field("prevalence", n.prevalence);
    v.field("skill_prevalence", n.skill_prevalence);
    v.field("extra_requirement", n.extra_requirement);
    v.field("expressed_at_start", n.expressed_at_start);
    v.field("discovery_base", n.discovery_base);
    v.field("discovery_interview", n.discovery_interview);
  });
  v.section("projects", [&] {
    auto& p = s.projects;
    v.field("min_members", p.min_members);
    v.field("threshold_mean", p.threshold_mean);
    v.field("threshold_sd", p.threshold_sd);
    v.field("fixed_thresholds", p.fixed_thresholds);
    v.field("mobilisation_effect", p.mobilisation_effect);
    v.field("initiative_mean", p.initiative_mean);
    v.field("initiative_spread", p.initiative_spread);
    v.field("initiative_learning", p.initiative_learning);
    v.field("method_rate", p.method_rate);
    v.field("support_effect", p.support_effect);
    v.field("implementation_rate", p.implementation_rate);
    v.field("success_base", p.success_base);
    v.field("success_coverage", p.success_coverage);
    v.field("success_support", p.success_support);
    v.field("benefit_per_success", p.benefit_per_success);
  });
  v.section("outcomes", [&] {
    auto& o = s.outcomes;
    v.field("critical_mass_members", o.critical_mass_members);
    v.field("critical_mass_share", o.critical_mass_share);
    v.field("critical_mass_successes", o.critical_mass_successes);
    v.field("autonomy_share", o.autonomy_share);
    v.field("autonomy_window_months", o.autonomy_window_months);
    v.field("autonomy_hold_months", o.autonomy_hold_months);
    v.field("collapse_window_years", o.collapse_window_years);
  });
  v.section("competition", [&] {
    auto& c = s.competition;
    v.field("initiatives", c.initiatives);
    v.field("increasing_returns", c.increasing_returns);
    v.field("type_a_probability", c.type_a_probability);
    v.field("preference_a", c.preference_a);
    v.field("preference_b", c.preference_b);
    v.field("core_by_initiative", c.core_by_initiative);
  });
}

json firm_to_json(const FirmData& f) {
  return {{"id", f.id}, {"x_km", f.x_km}, {"y_km", f.y_km}, {"trade", f.trade}, {"headcount", f.headcount}};
}

struct Writer {
  json root = json::object();
  json* current = &root;
  template <class T>
  void field(const char* key, T& value) { (*current)[key] = value; }
  template <class E>
  void enumeration(const char* key, E& value, const EnumNames<E>& names) {
    for (auto& [e, n] : names.names)
      if (e == value) (*current)[key] = n;
  }
  void firms(const char* key, std::vector<FirmData>& firms) {
    if (firms.empty()) return;  // drawn firms are described by the other fields
    json list = json::array();
    for (auto& f : firms) list.push_back(firm_to_json(f));
    (*current)[key] = std::move(list);
  }
  void section(const char* key, const std::function<void()>& body) {
    json* parent = current;
    (*parent)[key] = json::object();
    current = &(*parent)[key];
    body();
    current = parent;
  }
};

struct Reader {
  const json* current;
  std::string path;  // "animator.fte" style, for error messages
  std::string source;
  std::set<std::string> known;

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw InputError(SourceLocation{source, 0, path + key, ""}, what);
  }
  const json* find(const char* key) {
    known.insert(key);
    auto it = current->find(key);
    return it == current->end() ? nullptr : &*it;
  }
  template <class T>
  void field(const char* key, T& value) {
    const json* j = find(key);
    if (!j) return;
    try {
      if constexpr (std::is_same_v<T, int>) {
        if (!j->is_number_integer()) fail(key, "expected an integer");
      } else if constexpr (std::is_same_v<T, double>) {
        if (!j->is_number()) fail(key, "expected a number");
      } else if constexpr (std::is_same_v<T, bool>) {
        if (!j->is_boolean()) fail(key, "expected true or false");
      }
      value = j->get<T>();
    } catch (const json::exception& e) {
      fail(key, std::string("has the wrong type (") + e.what() + ")");
    }
  }
  template <class E>
  void enumeration(const char* key, E& value, const EnumNames<E>& names) {
    const json* j = find(key);
    if (!j) return;
    std::string allowed;
    for (auto& [e, n] : names.names) {
      if (j->is_string() && j->get<std::string>() == n) {
        value = e;
        return;
      }
      allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    }
    fail(key, "must be one of: " + allowed);
  }
  void firms(const char* key, std::vector<FirmData>& firms) {
    const json* j = find(key);
    if (!j) return;
    if (!j->is_array()) fail(key, "expected a list of firms");
    firms.clear();
    for (const auto& f : *j) {
      FirmData d;
      try {
        d.x_km = f.at("x_km").get<double>();
        d.y_km = f.at("y_km").get<double>();
        d.trade = f.value("trade", std::vector<double>{1.0});
        d.headcount = f.value("headcount", 1.0);
        d.id = f.value("id", std::string());
      } catch (const json::exception& e) {
        fail(key, "firm " + std::to_string(firms.size() + 1) + " is malformed (" + e.what() + ")");
      }
      firms.push_back(std::move(d));
    }
  }
  void section(const char* key, const std::function<void()>& body) {
    const json* j = find(key);
    if (!j) return;
    if (!j->is_object()) fail(key, "expected an object");
    Reader inner{j, path + key + ".", source, {}};
    std::swap(*this, inner);
    body();
    check_unknown();
    std::swap(*this, inner);
  }
  void check_unknown() const {
    for (auto it = current->begin(); it != current->end(); ++it)
      if (!known.count(it.key())) fail(it.key(), "is not a known parameter (see docs/sim.md)");
  }
};

void require(bool ok, const std::string& key, const std::string& what) {
  if (!ok) throw InputError(SourceLocation{"scenario", 0, key, ""}, what);
}

}  // namespace

int Scenario::firm_count() const {
  return population.firms_data.empty() ? population.firms : static_cast<int>(population.firms_data.size());
}

int Scenario::step_count() const { return static_cast<int>(std::llround(horizon_years / step_years)); }

int Scenario::critical_mass_members() const {
  int by_share = static_cast<int>(std::ceil(outcomes.critical_mass_share * firm_count() - 1e-9));
  return std::max(1, std::min(outcomes.critical_mass_members, by_share));
}

void Scenario::validate() const {
  require(firm_count() >= 1, "population.firms", "must be at least 1");
  require(core_members >= 0 && core_members <= firm_count(), "core_members", "must be between 0 and the number of firms");
  require(step_years > 0 && horizon_years > 0 && step_count() >= 1, "step_years", "step and horizon must be positive");
  require(step_count() <= 1'000'000, "horizon_years", "gives more than a million steps");
  require(network.kappa >= 0 && network.length_km > 0, "network", "kappa must be ≥ 0 and length_km > 0");
  require(network.alpha >= 0 && network.alpha <= 1, "network.alpha", "must be in [0, 1]");
  require(population.sectors >= 1, "population.sectors", "must be at least 1");
  require(animator.fte >= 0 && animator.hours_per_fte_month >= 0, "animator.fte", "must be ≥ 0");
  require(animator.interview_hours > 0 && animator.support_hours_per_project > 0 &&
              animator.mobilisation_hours_per_need > 0,
          "animator", "interview, support and mobilisation hours must be > 0");
  require(animator.max_outreach_hours >= 0, "animator.max_outreach_hours", "must be ≥ 0");
  require(animator.decay_years > 0, "animator.decay_years", "must be > 0");
  require(joining.p0 >= 0 && joining.q >= 0 && joining.p_outreach >= 0 && joining.beta >= 0,
          "joining", "p0, p_outreach, q and beta must be ≥ 0");
  require(joining.outreach_reference_hours > 0 && joining.success_memory_years > 0, "joining",
          "outreach_reference_hours and success_memory_years must be > 0");
  require(exit.base >= 0 && exit.per_failure >= 0 && exit.failure_memory_years > 0, "exit", "rates must be ≥ 0");
  require(needs.needs >= 0 && needs.needs <= 32, "needs.needs", "must be between 0 and 32");
  for (double p : needs.prevalence) require(p >= 0 && p <= 1, "needs.prevalence", "entries must be in [0, 1]");
  require(projects.min_members >= 1, "projects.min_members", "must be at least 1");
  require(projects.threshold_sd >= 0, "projects.threshold_sd", "must be ≥ 0");
  require(projects.fixed_thresholds.empty() || static_cast<int>(projects.fixed_thresholds.size()) == firm_count(),
          "projects.fixed_thresholds", "must give one threshold per firm");
  require(projects.method_rate > 0 && projects.implementation_rate > 0, "projects", "rates must be > 0");
  require(competition.initiatives >= 1 && competition.initiatives <= 16, "competition.initiatives",
          "must be between 1 and 16");
  int core_sum = 0;
  for (int c : competition.core_by_initiative) core_sum += c;
  require(core_sum <= firm_count(), "competition.core_by_initiative", "exceeds the number of firms");
  require(outcomes.autonomy_window_months >= 1 && outcomes.autonomy_hold_months >= 1, "outcomes",
          "autonomy windows must be ≥ 1 month");
}

Scenario scenario_from_json(const nlohmann::json& j, const std::string& source) {
  if (!j.is_object()) throw InputError(SourceLocation{source, 0, "", ""}, "a scenario must be a JSON object");
  Scenario s;
  Reader reader{&j, "", source, {}};
  visit_fields(s, reader);
  reader.known.insert("$comment");
  reader.check_unknown();
  s.validate();
  return s;
}

Scenario load_scenario(const std::string& path) {
  auto in = open_input(path, "scenario file");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::parse_error& e) {
    throw InputError(SourceLocation{path, 0, "", ""}, std::string("is not valid JSON: ") + e.what());
  }
  return scenario_from_json(j, path);
}

nlohmann::json scenario_to_json(const Scenario& s) {
  Writer writer;
  visit_fields(const_cast<Scenario&>(s), writer);
  return writer.root;
}

}  // namespace grappe::sim
