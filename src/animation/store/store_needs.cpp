// Need statements, their grouping into collective needs, and the animator's edits.
#include <algorithm>
#include <cstdio>
#include <set>

#include "grappe/animation/survey_import.hpp"
#include "grappe/animation/topic_json.hpp"
#include "grappe/workspace/survey_json.hpp"
#include "store_internal.hpp"

namespace grappe::animation {

namespace {

void insert_need(Transaction& tx, std::int64_t initiative, const NeedStatement& need,
                 const std::string& source) {
  tx.execute(
      "INSERT INTO animation_needs (initiative_id, need_key, member_id, theme, text, language, source, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (initiative_id, need_key) DO NOTHING",
      {initiative, need.id, std::stoll(need.firm), need.theme, need.text,
       need.language ? workspace::Value(std::string(language_code(*need.language)))
                     : workspace::Value(nullptr),
       source, workspace::now_iso8601()});
}

// The caller holds lock_grouping(), taken before it inserted the arriving statements.
void place_arrivals(Transaction& tx, std::int64_t initiative);

void log_absorb_failure(const workspace::Surveys::SavedResponse& saved, const std::exception& e) {
  std::fprintf(stderr, "grappe: the needs of response %lld (survey %lld) were not imported: %s\n",
               static_cast<long long>(saved.response_id), static_cast<long long>(saved.survey_id), e.what());
}

}  // namespace

Needs AnimationStore::needs(std::int64_t initiative) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    return Needs{load_needs(tx, initiative), load_grouping(tx, initiative)};
  });
}

NeedStatement AnimationStore::add_need(const Caller& caller, std::int64_t initiative,
                                       const NeedRequest& request) {
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    NeedStatement need{"", "", request.theme, request.text, request.language};
    need.firm = acting_member(tx, initiative, request.member_id, "member_id", caller);
    // A random key: two members stating needs at once never collide (survey keys are "s…-r…-n").
    need.id = "m-" + workspace::random_token(6);
    lock_grouping(tx, initiative);
    insert_need(tx, initiative, need, "member");
    place_arrivals(tx, initiative);
    workspace::audit(tx, caller.actor, "need.add", "initiative:" + std::to_string(initiative), need.id);
    return need;
  });
}

