#include "grappe/animation/exports.hpp"

#include <cstdio>

#include "grappe/animation/csv.hpp"

namespace grappe::animation {
namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ";") + value;
  return out;
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string optional_number(const std::optional<double>& value) { return value ? number(*value) : ""; }

}  // namespace

void write_needs_csv(std::ostream& out, const NeedCorpus& corpus, const Grouping& grouping) {
  const auto labels = grouping.labels(corpus);
  write_csv_row(out, {"id", "firm", "theme", "language", "text", "group_id", "group_name"});
  for (std::size_t i = 0; i < corpus.needs.size(); ++i) {
    const auto& need = corpus.needs[i];
    const bool grouped = labels[i] > 0;
    write_csv_row(out, {need.id, need.firm, need.theme,
                        need.language ? std::string(language_code(*need.language)) : "", need.text,
                        grouped ? std::to_string(labels[i]) : "", grouped ? grouping.group(labels[i]).name : ""});
  }
}

void write_collective_needs_csv(std::ostream& out, const Grouping& grouping) {
  write_csv_row(out, {"id", "name", "named_by_animator", "statements", "firms", "supporting_firms", "firm_ids",
                      "top_terms", "theme", "sample_texts"});
  for (const auto& group : grouping.groups) {
    const auto firms = group.supporting_firms();
    write_csv_row(out, {std::to_string(group.id), group.name, group.named_by_animator ? "true" : "false",
                        std::to_string(group.need_ids.size()), std::to_string(group.firms.size()),
                        std::to_string(firms.size()), joined(firms), joined(group.top_terms), group.theme,
                        joined(group.sample_texts)});
  }
}

void write_topics_csv(std::ostream& out, const std::vector<Topic>& topics) {
  write_csv_row(out, {"id", "title", "stage", "status", "created", "initiator_kind", "initiator", "leader_kind", "leader",
                      "collective_need_id", "supports", "working_group", "proposals", "meetings", "method", "actions",
                      "progress", "last_activity", "outcome_date", "outcome_reason"});
  for (const auto& t : topics) {
    write_csv_row(out, {t.id, t.title, std::string(stage_name(t.stage)), std::string(status_name(t.status)),
                        format_date(t.created), std::string(actor_kind_name(t.initiator.kind)), t.initiator.id,
                        std::string(actor_kind_name(t.leader().kind)), t.leader().id,
                        t.collective_need_id ? std::to_string(*t.collective_need_id) : "",
                        std::to_string(t.supports.size()), joined(t.working_group), std::to_string(t.proposals.size()),
                        std::to_string(t.meetings.size()), t.method ? t.method->description : "",
                        std::to_string(t.actions.size()), number(t.progress()), format_date(t.last_activity),
                        t.outcome ? format_date(t.outcome->date) : "", t.outcome ? t.outcome->reason : ""});
  }
}

void write_actions_csv(std::ostream& out, const std::vector<Topic>& topics) {
  write_csv_row(out, {"topic_id", "action_id", "title", "owner_firm", "due", "status", "progress", "outcome", "updated"});
  for (const auto& t : topics)
    for (const auto& a : t.actions)
      write_csv_row(out, {t.id, std::to_string(a.id), a.title, a.owner_firm, format_date(a.due),
                          std::string(action_status_name(a.status)), std::to_string(a.progress), a.outcome,
                          format_date(a.updated)});
}

void write_indicators_csv(std::ostream& out, const std::vector<IndicatorPoint>& series) {
  write_csv_row(out, {"date", "members", "joined", "left", "retention", "ties", "density", "mean_degree", "main_core_k",
                      "main_core_size", "max_betweenness", "active_topics", "topics_started_in_year",
                      "member_led_topics_in_year", "autonomy_index"});
  for (const auto& p : series)
    write_csv_row(out, {format_date(p.date), std::to_string(p.members), std::to_string(p.joined), std::to_string(p.left),
                        optional_number(p.retention), std::to_string(p.ties), number(p.density), number(p.mean_degree),
                        std::to_string(p.main_core_k), std::to_string(p.main_core_size), number(p.max_betweenness),
                        std::to_string(p.active_topics), std::to_string(p.topics_started_in_year),
                        std::to_string(p.member_led_topics_in_year), optional_number(p.autonomy_index)});
}

}  // namespace grappe::animation
