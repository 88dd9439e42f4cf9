#pragma once
// Growth of an initiative (members joining and leaving, referrals by word of mouth), its
// cooperation network and the indicators the sponsor watches over time, up to the autonomy
// index. Every indicator is defined in docs/animation.md ("Indicators").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grappe/animation/date.hpp"
#include "grappe/animation/network.hpp"
#include "grappe/animation/topic.hpp"

namespace grappe::animation {

// A firm's membership spell. A firm that leaves and comes back has two spells.
struct Membership {
  std::string firm;
  Date joined;
  std::optional<Date> left;
  bool member_on(Date day) const { return joined <= day && (!left || day < *left); }
};

// A member refers another firm, known by its siret (from the register) or only by its name.
struct Referral {
  std::string referrer;  // member firm id
  std::string referred;  // siret or name of the firm referred
  Date date;
  std::optional<std::string> joined_as;  // member firm id, once the referred firm joined
};

// A cooperation tie two firms declared (in the survey: "we already work with …").
struct Tie {
  std::string firm_a;
  std::string firm_b;
  Date date;
  std::string source = "survey";
};

struct InitiativeHistory {
  std::vector<Membership> memberships;
  std::vector<Referral> referrals;
  std::vector<Tie> ties;
  std::vector<Topic> topics;
};

// Firms that are members on a day (sorted, distinct).
std::vector<std::string> members_on(const std::vector<Membership>& memberships, Date day);

// The cooperation network on a day: nodes are the members that day; an edge joins two members
// who declared a tie by then, who both sat in a topic's working group once its method stage
// began by then, or who attended the same topic meeting by then.
Graph cooperation_network(const InitiativeHistory& history, Date day);

// The edges of cooperation_network() with why each exists: the first reason found, in the
// order ties ("survey" or the tie's source), then "working_group", then "meeting". Each
// unordered pair once; firm_a < firm_b.
struct CooperationEdge {
  std::string firm_a, firm_b;
  std::string kind;
};
std::vector<CooperationEdge> cooperation_edges(const InitiativeHistory& history, Date day);

// Referral graph: arcs referrer → referred (firm id once joined, else the siret or name).
struct ReferralSummary {
  std::size_t referrals = 0;
  std::size_t converted = 0;  // referred firms that joined
  std::optional<double> conversion_rate;
  std::map<std::string, std::size_t> referrals_by_member;
  // Generation of each member in the referral forest: 0 = joined without a referral (founders
  // and firms the animator brought), 1 = referred by a generation-0 member, …
  std::map<std::string, int> generation;
  std::vector<std::pair<std::string, std::string>> arcs;
};
ReferralSummary summarise_referrals(const InitiativeHistory& history);

// Measures of one firm in the cooperation network on a day.
struct FirmCentrality {
  std::string firm;
  std::size_t degree = 0;
  double degree_centrality = 0;
  double betweenness = 0;  // normalised (Brandes 2001)
  int core_number = 0;
};
std::vector<FirmCentrality> firm_centralities(const InitiativeHistory& history, Date day);

// Indicators on one day (the end of a period that began the day after `period_start`).
struct IndicatorPoint {
  Date date;
  std::size_t members = 0;
  std::size_t joined = 0;  // spells that began in the period
  std::size_t left = 0;    // spells that ended in the period
  std::optional<double> retention;  // members 12 months earlier still members now
  std::size_t ties = 0;
  double density = 0;
  double mean_degree = 0;
  int main_core_k = 0;
  std::size_t main_core_size = 0;
  double max_betweenness = 0;
  std::size_t active_topics = 0;
  std::size_t topics_started_in_year = 0;       // calendar year of `date`, up to `date`
  std::size_t member_led_topics_in_year = 0;    // of those, led by a member firm on `date`
  std::optional<double> autonomy_index;         // see autonomy_index()
};

// Autonomy index on a day: among the topics created in the 24 months up to that day
// ((day − 24 months, day]), the share initiated by a member firm and led by a member firm on
// that day. Empty when no topic was created in the window.
std::optional<double> autonomy_index(const std::vector<Topic>& topics, Date day, int window_months = 24);

// Topics created each calendar year, and how many of them were led by a member firm at the
// end of that year (or on `as_of` for the current year).
struct YearCount {
  int year = 0;
  std::size_t topics = 0;
  std::size_t member_led = 0;
};
std::vector<YearCount> member_led_topics_per_year(const std::vector<Topic>& topics, Date as_of);

// Indicators at each date (sorted ascending; the first period starts at the first date −1 month).
std::vector<IndicatorPoint> indicators_over_time(const InitiativeHistory& history, const std::vector<Date>& dates);
// Last day of each month from the month of `from` to the month of `to`.
std::vector<Date> month_ends(Date from, Date to);

}  // namespace grappe::animation
