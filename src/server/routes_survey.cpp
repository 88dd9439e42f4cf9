// Survey administration (session) and the public survey (personal link token).
#include "grappe/workspace/errors.hpp"
#include "initiatives_json.hpp"
#include "server_impl.hpp"
#include "surveys_json.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

// Public survey requests: a budget per token, and a budget of unknown tokens per client so
// that guessing links is slow (on top of the 2^128 search space).
std::string checked_token(Context& ctx, ApiServer::Impl& s) {
  std::string token = ctx.path_text(1);
  if (!s.misses_per_client.has(ctx.req.remote_addr))
    throw Error(ErrorKind::too_many, "rate_limited",
                "too many unknown survey links from this address: wait a minute");
  if (!s.per_token->take(token))
    throw Error(ErrorKind::too_many, "rate_limited",
                "too many requests on this survey link: wait a few seconds");
  return token;
}

template <class F>
Reply by_token(Context& ctx, ApiServer::Impl& s, F&& f) {
  std::string token = checked_token(ctx, s);
  try {
    return f(token);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::not_found) s.misses_per_client.take(ctx.req.remote_addr);
    throw;
  }
}

}  // namespace

void add_survey_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/initiatives/{id}/surveys", Access::observer, [&s](Context& ctx) -> Reply {
    return items_json(s.surveys->list(ctx.id(1)),
                      [](const auto& survey) { return survey_json(survey, false); });
  });
  r.add("POST", "/api/v1/initiatives/{id}/surveys", Access::animator, [&s](Context& ctx) -> Reply {
    json body = ctx.req.body.empty() ? json::object() : ctx.body();
    return Reply(201, survey_json(s.surveys->create(ctx.actor, ctx.id(1), new_survey_from(body))));
  });
  r.add("GET", "/api/v1/surveys/{id}", Access::observer,
        [&s](Context& ctx) -> Reply { return survey_json(s.surveys->get(ctx.id(1))); });
  r.add("PATCH", "/api/v1/surveys/{id}", Access::animator, [&s](Context& ctx) -> Reply {
    return survey_json(s.surveys->update(ctx.actor, ctx.id(1), survey_patch_from(ctx.body())));
  });
  r.add("PUT", "/api/v1/surveys/{id}/questions", Access::animator, [&s](Context& ctx) -> Reply {
    json body = ctx.body();
    const json& questions = body.is_object() && body.contains("questions") ? body["questions"] : body;
    return survey_json(s.surveys->set_questions(ctx.actor, ctx.id(1), questions_from(questions)));
  });
  r.add("POST", "/api/v1/surveys/{id}/open", Access::animator, [&s](Context& ctx) -> Reply {
    return survey_json(s.surveys->set_status(ctx.actor, ctx.id(1), "open"));
  });
  r.add("POST", "/api/v1/surveys/{id}/close", Access::animator, [&s](Context& ctx) -> Reply {
    return survey_json(s.surveys->set_status(ctx.actor, ctx.id(1), "closed"));
  });
  r.add("POST", "/api/v1/surveys/{id}/invitations", Access::animator, [&s](Context& ctx) -> Reply {
    return Reply(201, invitations_json(s.surveys->create_invitations(ctx.actor, ctx.id(1))));
  });
  r.add("GET", "/api/v1/surveys/{id}/invitations", Access::animator,
        [&s](Context& ctx) -> Reply { return invitations_json(s.surveys->invitations(ctx.id(1))); });
  r.add("GET", "/api/v1/surveys/{id}/mail-merge.csv", Access::animator, [&s](Context& ctx) -> Reply {
    bool pending = ctx.query("pending") == "1" || ctx.query("pending") == "true";
    std::string id = std::to_string(ctx.id(1));
    return Reply::file(s.surveys->mail_merge_csv(ctx.actor, ctx.id(1), s.public_url(), pending, ""),
                       "text/csv; charset=utf-8", "survey-" + id + "-mail-merge.csv");
  });
  // Same CSV, and the exported rows are stamped invited_at or reminded_at (?mark=…).
  r.add("POST", "/api/v1/surveys/{id}/mail-merge", Access::animator, [&s](Context& ctx) -> Reply {
    std::string mark = ctx.query("mark", "invited");
    bool pending = mark == "reminded" || ctx.query("pending") == "1";
    std::string id = std::to_string(ctx.id(1));
    return Reply::file(s.surveys->mail_merge_csv(ctx.actor, ctx.id(1), s.public_url(), pending, mark),
                       "text/csv; charset=utf-8", "survey-" + id + "-" + mark + ".csv");
  });
  r.add("GET", "/api/v1/surveys/{id}/results", Access::observer, [&s](Context& ctx) -> Reply {
    // Free-text answers may name people: only animators and admins see them.
    return results_json(s.surveys->results(ctx.id(1), ctx.at_least(Access::animator)));
  });
  r.add("GET", "/api/v1/surveys/{id}/export.json", Access::animator,
        [&s](Context& ctx) -> Reply { return export_json(s.surveys->export_responses(ctx.id(1))); });
  r.add("GET", "/api/v1/surveys/{id}/export.csv", Access::animator, [&s](Context& ctx) -> Reply {
    return Reply::file(s.surveys->export_csv(ctx.id(1)), "text/csv; charset=utf-8",
                       "survey-" + std::to_string(ctx.id(1)) + "-responses.csv");
  });
  r.add("POST", "/api/v1/surveys/{id}/anonymise", Access::animator, [&s](Context& ctx) -> Reply {
    return json{{"survey_id", ctx.id(1)},
                {"anonymised", true},
                {"responses_unlinked", s.surveys->anonymise(ctx.actor, ctx.id(1))}};
  });

  r.add("GET", "/api/v1/survey/{token}", Access::token, [&s](Context& ctx) -> Reply {
    return by_token(ctx, s,
                    [&](const std::string& token) -> Reply { return form_json(s.surveys->form(token)); });
  });
  r.add("PUT", "/api/v1/survey/{token}", Access::token, [&s](Context& ctx) -> Reply {
    return by_token(ctx, s, [&](const std::string& token) -> Reply {
      // The answer's needs join the initiative's collective needs in the same transaction
      // (the survey store's response_saved follower, server.cpp).
      return submitted_json(s.surveys->submit(token, submission_from(ctx.body())));
    });
  });
  r.add("GET", "/api/v1/survey/{token}/data", Access::token, [&s](Context& ctx) -> Reply {
    return by_token(ctx, s, [&](const std::string& token) -> Reply {
      return respondent_data_json(s.surveys->token_data(token));
    });
  });
  r.add("DELETE", "/api/v1/survey/{token}", Access::token, [&s](Context& ctx) -> Reply {
    return by_token(ctx, s, [&](const std::string& token) -> Reply {
      s.surveys->erase_by_token(token);
      return Reply(204, nullptr);
    });
  });
}

}  // namespace grappe::server