namespace {

// The statements among `statements` (cut from the answers of one response, or of a whole
// survey) whose keys ("s<survey>-r<response>-<n>") are not stored yet, found in one query (one
// per statement was most of a submission's round trips to PostgreSQL). A response's few keys
// are looked up exactly, through the (initiative_id, need_key) index; a whole survey's by
// prefix (keys hold no LIKE wildcard), which reads the initiative's needs once.
std::vector<NeedStatement> new_statements(Transaction& tx, std::int64_t initiative,
                                          const std::string& key_prefix,
                                          std::vector<NeedStatement> statements) {
  if (statements.empty()) return statements;
  constexpr std::size_t exact_lookup_limit = 64;  // bound on the statement's parameters
  std::string sql = "SELECT need_key FROM animation_needs WHERE initiative_id = ? AND need_key ";
  workspace::Params params;
  params.reserve(statements.size() + 1);
  params.emplace_back(initiative);
  if (statements.size() <= exact_lookup_limit) {
    sql += "IN (?";
    for (std::size_t i = 1; i < statements.size(); ++i) sql += ",?";
    sql += ")";
    for (const auto& need : statements) params.emplace_back(need.id);
  } else {
    sql += "LIKE ?";
    params.emplace_back(key_prefix + "%");
  }
  std::set<std::string> known;
  for (const auto& row : tx.query(sql, params)) known.insert(row.text("need_key"));
  std::erase_if(statements, [&](const NeedStatement& need) { return known.count(need.id) > 0; });
  return statements;
}

SurveyAnswer survey_answer(std::int64_t survey, std::int64_t response, std::int64_t member,
                           const std::string& language, json answers, const std::string& submitted_at) {
  SurveyAnswer answer{"s" + std::to_string(survey) + "-r" + std::to_string(response), std::to_string(member),
                      std::nullopt, std::move(answers), parse_date(submitted_at.substr(0, 10))};
  if (language == "fr" || language == "en") answer.language = parse_language(language);
  return answer;
}

// Imports the need answers of a survey into the initiative's statements (idempotent).
NeedsImport import_answers(Transaction& tx, std::int64_t initiative, std::int64_t survey) {
  std::vector<SurveyAnswer> answers;
  for (const auto& row :
       tx.query("SELECT id, member_id, language, answers, submitted_at FROM responses WHERE "
                "survey_id = ? AND member_id IS NOT NULL ORDER BY id",
                {survey}))
    answers.push_back(survey_answer(survey, row.integer("id"), row.integer("member_id"), row.text("language"),
                                    json::parse(row.text("answers"), nullptr, false),
                                    row.text("submitted_at")));
  auto statements = import_survey_answers(answers).needs;
  const auto count = statements.size();
  const auto fresh =
      new_statements(tx, initiative, "s" + std::to_string(survey) + "-r", std::move(statements));
  for (const auto& need : fresh) insert_need(tx, initiative, need, "survey");
  return {answers.size(), count, fresh.size()};
}

// Keeps the grouping complete as statements arrive: new statements join the closest group
// (the animator's merges, splits and names are kept); with no grouping yet, all are grouped.
// Only the statements not analysed before are analysed again (NeedAnalyser); the grouping is
// read and written under the initiative's lock so that concurrent arrivals (PostgreSQL) each
// see the others' statements and none overwrites another's placement. The callers take the
// lock before inserting the statements, so statements are numbered (animation_needs.id, the
// corpus order) in the order they are placed: a group's statements are only ever appended
// (concurrent inserts numbered before the lock made each placement shift the ordinals of the
// statements placed meanwhile, ~9 rows rewritten per first answer on PostgreSQL at 50 connections).
void place_arrivals(Transaction& tx, std::int64_t initiative) {
  const auto needs = load_needs(tx, initiative);
  if (needs.empty()) return;
  const auto grouping = load_grouping(tx, initiative, needs);
  GroupingOptions options;
  options.threshold = grouping ? stored_threshold(tx, initiative) : options.threshold;
  const auto corpus = shared_analyser().analyse(needs);
  save_grouping(tx, initiative, grouping,
                grouping ? place_new_needs(*grouping, corpus, options) : group_needs(corpus, options),
                options.threshold);
}

}  // namespace

NeedsImport AnimationStore::import_survey(const Caller& caller, std::int64_t initiative,
                                          std::int64_t survey) {
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    if (!tx.query_one(
            "SELECT s.id FROM surveys s JOIN components c ON c.id = s.component_id WHERE s.id = ? AND "
            "c.initiative_id = ?",
            {survey, initiative}))
      workspace::fail_not_found("survey " + std::to_string(survey) + " of initiative " +
                                std::to_string(initiative));
    lock_grouping(tx, initiative);
    const NeedsImport out = import_answers(tx, initiative, survey);
    workspace::audit(tx, caller.actor, "needs.import", "survey:" + std::to_string(survey),
                     std::to_string(out.added));
    place_arrivals(tx, initiative);
    return out;
  });
}

