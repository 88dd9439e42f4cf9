// The candidates file: what scan writes reads back the same, old files still read, and bad
// input is refused with the file and the field named.
#include "grappe/candidate/candidate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "../thrown.hpp"
#include "grappe/common/error.hpp"

namespace grappe {
namespace {

using nlohmann::json;

Candidate sample() {
  Candidate c;
  c.rank = 2;
  c.score = 12.5;
  c.p_value = 0.001;
  c.trade = "shop-fitting";
  c.trade_name = "Shop fitting";
  c.codes = {"31.01Z", "43.32B"};
  c.lon = 1.75;
  c.lat = 47.36;
  c.radius_m = 8000;
  c.center_siret = 41194000000100;
  c.relative_risk = INFINITY;
  c.lq_top_quartile = true;
  CandidateMember m;
  m.siret = 112345600017;  // leading zeros
  m.code = "43.32B";
  m.name = "Agencement";
  m.headcount = 6;
  m.lon = 1.74;
  m.lat = 47.36;
  m.in_footprint = true;
  c.members = {m};
  c.footprint = {{{1.7, 47.3}, {1.8, 47.3}, {1.8, 47.4}, {1.7, 47.3}}};
  return c;
}

// The error message of f(), or "" when it does not throw InputError.
std::string error_of(const std::function<void()>& f) { return test::message_of<InputError>(f); }

json document_with_member(json member) { return {{"candidates", {{{"rank", 1}, {"members", {member}}}}}}; }

TEST(CandidateFormat, RoundTripsEveryField) {
  const json doc = candidates_to_json({sample()}, {{"register", "r.grr"}});
  EXPECT_EQ(doc["version"], kCandidatesVersion);
  EXPECT_EQ(doc["candidates"][0]["members"][0]["siret"], "00112345600017");
  EXPECT_EQ(doc["candidates"][0]["relative_risk"], nullptr);  // infinite: JSON has no infinity
  const auto back = candidates_from_json(doc, "c.json");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(to_json(back[0]), doc["candidates"][0]);
  EXPECT_EQ(back[0].id, "shop-fitting@41194000000100/8000");
  EXPECT_EQ(back[0].members[0].code, "43.32B");
  EXPECT_EQ(back[0].members[0].siren(), 1123456u);
  EXPECT_TRUE(std::isinf(back[0].relative_risk));
}

TEST(CandidateFormat, ReadsVersionOneFiles) {
  // As scan wrote before members had a code and candidates an id: no "version" either.
  const json old = {{"candidates",
                     {{{"rank", 1},
                       {"trade", "cutlery"},
                       {"center_siret", "63430000000100"},
                       {"radius_m", 5000},
                       {"members", {{{"siret", "63430000000100"}, {"lon", 3.5}, {"lat", 45.8}}}}}}}};
  const auto c = candidates_from_json(old, "old.json");
  EXPECT_EQ(c[0].id, "cutlery@63430000000100/5000");
  EXPECT_EQ(c[0].members[0].code, "");
}

TEST(CandidateFormat, RefusesBadInputNamingTheFileAndTheField) {
  const json member = {{"siret", "12345678900011"}, {"lon", 2.0}, {"lat", 48.0}};
  EXPECT_EQ(error_of([&] { candidates_from_json(document_with_member(member), "c.json"); }), "");

  json bad = member;
  bad["siret"] = "1234";
  std::string message = error_of([&] { candidates_from_json(document_with_member(bad), "c.json"); });
  EXPECT_NE(message.find("c.json"), std::string::npos) << message;
  EXPECT_NE(message.find("candidates[0].members[0].siret"), std::string::npos) << message;

  bad = member;
  bad["lat"] = 91;
  message = error_of([&] { candidates_from_json(document_with_member(bad), "c.json"); });
  EXPECT_NE(message.find("candidates[0].members[0].lat"), std::string::npos) << message;
  bad.erase("lat");  // lineage needs no position: it reads, as NaN
  EXPECT_TRUE(std::isnan(candidates_from_json(document_with_member(bad), "c.json")[0].members[0].lat));

  bad = member;
  bad["headcount"] = "many";
  message = error_of([&] { candidates_from_json(document_with_member(bad), "c.json"); });
  EXPECT_NE(message.find("members[0].headcount"), std::string::npos) << message;

  json newer = document_with_member(member);
  newer["version"] = kCandidatesVersion + 1;
  message = error_of([&] { candidates_from_json(newer, "c.json"); });
  EXPECT_NE(message.find("version"), std::string::npos) << message;

  EXPECT_NE(error_of([&] { candidates_from_json(json::array(), "c.json"); }), "");
  EXPECT_NE(error_of([&] { read_candidates("/nonexistent/c.json"); }).find("/nonexistent/c.json"),
            std::string::npos);
}

TEST(CandidateFormat, FindsByRankAndListsTheFirmsOnce) {
  Candidate c = sample();
  CandidateMember same_firm = c.members[0];
  same_firm.siret += 10;  // another establishment of the same siren
  c.members.push_back(same_firm);
  const std::vector<Candidate> list = {c};
  EXPECT_EQ(member_sirens(candidate_by_rank(list, 2, "c.json")), (std::vector<std::uint32_t>{1123456}));
  EXPECT_NE(error_of([&] { candidate_by_rank(list, 1, "c.json"); }).find("rank"), std::string::npos);
}

}  // namespace
}  // namespace grappe
