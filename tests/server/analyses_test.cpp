// The analyses the web app draws (issues 5 and 8): a candidate's K-density with its envelopes
// (equal to `grappe kd` for the same seed), its lineage (the demo pioneer ranked first), an
// initiative's cooperation network, and simulations (equal to `grappe simulate`), with hostile
// input refused by a 4xx naming the field. On a demo register made by the grappe binary.
#include "../../src/server/analyses.hpp"

#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "../cli_support.hpp"
#include "../thrown.hpp"
#include "api_harness.hpp"
#include "grappe/common/csv.hpp"
#include "grappe/workspace/errors.hpp"

namespace grappe::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void run(const std::string& args) { ASSERT_EQ(run_grappe(args + " > /dev/null 2>&1").status, 0) << args; }

// `grappe kd` CSV: r,kd,lo_local,hi_local,lo_global,hi_global,… → columns by name.
std::map<std::string, std::vector<double>> read_curve_csv(const fs::path& path) {
  std::ifstream in(path);
  const CsvTable table = read_csv(in, path.string());
  std::map<std::string, std::vector<double>> columns;
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i < row.size(); ++i) columns[table.header[i]].push_back(std::stod(row[i]));
  return columns;
}

// A demo register (5,000 establishments), its scan of the shop-fitting trade and founders file.
class DemoAnalyses : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("grappe_server_analyses_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    ASSERT_EQ(make_demo_scan(*dir_), "");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static server::ServerOptions options(bool founders = true) {
    server::ServerOptions o;
    o.register_path = (*dir_ / "register.grappe").string();
    o.candidates_path = (*dir_ / "candidates.json").string();
    if (founders) o.founders_path = (*dir_ / "sirene" / "founders.csv").string();
    o.salt_file = (*dir_ / "person.salt").string();
    o.kd_simulations = 19;
    o.kd_seed = 7;
    return o;
  }
  static inline fs::path* dir_ = nullptr;
};

TEST_F(DemoAnalyses, KdOfTheCandidatesTradeEqualsGrappeKdWithTheSameSeed) {
  ApiHarness harness("sqlite", options());
  auto observer = harness.client("observer");
  auto kd = observer->get("/api/v1/candidates/0/kd");
  ASSERT_EQ(kd.status, 200) << kd.raw;
  EXPECT_EQ(kd.body["group"]["code"], "shop-fitting");
  EXPECT_EQ(kd.body["simulations"], 19);
  EXPECT_TRUE(kd.body["localised"]);  // the planted Romorantin cluster
  EXPECT_GT(kd.body["gamma"].get<double>(), 0);

  run("kd --register " + (*dir_ / "register.grappe").string() +
      " --trade shop-fitting --simulations 19 --seed 7 --out " + (*dir_ / "kd.csv").string());
  auto cli = read_curve_csv(*dir_ / "kd.csv");
  const std::vector<std::pair<std::string, std::string>> same = {{"r", "r"},
                                                                 {"kd", "kd"},
                                                                 {"lower", "lo_local"},
                                                                 {"upper", "hi_local"},
                                                                 {"global_lower", "lo_global"},
                                                                 {"global_upper", "hi_global"}};
  for (const auto& [api, csv] : same) {
    const auto values = kd.body[api].get<std::vector<double>>();
    ASSERT_EQ(values.size(), cli[csv].size()) << api;
    ASSERT_EQ(values.size(), 181u) << api;  // 0 to 180 km by 1 km
    for (std::size_t i = 0; i < values.size(); ++i)
      EXPECT_NEAR(values[i], cli[csv][i], 1e-10 * std::max(1.0, std::abs(cli[csv][i]))) << api << " at " << i;
  }
  const auto lower = kd.body["lower"].get<std::vector<double>>(),
             upper = kd.body["upper"].get<std::vector<double>>();
  const auto glo = kd.body["global_lower"].get<std::vector<double>>(),
             ghi = kd.body["global_upper"].get<std::vector<double>>();
  for (std::size_t i = 0; i < lower.size(); ++i) {
    EXPECT_LE(lower[i], upper[i]) << i;
    EXPECT_LE(glo[i], ghi[i]) << i;
  }
  // Cached: the same curve again, and a burst of requests all get it.
  // Logged in one after another: the login throttle reserves its checks before hashing, so six
  // logins at once from one address would be refused (docs/api.md); the burst is of kd requests.
  std::vector<std::thread> burst;
  std::vector<Response> answers(6);
  std::vector<decltype(harness.client("observer"))> clients;
  for (std::size_t i = 0; i < answers.size(); ++i) clients.push_back(harness.client("observer"));
  for (std::size_t i = 0; i < answers.size(); ++i)
    burst.emplace_back([&, i] { answers[i] = clients[i]->get("/api/v1/candidates/0/kd"); });
  for (auto& t : burst) t.join();
  for (const auto& a : answers) EXPECT_EQ(a.body, kd.body);
}