void AnimationStore::absorb_response(Transaction& tx, const workspace::Surveys::SavedResponse& saved) {
  std::vector<SurveyAnswer> answers;
  std::vector<NeedStatement> statements;
  try {  // the library's part: nothing written yet
    answers.push_back(survey_answer(saved.survey_id, saved.response_id, saved.member_id, saved.language,
                                    workspace::answers_json(saved.answers), saved.submitted_at));
    statements = import_survey_answers(answers).needs;
  } catch (const std::exception& e) {
    return log_absorb_failure(saved, e);
  }
  const auto fresh =
      new_statements(tx, saved.initiative_id, answers.front().response_id + "-", std::move(statements));
  // A replaced answer whose statements are already imported writes nothing (no audit row
  // either): the answer itself is audited by the survey.
  if (fresh.empty()) return;
  // A failure to place the statements must not refuse the answer (the animator can still
  // import the survey by hand): they are written under a savepoint, taken only when needed.
  tx.execute("SAVEPOINT absorb_response");
  try {
    lock_grouping(tx, saved.initiative_id);
    for (const auto& need : fresh) insert_need(tx, saved.initiative_id, need, "survey");
    workspace::audit(tx, workspace::Actor{std::nullopt, "survey-link"}, "needs.import",
                     "survey:" + std::to_string(saved.survey_id), std::to_string(fresh.size()));
    place_arrivals(tx, saved.initiative_id);
    tx.execute("RELEASE SAVEPOINT absorb_response");
  } catch (const workspace::TransactionConflict&) {
    throw;  // another transaction held the lock: the answer is run again (write_grouped)
  } catch (const std::exception& e) {
    tx.execute("ROLLBACK TO SAVEPOINT absorb_response");
    log_absorb_failure(saved, e);
  }
}

Grouping AnimationStore::regroup(const Caller& caller, std::int64_t initiative,
                                 std::optional<double> threshold) {
  require_animator(caller);
  GroupingOptions options;
  options.threshold = threshold.value_or(options.threshold);
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    lock_grouping(tx, initiative);
    const Grouping grouping = group_needs(shared_analyser().analyse(load_needs(tx, initiative)), options);
    save_grouping(tx, initiative, std::nullopt, grouping, options.threshold);  // all rows again
    workspace::audit(tx, caller.actor, "needs.group", "initiative:" + std::to_string(initiative),
                     std::to_string(grouping.groups.size()) + " groups");
    return grouping;
  });
}

Grouping AnimationStore::edit_group(const Caller& caller, std::int64_t initiative, std::int64_t group_id,
                                    const GroupEdit& edit) {
  const std::string& op = edit.op;
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    lock_grouping(tx, initiative);
    const auto before = load_grouping(tx, initiative);
    auto grouping = before;
    if (!grouping)
      workspace::fail_conflict("the needs of this initiative are not grouped yet", "not_grouped");
    const int group = static_cast<int>(group_id);
    if (std::none_of(grouping->groups.begin(), grouping->groups.end(),
                     [&](const auto& g) { return g.id == group; }))
      workspace::fail_not_found("collective need " + std::to_string(group_id));
    GroupingOptions options;
    options.threshold = stored_threshold(tx, initiative);
    const auto corpus = shared_analyser().analyse(load_needs(tx, initiative));
    if (op == "support") {
      grouping =
          support_group(*grouping, group, acting_member(tx, initiative, edit.member_id, "member_id", caller));
    } else {
      require_animator(caller);
      grouping = op == "merge"    ? merge_groups(*grouping, corpus, group, edit.with, options)
                 : op == "rename" ? rename_group(*grouping, group, edit.name)
                 : op == "move"   ? move_need(*grouping, corpus, edit.need_id, group, options)
                                  : split_group(*grouping, corpus, group, edit.need_ids, options);
    }
    save_grouping(tx, initiative, before, *grouping, options.threshold);
    workspace::audit(tx, caller.actor, "needs." + op, "collective_need:" + std::to_string(group_id));
    return *grouping;
  });
}

Topic AnimationStore::topic_from_group(const Caller& caller, std::int64_t initiative, std::int64_t group_id,
                                       const TopicRequest& request) {
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto grouping = load_grouping(tx, initiative);
    if (!grouping)
      workspace::fail_conflict("the needs of this initiative are not grouped yet", "not_grouped");
    const Actor initiator = acting_party(tx, initiative, request.member_id, caller);
    Topic topic = topic_from_collective_need(grouping->group(static_cast<int>(group_id)), "new", initiator,
                                             request.date.value_or(today()),
                                             static_cast<int>(request.required_commitments.value_or(3)));
    insert_topic(tx, initiative, topic);
    workspace::audit(tx, caller.actor, "topic.create", "topic:" + topic.id,
                     "from collective need " + std::to_string(group_id));
    return topic;
  });
}

}  // namespace grappe::animation
