// Analyses for the web app (docs/api.md, "Analyses"): a candidate's K-density with its
// envelopes and its lineage, an initiative's cooperation network, and simulations.
#include <algorithm>

#include "grappe/workspace/errors.hpp"
#include "server_impl.hpp"

namespace grappe::server {

using nlohmann::json;

namespace {

const Candidate& candidate_at(const ApiServer::Impl& s, Context& ctx) {
  const std::int64_t index = ctx.id(1);
  if (index >= static_cast<std::int64_t>(s.candidates.size()))
    workspace::fail_not_found("candidate " + std::to_string(index));
  return s.candidates[static_cast<std::size_t>(index)];
}

// 404 with its own code: the web app shows "not available" for a server started without a register.
[[noreturn]] void no_register(const std::string& what) {
  throw Error(ErrorKind::not_found, "no_register",
              what + " needs a register: start the server with --register R");
}

}  // namespace

void add_analysis_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/candidates/{index}/kd", Access::observer, [&s](Context& ctx) -> Reply {
    const Candidate& candidate = candidate_at(s, ctx);
    if (!s.kd) no_register("the K-density");
    json out = s.kd->curve(candidate);
    out["index"] = ctx.id(1);
    return out;
  });

  r.add("GET", "/api/v1/candidates/{index}/lineage", Access::observer, [&s](Context& ctx) -> Reply {
    const Candidate& candidate = candidate_at(s, ctx);
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
    const auto network = s.animation->network(ctx.id(1), query_date(ctx, "date"));
    json nodes = json::array(), edges = json::array();
    for (const auto& n : network.nodes)
      nodes.push_back({{"id", n.id},
                       {"name", n.name},
                       {"core", n.core},
                       {"degree", n.degree},
                       {"betweenness", n.betweenness}});
    for (const auto& e : network.edges)
      edges.push_back({{"source", e.firm_a}, {"target", e.firm_b}, {"kind", e.kind}});
    return json{{"date", network.date},
                {"nodes", nodes},
                {"edges", edges},
                {"density", network.density},
                {"main_core", {{"k", network.main_core.k}, {"size", network.main_core.size}}}};
  });

  // A simulation is a computation, not a change of the workspace: observers may run one too.
  r.add("POST", "/api/v1/simulations", Access::observer, [&s](Context& ctx) -> Reply {
    const json body = ctx.req.body.empty() ? json::object() : ctx.body();
    auto members = [&s](std::int64_t id) { return s.initiatives->members(id); };
    return run_simulation(
        body, s.candidates, members,
        {.max_replications = s.options.max_replications, .max_work = s.options.max_simulation_work}, *s.gate,
        [&ctx] { return ctx.req.client_gone(); });
  });
}

}  // namespace grappe::server
