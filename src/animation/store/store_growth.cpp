// Referrals, departures, indicators, reminders and CSV exports.
#include <sstream>

#include "grappe/animation/exports.hpp"
#include "grappe/animation/reminders.hpp"
#include "store_internal.hpp"

namespace grappe::animation {

InitiativeHistory AnimationStore::history(std::int64_t initiative) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    return load_history(tx, initiative);
  });
}

Referral AnimationStore::add_referral(const Caller& caller, std::int64_t initiative,
                                      const ReferralRequest& request) {
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const Referral referral{acting_member(tx, initiative, request.referrer_id, "referrer_id", caller),
                            request.referred, request.date.value_or(today()),
                            optional_member(tx, initiative, request.joined_member_id)};
    tx.execute(
        "INSERT INTO animation_referrals (initiative_id, referrer_id, referred, date, joined_member_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        {initiative, std::stoll(referral.referrer), referral.referred, format_date(referral.date),
         referral.joined_as ? workspace::Value(std::stoll(*referral.joined_as)) : workspace::Value(nullptr),
         workspace::now_iso8601()});
    workspace::audit(tx, caller.actor, "referral.add", "initiative:" + std::to_string(initiative),
                     referral.referred);
    return referral;
  });
}

Departure AnimationStore::add_departure(const Caller& caller, std::int64_t initiative, Departure departure) {
  require_animator(caller);
  db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto member = required_member(tx, initiative, departure.member_id, "member_id");
    departure.date = departure.date.value_or(today());
    tx.execute(
        "INSERT INTO animation_departures (initiative_id, member_id, date, reason, created_at) VALUES (?, ?, "
        "?, ?, ?)",
        {initiative, std::stoll(member), format_date(*departure.date), departure.reason,
         workspace::now_iso8601()});
    workspace::audit(tx, caller.actor, "member.leave", "member:" + member);
  });
  return departure;
}

Indicators AnimationStore::indicators(std::int64_t initiative, std::optional<Date> from_day,
                                      std::optional<Date> to_day) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto history = load_history(tx, initiative);
    const Date to = to_day.value_or(today());
    Date first = to;
    for (const auto& m : history.memberships) first = std::min(first, m.joined);
    const Date from = from_day.value_or(first);
    if (to < from)
      workspace::fail_invalid("'to' (" + format_date(to) + ") is before 'from' (" + format_date(from) + ")");
    if (days_between(from, to) > 366 * 30)
      workspace::fail_invalid("the period is longer than 30 years", "out_of_range");
    auto dates = month_ends(from, to);
    dates.back() = std::min(dates.back(), to);  // the last point is the day asked, not a future month end
    return Indicators{indicators_over_time(history, dates), member_led_topics_per_year(history.topics, to),
                      summarise_referrals(history), firm_centralities(history, to)};
  });
}

Reminders AnimationStore::reminders(const Caller& caller, std::int64_t initiative, std::optional<Date> day,
                                    int idle_days, std::optional<std::int64_t> member_id) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto topics = load_topics(tx, initiative);
    const Date on = day.value_or(today());
    Reminders out{.stale_topics = stale_topics(topics, on, idle_days),
                  .overdue_actions = overdue_actions(topics, on)};
    if (caller.member_role)  // refused unless the caller represents a firm of this initiative
      out.open_polls =
          open_polls_for_member(topics, acting_member(tx, initiative, member_id, "member_id", caller), on);
    else if (member_id)
      out.open_polls =
          open_polls_for_member(topics, required_member(tx, initiative, member_id, "member_id"), on);
    return out;
  });
}

std::string AnimationStore::export_csv(std::int64_t initiative, const std::string& what) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    std::ostringstream csv;
    if (what == "needs" || what == "collective-needs") {
      const auto corpus = analyse_needs(load_needs(tx, initiative));
      const auto grouping = load_grouping(tx, initiative).value_or(Grouping{});
      if (what == "needs")
        write_needs_csv(csv, corpus, grouping);
      else
        write_collective_needs_csv(csv, grouping);
    } else if (what == "topics") {
      write_topics_csv(csv, load_topics(tx, initiative));
    } else if (what == "actions") {
      write_actions_csv(csv, load_topics(tx, initiative));
    } else if (what == "indicators") {
      const auto history = load_history(tx, initiative);
      Date first = today();
      for (const auto& m : history.memberships) first = std::min(first, m.joined);
      write_indicators_csv(csv, indicators_over_time(history, month_ends(first, today())));
    } else {
      workspace::fail_not_found("export '" + what + "'");
    }
    return csv.str();
  });
}

}  // namespace grappe::animation
