#include "grappe/animation/reminders.hpp"

#include <algorithm>

namespace grappe::animation {

std::vector<StaleTopic> stale_topics(const std::vector<Topic>& topics, Date today, int idle_days) {
  std::vector<StaleTopic> result;
  for (const auto& topic : topics) {
    if (topic.status != TopicStatus::active) continue;
    const long idle = days_between(topic.last_activity, today);
    if (idle >= idle_days) result.push_back({topic.id, topic.title, topic.stage, topic.last_activity, idle});
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.idle_days > b.idle_days; });
  return result;
}

std::vector<OverdueAction> overdue_actions(const std::vector<Topic>& topics, Date today) {
  std::vector<OverdueAction> result;
  for (const auto& topic : topics) {
    if (topic.status != TopicStatus::active) continue;
    for (const auto& action : topic.actions) {
      const bool open = action.status == ActionStatus::planned || action.status == ActionStatus::in_progress;
      if (open && action.due < today)
        result.push_back({topic.id, action.id, action.title, action.owner_firm, action.due, days_between(action.due, today)});
    }
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.days_late > b.days_late; });
  return result;
}

std::vector<OpenPoll> open_polls_for_member(const std::vector<Topic>& topics, const std::string& firm, Date today) {
  std::vector<OpenPoll> result;
  for (const auto& topic : topics) {
    if (topic.status != TopicStatus::active || topic.stage != Stage::need || !topic.poll || !topic.poll->open) continue;
    const auto& poll = *topic.poll;
    if (poll.closes && *poll.closes < today) continue;
    const bool committed = std::any_of(poll.commitments.begin(), poll.commitments.end(),
                                       [&](const auto& c) { return c.firm == firm; });
    if (!committed) result.push_back({topic.id, topic.title, poll.closes, poll.commitments.size(), topic.required_commitments});
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
    if (a.closes.has_value() != b.closes.has_value()) return a.closes.has_value();
    return a.closes && *a.closes < *b.closes;
  });
  return result;
}

}  // namespace grappe::animation
