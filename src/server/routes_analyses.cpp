// Analyses for the web app (docs/api.md, "Analyses"): a candidate's K-density with its
// envelopes and its lineage, an initiative's cooperation network, and simulations.
#include <algorithm>

#include "grappe/workspace/errors.hpp"
#include "server_impl.hpp"

namespace grappe::server {

using nlohmann::json;

namespace {

const json& candidate_at(const ApiServer::Impl& s, Context& ctx) {
  const std::int64_t index = ctx.id(1);
  if (index >= static_cast<std::int64_t>(s.candidates.size()))
    workspace::fail_not_found("candidate " + std::to_string(index));
  return s.candidates[static_cast<std::size_t>(index)];
}

// 404 with its own code: the web app shows "not available" for a server started without a register.
[[noreturn]] void no_register(const std::string& what) {
  throw workspace::WorkspaceError(workspace::ErrorKind::not_found, "no_register",
                                  what + " needs a register: start the server with --register R");
}

}  // namespace

std::vector<std::uint32_t> member_sirens(const json& candidate) {
  std::vector<std::uint32_t> sirens;
  for (const auto& m : candidate.value("members", json::array())) {
    if (!m.is_object() || !m.contains("siret")) continue;
    const json& siret = m["siret"];
    std::string text = siret.is_string()            ? siret.get<std::string>()
                       : siret.is_number_unsigned() ? std::to_string(siret.get<std::uint64_t>())
                                                    : "";
    if (text.size() == 13) text = "0" + text;  // numeric sirets lose their leading zero
    if (text.size() != 14 || text.find_first_not_of("0123456789") != std::string::npos) continue;
    sirens.push_back(static_cast<std::uint32_t>(std::stoul(text.substr(0, 9))));
  }
  std::sort(sirens.begin(), sirens.end());
  sirens.erase(std::unique(sirens.begin(), sirens.end()), sirens.end());
  return sirens;
}

void add_analysis_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/candidates/{index}/kd", Access::observer, [&s](Context& ctx) -> Reply {
    const json& candidate = candidate_at(s, ctx);
    if (!s.kd) no_register("the K-density");
    json out = s.kd->curve(candidate);
    out["index"] = ctx.id(1);
    return out;
  });

  r.add("GET", "/api/v1/candidates/{index}/lineage", Access::observer, [&s](Context& ctx) -> Reply {
    const json& candidate = candidate_at(s, ctx);
    if (!s.lineage) no_register("the lineage");
    lineage::LineageOptions options;
    options.max_ancestors = static_cast<std::size_t>(ctx.query_integer("top", 20, 1, 200));
    json out = s.lineage->json(member_sirens(candidate), options);
    out["index"] = ctx.id(1);
    out["founders"] = !s.options.founders_path.empty();
    return out;
  });

  r.add("GET", "/api/v1/initiatives/{id}/network", Access::member, [&s](Context& ctx) -> Reply {
    readable_initiative(ctx, *s.animation, ctx.id(1));
    return s.animation->network(ctx.id(1), ctx.query("date"));
  });

  // A simulation is a computation, not a change of the workspace: observers may run one too.
  r.add("POST", "/api/v1/simulations", Access::observer, [&s](Context& ctx) -> Reply {
    const json body = ctx.req.body.empty() ? json::object() : ctx.body();
    auto members = [&s](std::int64_t id) { return s.initiatives->members(id); };
    return run_simulation(
        body, s.candidates, members,
        {.max_replications = s.options.max_replications, .max_work = s.options.max_simulation_work}, *s.gate);
  });
}

}  // namespace grappe::server
