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
    const auto history = s.animation->history(ctx.id(1));
    const auto day = query_date(ctx, "date").value_or(animation::today());
    std::map<std::string, std::string> names;
    for (const auto& m : s.initiatives->members(ctx.id(1))) names[std::to_string(m.id)] = m.firm.name;
    json nodes = json::array(), edges = json::array();
    std::vector<int> cores;
    for (const auto& f : animation::firm_centralities(history, day)) {
      nodes.push_back({{"id", f.firm},
                       {"name", names[f.firm]},
                       {"core", f.core_number},
                       {"degree", f.degree},
                       {"betweenness", f.betweenness}});
      cores.push_back(f.core_number);
    }
    for (const auto& e : animation::cooperation_edges(history, day))
      edges.push_back({{"source", e.firm_a}, {"target", e.firm_b}, {"kind", e.kind}});
    const auto core = animation::main_core(cores);
    return json{{"date", day},
                {"nodes", nodes},
                {"edges", edges},
                {"density", animation::density(animation::cooperation_network(history, day))},
                {"main_core", {{"k", core.k}, {"size", core.size}}}};
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
