#include "grappe/animation/growth.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace grappe::animation {
namespace {

std::optional<Date> method_start(const Topic& topic) {
  for (const auto& change : topic.history)
    if (change.to == Stage::method) return change.date;
  return std::nullopt;
}

// Adds each pair of member firms of `firms` not yet linked, with `kind`.
void add_clique(std::vector<CooperationEdge>& edges, std::set<std::pair<std::string, std::string>>& seen,
                const std::vector<std::string>& firms, const std::set<std::string>& members, const std::string& kind) {
  for (std::size_t i = 0; i < firms.size(); ++i)
    for (std::size_t j = i + 1; j < firms.size(); ++j) {
      if (firms[i] == firms[j] || !members.count(firms[i]) || !members.count(firms[j])) continue;
      auto pair = std::minmax(firms[i], firms[j]);
      if (seen.insert({pair.first, pair.second}).second) edges.push_back({pair.first, pair.second, kind});
    }
}

bool member_led_on(const Topic& topic, Date day) { return topic.leader_at(day).kind == ActorKind::member; }

Date end_of_year(int year) {
  return Date(std::chrono::year_month_day(std::chrono::year(year), std::chrono::December, std::chrono::day(31)));
}

}  // namespace

std::vector<std::string> members_on(const std::vector<Membership>& memberships, Date day) {
  std::set<std::string> firms;
  for (const auto& m : memberships)
    if (m.member_on(day)) firms.insert(m.firm);
  return {firms.begin(), firms.end()};
}

std::vector<CooperationEdge> cooperation_edges(const InitiativeHistory& history, Date day) {
  const auto members = members_on(history.memberships, day);
  const std::set<std::string> member_set(members.begin(), members.end());
  std::vector<CooperationEdge> edges;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& tie : history.ties)
    if (tie.date <= day) add_clique(edges, seen, {tie.firm_a, tie.firm_b}, member_set, tie.source);
  for (const auto& topic : history.topics)
    if (const auto start = method_start(topic); start && *start <= day)
      add_clique(edges, seen, topic.working_group, member_set, "working_group");
  for (const auto& topic : history.topics)
    for (const auto& meeting : topic.meetings)
      if (meeting.date <= day) add_clique(edges, seen, meeting.attendees, member_set, "meeting");
  return edges;
}

Graph cooperation_network(const InitiativeHistory& history, Date day) {
  Graph graph;
  for (const auto& firm : members_on(history.memberships, day)) graph.add_node(firm);
  for (const auto& edge : cooperation_edges(history, day)) graph.add_edge(edge.firm_a, edge.firm_b);
  return graph;
}

ReferralSummary summarise_referrals(const InitiativeHistory& history) {
  ReferralSummary summary;
  summary.referrals = history.referrals.size();
  std::map<std::string, std::string> referred_by;  // member → referrer of its earliest converted referral
  std::map<std::string, Date> referral_date;
  for (const auto& referral : history.referrals) {
    ++summary.referrals_by_member[referral.referrer];
    summary.arcs.emplace_back(referral.referrer, referral.joined_as.value_or(referral.referred));
    if (!referral.joined_as) continue;
    ++summary.converted;
    const auto& firm = *referral.joined_as;
    if (!referral_date.count(firm) || referral.date < referral_date[firm]) {
      referral_date[firm] = referral.date;
      referred_by[firm] = referral.referrer;
    }
  }
  if (summary.referrals > 0) summary.conversion_rate = double(summary.converted) / double(summary.referrals);
  // Generations by walking up the referral forest; a cycle (inconsistent data) counts as a root.
  std::function<int(const std::string&, std::set<std::string>&)> generation = [&](const std::string& firm,
                                                                                  std::set<std::string>& seen) {
    const auto parent = referred_by.find(firm);
    if (parent == referred_by.end() || !seen.insert(firm).second) return 0;
    return 1 + generation(parent->second, seen);
  };
  for (const auto& membership : history.memberships) {
    std::set<std::string> seen;
    summary.generation[membership.firm] = generation(membership.firm, seen);
  }
  return summary;
}