TEST_F(DemoAnalyses, LineageRanksTheDemoPioneerFirstAndNamesNoPerson) {
  ApiHarness harness("sqlite", options());
  auto observer = harness.client("observer");
  auto lineage = observer->get("/api/v1/candidates/0/lineage");
  ASSERT_EQ(lineage.status, 200) << lineage.raw;
  const json truth = read_json(*dir_ / "sirene" / "truth.json");
  const json& shop = truth["clusters"][0];
  ASSERT_EQ(shop["id"], "shop-fitting-romorantin");
  const json& pioneer = lineage.body["ancestors"][0];
  EXPECT_EQ(pioneer["siren"], shop["root_siren"]);
  EXPECT_EQ(pioneer["name"].get<std::string>().rfind("CHAUDRONNERIE", 0), 0u) << pioneer;
  EXPECT_EQ(pioneer["created"].get<std::string>().substr(0, 3), "196");
  const auto members = lineage.body["members"].size();
  EXPECT_GE(members, 20u);  // the trade's keywords find the named ~60% of the planted firms
  EXPECT_GE(pioneer["descendants"].get<std::size_t>() + 5, members);
  bool founder_edge = false;
  for (const auto& e : lineage.body["edges"]) founder_edge |= e["source"] == "founder";
  EXPECT_TRUE(founder_edge) << "the founders file gives spin-off edges";
  EXPECT_NE(lineage.body["summary"].get<std::string>().find(shop["root_siren"].get<std::string>()),
            std::string::npos);

  // Persons never appear: no person id of the founders file is in the answer.
  std::ifstream founders(*dir_ / "sirene" / "founders.csv");
  std::string line;
  std::getline(founders, line);
  std::size_t checked = 0;
  while (std::getline(founders, line) && checked < 2000) {
    const auto a = line.find(','), b = line.find(',', a + 1);
    const std::string person = line.substr(a + 1, b - a - 1);
    if (person.size() < 8) continue;
    EXPECT_EQ(lineage.raw.find(person), std::string::npos) << person;
    ++checked;
  }
  EXPECT_GT(checked, 100u);

  // ?top bounds the ancestors listed; hostile values get a 400.
  EXPECT_EQ(observer->get("/api/v1/candidates/0/lineage?top=1").body["ancestors"].size(), 1u);
  EXPECT_EQ(observer->get("/api/v1/candidates/0/lineage?top=-1").status, 400);
  EXPECT_EQ(observer->get("/api/v1/candidates/0/lineage?top=99999999999999").status, 400);
}

TEST_F(DemoAnalyses, WithoutFoundersTheLineageHasTransfersOnly) {
  ApiHarness harness("sqlite", options(false));
  auto lineage = harness.client("animator")->get("/api/v1/candidates/0/lineage");
  ASSERT_EQ(lineage.status, 200) << lineage.raw;
  EXPECT_FALSE(lineage.body["founders"]);
  for (const auto& e : lineage.body["edges"]) EXPECT_EQ(e["source"], "succession");
}

TEST(Analyses, WithoutARegisterKdAndLineageAreNotAvailableAndUnknownCandidatesAre404) {
  ApiHarness harness("sqlite");
  auto observer = harness.client("observer");
  for (const std::string what : {"kd", "lineage"}) {
    auto r = observer->get("/api/v1/candidates/0/" + what);
    EXPECT_EQ(r.status, 404) << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "no_register");
    auto unknown = observer->get("/api/v1/candidates/7/" + what);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.body["error"]["code"], "not_found");
    EXPECT_EQ(observer->get("/api/v1/candidates/99999999999999999999/" + what).status, 404);
    EXPECT_EQ(observer->get("/api/v1/candidates/-1/" + what).status, 404);
  }
}

class NetworkTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NetworkTest, LinksTheFirmsASurveyAnswerNames) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto animator = harness.client("animator");
  const json invitations = open_survey(*animator);
  auto members = animator->get("/api/v1/initiatives/1/members").body["items"];
  const std::int64_t a = invitations[0]["member_id"], b = members[4]["id"], c = members[7]["id"];
  ASSERT_NE(a, b);
  ASSERT_NE(a, c);
  Client respondent(harness.port());
  auto put =
      respondent.put("/api/v1/survey/" + invitations[0]["token"].get<std::string>(),
                     {{"answers", {{"interest", "yes"}, {"consent", "yes"}, {"known_members", {b, c}}}}});
  ASSERT_EQ(put.status, 200) << put.raw;

  auto network = harness.client("observer")->get("/api/v1/initiatives/1/network");
  ASSERT_EQ(network.status, 200) << network.raw;
  EXPECT_EQ(network.body["nodes"].size(), members.size());
  ASSERT_EQ(network.body["edges"].size(), 2u);
  std::set<std::pair<std::string, std::string>> edges;
  for (const auto& e : network.body["edges"]) {
    EXPECT_EQ(e["kind"], "survey");
    edges.insert({e["source"].get<std::string>(), e["target"].get<std::string>()});
  }
  auto pair = [](std::int64_t x, std::int64_t y) {
    auto p = std::minmax(std::to_string(x), std::to_string(y));
    return std::pair<std::string, std::string>(p.first, p.second);
  };
  EXPECT_TRUE(edges.count(pair(a, b)));
  EXPECT_TRUE(edges.count(pair(a, c)));
  for (const auto& n : network.body["nodes"]) {
    EXPECT_FALSE(n["name"].get<std::string>().empty());
    EXPECT_EQ(n["degree"], n["id"] == std::to_string(a)                                     ? 2
                           : (n["id"] == std::to_string(b) || n["id"] == std::to_string(c)) ? 1
                                                                                            : 0);
  }
  EXPECT_EQ(network.body["main_core"]["k"], 1);
  EXPECT_EQ(network.body["main_core"]["size"], 3);
  const double n = static_cast<double>(members.size());
  EXPECT_DOUBLE_EQ(network.body["density"].get<double>(), 2 * 2 / (n * (n - 1)));
  EXPECT_EQ(network.body["date"].get<std::string>().size(), 10u);  // today, YYYY-MM-DD
  // Before anyone joined: nobody; a bad date or an unknown initiative: 400 / 404.
  EXPECT_EQ(
      harness.client("observer")->get("/api/v1/initiatives/1/network?date=2000-01-01").body["nodes"].size(),
      0u);
  EXPECT_EQ(animator->get("/api/v1/initiatives/1/network?date=yesterday").status, 400);
  EXPECT_EQ(animator->get("/api/v1/initiatives/42/network").status, 404);
}

GRAPPE_ON_EVERY_STORE(NetworkTest);

