#include "grappe/sim/scenario.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "grappe/common/error.hpp"

namespace grappe::sim {

TEST(Scenario, EmptyJsonGivesTheDocumentedDefaults) {
  Scenario s = scenario_from_json(nlohmann::json::object());
  Scenario d;
  EXPECT_EQ(scenario_to_json(s), scenario_to_json(d));
  EXPECT_EQ(s.step_count(), 180);
  EXPECT_EQ(s.firm_count(), 200);
  EXPECT_EQ(s.critical_mass_members(), 30);  // min(30, ⌈0.15·200⌉)
}

TEST(Scenario, RoundTripsThroughJson) {
  Scenario s;
  s.name = "x";
  s.animator.fte = 0.75;
  s.animator.sponsor = SponsorPolicy::decay;
  s.network.mode = NetworkMode::uniform;
  s.needs.prevalence = {0.1, 0.2};
  s.population.firms_data = {{1.0, 2.0, {1, 0}, 5, "123"}, {0.5, 0.1, {0, 1}, 2, "456"}};
  s.core_members = 1;
  nlohmann::json j = scenario_to_json(s);
  Scenario back = scenario_from_json(j);
  EXPECT_EQ(scenario_to_json(back), j);
  EXPECT_EQ(back.firm_count(), 2);
  EXPECT_EQ(back.network.mode, NetworkMode::uniform);
}

TEST(Scenario, RejectsUnknownKeysWrongTypesAndBadRanges) {
  auto parse = [](const char* text) { return scenario_from_json(nlohmann::json::parse(text), "f.json"); };
  try {
    parse(R"({"animator": {"ftee": 1}})");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("animator.ftee"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse(R"({"core_members": "five"})"), InputError);
  EXPECT_THROW(parse(R"({"core_members": 500})"), InputError);
  EXPECT_THROW(parse(R"({"network": {"mode": "ring"}})"), InputError);
  EXPECT_THROW(parse(R"({"network": {"alpha": 2}})"), InputError);
  EXPECT_THROW(parse(R"({"needs": {"needs": 40}})"), InputError);
  EXPECT_THROW(parse(R"([1, 2])"), InputError);
  EXPECT_NO_THROW(parse(R"({"$comment": "ok", "animator": {"fte": 0.5, "withdrawal_years": 5}})"));
}

TEST(Scenario, CriticalMassUsesTheShareInSmallTerritories) {
  Scenario s;
  s.population.firms = 40;
  s.core_members = 3;
  EXPECT_EQ(s.critical_mass_members(), 6);
}

}  // namespace grappe::sim
