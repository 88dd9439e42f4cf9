#pragma once
// In-app reminders: to animators (stale topics, overdue actions) and to members (open polls
// they have not answered). Pure functions of the topics and the day.
#include <optional>
#include <string>
#include <vector>

#include "grappe/animation/topic.hpp"

namespace grappe::animation {

struct StaleTopic {
  std::string topic_id;
  std::string title;
  Stage stage = Stage::need;
  Date last_activity;
  long idle_days = 0;
};
// Active topics with no change for at least `idle_days` days, the longest idle first.
std::vector<StaleTopic> stale_topics(const std::vector<Topic>& topics, Date today, int idle_days);

struct OverdueAction {
  std::string topic_id;
  int action_id = 0;
  std::string title;
  std::string owner_firm;
  Date due;
  long days_late = 0;
};
// Planned or in-progress actions of active topics whose due day has passed, the latest first.
std::vector<OverdueAction> overdue_actions(const std::vector<Topic>& topics, Date today);

struct OpenPoll {
  std::string topic_id;
  std::string title;
  std::optional<Date> closes;
  std::size_t commitments = 0;
  int required = 0;
};
// Open opt-in polls (not past their closing day) of active topics that `firm` has not yet
// committed to, those closing soonest first (polls without a closing day last).
std::vector<OpenPoll> open_polls_for_member(const std::vector<Topic>& topics, const std::string& firm, Date today);

}  // namespace grappe::animation