TEST(Analyses, SimulationGivesIntervalsAndEqualsGrappeSimulate) {
  ApiHarness harness("sqlite");
  auto observer = harness.client("observer");
  const json form = {{"firms", 45},
                     {"animator_hours_per_month", 20},
                     {"core_size", 5},
                     {"sponsor_withdrawal_month", 36},
                     {"horizon_months", 180},
                     {"replications", 200},
                     {"seed", 42}};
  auto r = observer->post("/api/v1/simulations", form);
  ASSERT_EQ(r.status, 200) << r.raw;
  const json& body = r.body;
  ASSERT_EQ(body["critical_mass"].size(), 3u);
  for (const auto& c : body["critical_mass"]) {
    EXPECT_LE(c["lo"].get<double>(), c["p"].get<double>());
    EXPECT_LE(c["p"].get<double>(), c["hi"].get<double>());
  }
  EXPECT_EQ(body["critical_mass"][2]["years"], 15.0);
  ASSERT_EQ(body["members"]["month"].size(), 181u);
  EXPECT_EQ(body["members"]["mean"][0], 5.0);  // the core at t = 0
  for (std::size_t i = 0; i < 181; ++i)
    EXPECT_LE(body["members"]["lo"][i].get<double>(), body["members"]["hi"][i].get<double>());
  const auto s = body["autonomy"]["s"].get<std::vector<double>>();
  for (std::size_t i = 1; i < s.size(); ++i) EXPECT_LE(s[i], s[i - 1]);
  ASSERT_TRUE(body["collapse_risk"].is_object());
  EXPECT_EQ(body["collapse_risk"]["withdrawal_month"], 36.0);

  // The same seed gives the same run; the form equals the scenario it stands for, and `grappe
  // simulate` on that scenario with the same seed gives the same probabilities.
  EXPECT_EQ(observer->post("/api/v1/simulations", form).body, body);
  const json scenario = {{"population", {{"firms", 45}}},
                         {"animator", {{"fte", 20 / (1607.0 / 12)}, {"withdrawal_years", 3}}},
                         {"core_members", 5},
                         {"horizon_years", 15}};
  auto same =
      observer->post("/api/v1/simulations", {{"scenario", scenario}, {"replications", 200}, {"seed", 42}});
  ASSERT_EQ(same.status, 200) << same.raw;
  EXPECT_EQ(same.body["critical_mass"], body["critical_mass"]);
  EXPECT_EQ(same.body["members"], body["members"]);
  const fs::path dir = fs::temp_directory_path() / ("grappe_server_sim_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.json") << scenario.dump();
  run("simulate --scenario " + (dir / "scenario.json").string() + " --replications 200 --seed 42 --out " +
      (dir / "sim.json").string());
  const json cli = read_json(dir / "sim.json")["results"];
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_DOUBLE_EQ(cli["critical_mass_by"][i]["probability"]["estimate"].get<double>(),
                     body["critical_mass"][i]["p"].get<double>());
  EXPECT_DOUBLE_EQ(cli["collapse_after_withdrawal"]["all"]["estimate"].get<double>(),
                   body["collapse_risk"]["p"].get<double>());
  fs::remove_all(dir);

  // 0 = the sponsor never withdraws: no collapse risk. A candidate's firms calibrate the run.
  EXPECT_TRUE(observer->post("/api/v1/simulations", {{"sponsor_withdrawal_month", 0}, {"replications", 20}})
                  .body["collapse_risk"]
                  .is_null());
  auto calibrated = observer->post("/api/v1/simulations", {{"candidate_index", 0}, {"replications", 20}});
  ASSERT_EQ(calibrated.status, 200) << calibrated.raw;
  EXPECT_EQ(calibrated.body["firms"], 12);
  EXPECT_EQ(calibrated.body["calibration"], "candidate 0");
}

TEST(Analyses, SimulationRefusesBadInputNamingTheField) {
  ApiHarness harness("sqlite");
  auto animator = harness.client("animator");
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"firms", 1}}, "'firms'"},
      {{{"firms", "many"}}, "'firms'"},
      {{{"firms", 1e9}}, "'firms'"},
      {{{"replications", 0}}, "'replications'"},
      {{{"replications", 5001}}, "'replications'"},
      {{{"firms", 5000}, {"replications", 5000}, {"horizon_months", 600}}, "'replications'"},
      {{{"horizon_months", 0}}, "'horizon_months'"},
      {{{"horizon_months", 2.5}}, "'horizon_months'"},
      {{{"animator_hours_per_month", -3}}, "'animator_hours_per_month'"},
      {{{"sponsor_withdrawal_month", 1e300}}, "'sponsor_withdrawal_month'"},
      {{{"core_size", 50}, {"firms", 10}}, "'core_size'"},
      {{{"seed", -1}}, "'seed'"},
      {{{"firmz", 10}}, "'firmz'"},
      {{{"scenario", 3}}, "'scenario'"},
      {{{"scenario", {{"joining", {{"q", -1}}}}}}, "joining"},
      {{{"scenario", {{"no_such", 1}}}}, "no_such"},
      {{{"candidate_index", 0}, {"initiative_id", 1}}, "candidate_index"},
      {json::array({1, 2}), "object"},
  };
  for (const auto& [body, named] : cases) {
    auto r = animator->post("/api/v1/simulations", body);
    EXPECT_EQ(r.status, 400) << body << ": " << r.raw;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(named), std::string::npos)
        << body << ": " << r.raw;
  }
  EXPECT_EQ(animator->post("/api/v1/simulations", {{"candidate_index", 9}}).status, 404);
  EXPECT_EQ(animator->post("/api/v1/simulations", {{"initiative_id", 9}}).status, 404);
  EXPECT_EQ(animator->request("POST", "/api/v1/simulations", "{\"firms\": 4", "application/json").status,
            400);
  EXPECT_EQ(
      animator->request("POST", "/api/v1/simulations", "firms=4", "application/x-www-form-urlencoded").status,
      400);
  // Members (firms' representatives) may not run the server's simulations; nobody without a session.
  EXPECT_EQ(harness.client("member")->post("/api/v1/simulations", json::object()).status, 403);
  EXPECT_EQ(harness.client("anonymous")->post("/api/v1/simulations", json::object()).status, 401);
}