std::vector<FirmCentrality> firm_centralities(const InitiativeHistory& history, Date day) {
  const Graph graph = cooperation_network(history, day);
  const auto degree = degree_centrality(graph);
  const auto betweenness = betweenness_centrality(graph);
  const auto cores = core_numbers(graph);
  std::vector<FirmCentrality> result;
  for (std::size_t v = 0; v < graph.node_count(); ++v)
    result.push_back({graph.nodes()[v], graph.neighbours(v).size(), degree[v], betweenness[v], cores[v]});
  std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.firm < b.firm; });
  return result;
}

std::optional<double> autonomy_index(const std::vector<Topic>& topics, Date day, int window_months) {
  const Date window_start = add_months(day, -window_months);
  std::size_t started = 0, autonomous = 0;
  for (const auto& topic : topics) {
    if (topic.created <= window_start || topic.created > day) continue;
    ++started;
    if (topic.initiator.kind == ActorKind::member && member_led_on(topic, day)) ++autonomous;
  }
  if (started == 0) return std::nullopt;
  return double(autonomous) / double(started);
}

std::vector<YearCount> member_led_topics_per_year(const std::vector<Topic>& topics, Date as_of) {
  std::map<int, YearCount> years;
  for (const auto& topic : topics) {
    if (topic.created > as_of) continue;
    const int year = year_of(topic.created);
    auto& count = years[year];
    count.year = year;
    ++count.topics;
    if (member_led_on(topic, std::min(end_of_year(year), as_of))) ++count.member_led;
  }
  std::vector<YearCount> result;
  for (const auto& [year, count] : years) result.push_back(count);
  return result;
}

std::vector<IndicatorPoint> indicators_over_time(const InitiativeHistory& history, const std::vector<Date>& dates) {
  std::vector<Date> sorted = dates;
  std::sort(sorted.begin(), sorted.end());
  std::vector<IndicatorPoint> series;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Date day = sorted[i];
    const Date period_start = i == 0 ? add_months(day, -1) : sorted[i - 1];
    IndicatorPoint point;
    point.date = day;
    for (const auto& m : history.memberships) {
      point.joined += period_start < m.joined && m.joined <= day;
      point.left += m.left && period_start < *m.left && *m.left <= day;
    }
    point.members = members_on(history.memberships, day).size();  // distinct firms, not spells
    const auto before = members_on(history.memberships, add_months(day, -12));
    if (!before.empty()) {
      const auto now = members_on(history.memberships, day);
      std::vector<std::string> kept;
      std::set_intersection(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(kept));
      point.retention = double(kept.size()) / double(before.size());
    }
    const Graph graph = cooperation_network(history, day);
    point.ties = graph.edge_count();
    point.density = density(graph);
    point.mean_degree = graph.node_count() ? 2.0 * double(graph.edge_count()) / double(graph.node_count()) : 0.0;
    const auto core = main_core(core_numbers(graph));
    point.main_core_k = core.k;
    point.main_core_size = core.size;
    const auto betweenness = betweenness_centrality(graph);
    if (!betweenness.empty()) point.max_betweenness = *std::max_element(betweenness.begin(), betweenness.end());
    for (const auto& topic : history.topics) {
      if (topic.created > day) continue;
      point.active_topics += !topic.outcome || topic.outcome->date > day;
      if (year_of(topic.created) == year_of(day)) {
        ++point.topics_started_in_year;
        point.member_led_topics_in_year += member_led_on(topic, day);
      }
    }
    point.autonomy_index = autonomy_index(history.topics, day);
    series.push_back(point);
  }
  return series;
}

std::vector<Date> month_ends(Date from, Date to) {
  std::vector<Date> ends;
  const std::chrono::year_month_day first(from), last(to);
  for (auto month = first.year() / first.month(); month <= last.year() / last.month(); month += std::chrono::months(1))
    ends.push_back(Date(std::chrono::year_month_day_last(month.year(), std::chrono::month_day_last(month.month()))));
  return ends;
}

}  // namespace grappe::animation
