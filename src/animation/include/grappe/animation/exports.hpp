#pragma once
// Exports of the animation data as CSV (RFC 4180, header row, UTF-8, lists joined with ';')
// for spreadsheets (the server writes the dashboards' JSON). Column sets are documented in
// docs/animation.md ("Exports").
#include <ostream>
#include <vector>

#include "grappe/animation/growth.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/animation/topic.hpp"

namespace grappe::animation {

// One row per need statement with the collective need it is grouped in.
void write_needs_csv(std::ostream& out, const NeedCorpus& corpus, const Grouping& grouping);
// One row per collective need.
void write_collective_needs_csv(std::ostream& out, const Grouping& grouping);
// One row per topic.
void write_topics_csv(std::ostream& out, const std::vector<Topic>& topics);
// One row per action of every topic.
void write_actions_csv(std::ostream& out, const std::vector<Topic>& topics);
// One row per date; empty cells where an indicator is undefined (no topic, no member a year ago).
void write_indicators_csv(std::ostream& out, const std::vector<IndicatorPoint>& series);

}  // namespace grappe::animation