// A simulation whose client left stops between replications and gives its compute slot back.
// The gate runs one job and queues none, so a small simulation is refused (429) exactly while
// the long one holds the slot: that says when it started and when it stopped, whatever the
// machine's speed. The long one (1,000 firms × 5,000 replications × 600 months) would hold
// the slot for many minutes on any machine.
TEST(Analyses, ASimulationStopsWhenItsClientLeaves) {
  server::ServerOptions options;
  options.analysis_jobs = 1;
  options.analysis_queue = 0;
  options.max_simulation_work = 1e10;
  ApiHarness harness("sqlite", options);
  auto observer = harness.client("observer");
  const json small = {{"firms", 4}, {"core_size", 2}, {"replications", 1}, {"horizon_months", 12}};
  const auto first = observer->post("/api/v1/simulations", small);
  ASSERT_EQ(first.status, 200) << first.raw;

  const std::string body = json{{"firms", 1000}, {"replications", 5000}, {"horizon_months", 600}}.dump();
  const std::string request =
      "POST /api/v1/simulations HTTP/1.1\r\nHost: 127.0.0.1\r\n" + observer->session_headers() +
      "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto send_long = [&] {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(harness.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
    return fd;
  };
  auto answered = [](int fd) {  // the long one was refused (a probe held the slot): send it again
    pollfd watch{fd, POLLIN, 0};
    return ::poll(&watch, 1, 0) > 0;
  };
  testing::internal::CaptureStderr();
  int fd = send_long();
  auto slot_taken = [&] { return observer->post("/api/v1/simulations", small).status == 429; };
  bool started = false;  // bounded loops: 60 s at most each, far above what the steps need
  for (int i = 0; i < 600 && !(started = slot_taken()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (answered(fd)) {
      ::close(fd);
      fd = send_long();
    }
  }
  ::close(fd);
  bool freed = false;
  for (int i = 0; started && i < 600 && !(freed = !slot_taken()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string said = testing::internal::GetCapturedStderr();
  ASSERT_TRUE(started) << "the long simulation never took the compute slot";
  ASSERT_TRUE(freed) << "the compute slot was not given back after the client left";
  const auto at = said.find("simulation stopped after ");
  ASSERT_NE(at, std::string::npos) << said;
  EXPECT_LT(std::stoi(said.substr(at + 25)), 5000) << said;
  EXPECT_NE(said.find("of 5000 replications: the client left"), std::string::npos) << said;
}

TEST(ComputeGate, RunsOneJobAtATimeQueuesAFewAndRefusesTheRest) {
  server::ComputeGate gate(1, 1, 1);
  std::mutex m;
  std::condition_variable cv;
  bool release = false, started = false;
  std::thread first([&] {
    gate.run([&] {
      std::unique_lock lock(m);
      started = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      return 1;
    });
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return started; });
  }
  std::atomic<int> second_result{0};
  std::thread second([&] { second_result = gate.run([] { return 2; }); });  // waits in the queue
  while (gate.waiting() < 1) std::this_thread::yield();
  const auto refused = thrown([&] { gate.run([] { return 3; }); });
  EXPECT_TRUE(refused && refused->code() == "busy" && refused->kind() == ErrorKind::too_many)
      << "a third request should be refused (busy) while one runs and one waits";
  EXPECT_EQ(second_result, 0);  // still waiting for the slot
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  first.join();
  second.join();
  EXPECT_EQ(second_result, 2);
  EXPECT_EQ(gate.run([] { return 4; }), 4);
}

}  // namespace
}  // namespace grappe::test
