// The graph rules: transfers vs folded moves, spin-offs from founders, and bad inputs that must
// be reported and skipped without looping.
#include <gtest/gtest.h>

#include "grappe/lineage/ancestry.hpp"
#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/genealogy.hpp"

using namespace grappe;
using namespace grappe::lineage;

namespace {

constexpr std::uint32_t A = 100000001, B = 200000002, C = 300000003, D = 400000004, Unknown = 999999999;
Date day(const char* text) { return *parse_date(text); }
std::uint64_t siret(std::uint32_t siren, int nic) { return std::uint64_t{siren} * 100000 + nic; }

GenealogyBuilder with_firms() {
  GenealogyBuilder b;
  b.add_firm(A, day("1962-01-01"));
  b.add_firm(B, day("1975-06-01"));
  b.add_firm(C, day("1990-03-01"));
  b.add_firm(D, day("2005-09-01"));
  return b;
}

TEST(Genealogy, TransfersBecomeEdgesAndMovesAreFolded) {
  auto b = with_firms();
  std::vector<SuccessionLink> links = {
      {siret(A, 12), siret(B, 18), day("1975-06-01"), false, true},   // transfer A → B
      {siret(B, 18), siret(B, 26), day("1980-01-01"), true, true},    // move inside B
      {siret(A, 12), siret(B, 18), day("1976-01-01"), false, true},   // duplicate, later date
  };
  b.add_successions(links);
  const auto g = b.build();
  ASSERT_EQ(g.edges().size(), 1u);
  EXPECT_EQ(g.edges()[0].parent, A);
  EXPECT_EQ(g.edges()[0].child, B);
  EXPECT_EQ(g.edges()[0].date, day("1975-06-01"));  // the earliest of the duplicates
  EXPECT_EQ(g.folded_moves(), 1u);
}

TEST(Genealogy, FounderWhoLeftForANewFirmGivesASpinOff) {
  auto b = with_firms();
  b.add_roles({
      {1, A, day("1970-01-01"), day("1990-01-01")},  // person 1: director of A since 1970
      {1, C, day("1990-03-05"), kUnknownDate},       // … founds C (4 days after its creation)
      {2, B, day("1980-01-01"), kUnknownDate},       // person 2: in B …
      {2, D, day("2005-10-01"), kUnknownDate},       // … joins D 30 days after creation: not a founder
      {3, D, day("2005-09-01"), kUnknownDate},       // person 3: founds D …
      {3, C, day("2010-01-01"), kUnknownDate},       // … and joins C later: no edge D → C
  });
  const auto g = b.build();
  ASSERT_EQ(g.edges().size(), 1u);
  EXPECT_EQ(g.edges()[0].parent, A);
  EXPECT_EQ(g.edges()[0].child, C);
  EXPECT_EQ(g.edges()[0].source, EdgeSource::founder);
  EXPECT_EQ(g.edges()[0].date, day("1990-03-01"));
}

TEST(Genealogy, BadInputsAreReportedAndSkipped) {
  auto b = with_firms();
  b.add_firm(500000005, kUnknownDate);
  b.add_firm(600000006, kUnknownDate);
  b.add_firm(700000007, kUnknownDate);
  std::vector<SuccessionLink> links = {
      {siret(A, 12), siret(A, 12), day("1990-01-01"), false, false},         // self-link
      {siret(A, 12), siret(Unknown, 10), day("1990-01-01"), false, false},   // unknown siren
      {siret(D, 12), siret(A, 20), day("2010-01-01"), false, false},         // child older than parent
      {siret(C, 12), siret(D, 20), day("1980-01-01"), false, false},         // link before the parent existed
  };
  b.add_successions(links);
  b.add_declared_origin(A, A, kUnknownDate);  // self
  // A cycle among firms with unknown creation dates.
  b.add_declared_origin(600000006, 500000005, kUnknownDate);
  b.add_declared_origin(700000007, 600000006, kUnknownDate);
  b.add_declared_origin(500000005, 700000007, kUnknownDate);
  const auto g = b.build();
  EXPECT_EQ(g.problem_count(ProblemKind::self_link), 2u);
  EXPECT_EQ(g.problem_count(ProblemKind::unknown_siren), 1u);
  EXPECT_EQ(g.problem_count(ProblemKind::date_order), 2u);
  EXPECT_EQ(g.problem_count(ProblemKind::cycle), 1u);
  EXPECT_EQ(g.edges().size(), 2u);  // the cycle minus its closing edge
  EXPECT_FALSE(g.problems().empty());
  // Tracing the former cycle terminates and finds the remaining chain.
  const std::vector<std::uint32_t> set = {500000005, 600000006, 700000007};
  const auto lineage = trace_lineage(g, set);
  ASSERT_FALSE(lineage.ancestors.empty());
  EXPECT_EQ(lineage.ancestors[0].descendants, 2u);
  EXPECT_EQ(lineage.roots.size(), 1u);
}

TEST(Genealogy, BusyPersonsAreNotPaired) {
  GenealogyBuilder b(BuildOptions{15, 10, 20});
  std::vector<Role> roles;
  for (std::uint32_t i = 0; i < 12; ++i) {
    const std::uint32_t siren = 100000000 + i;
    b.add_firm(siren, day("2000-01-01") + static_cast<Date>(i) * 400);
    roles.push_back({42, siren, day("2000-01-01") + static_cast<Date>(i) * 400, kUnknownDate});
  }
  b.add_roles(roles);
  const auto g = b.build();
  EXPECT_EQ(g.problem_count(ProblemKind::busy_person), 1u);
  EXPECT_TRUE(g.edges().empty());
}

TEST(Genealogy, LongChainsAndWideFansDoNotRecurse) {
  // 200,000-firm chain: an iterative search must cope (a recursive one would overflow).
  GenealogyBuilder b;
  const std::uint32_t n = 200'000;
  for (std::uint32_t i = 0; i < n; ++i) b.add_firm(100000000 + i, static_cast<Date>(i));
  for (std::uint32_t i = 1; i < n; ++i) b.add_declared_origin(100000000 + i, 100000000 + i - 1, static_cast<Date>(i));
  const auto g = b.build();
  EXPECT_EQ(g.edges().size(), n - 1);
  const std::vector<std::uint32_t> set = {100000000 + n - 1, 100000000 + n - 2};
  const auto lineage = trace_lineage(g, set);
  EXPECT_EQ(lineage.roots, std::vector<std::uint32_t>{100000000});
  EXPECT_EQ(lineage.ancestors[0].descendants, 2u);
}

TEST(Ancestry, RanksByDescendantsThenAge) {
  auto b = with_firms();
  b.add_declared_origin(B, A, kUnknownDate);
  b.add_declared_origin(C, B, kUnknownDate);
  b.add_declared_origin(D, B, kUnknownDate);
  const auto g = b.build();
  const std::vector<std::uint32_t> set = {C, D, Unknown};
  const auto lineage = trace_lineage(g, set);
  ASSERT_GE(lineage.ancestors.size(), 2u);
  // A and B both have 2 descendants in the set; A is older, so first.
  EXPECT_EQ(lineage.ancestors[0].siren, A);
  EXPECT_EQ(lineage.ancestors[0].descendants, 2u);
  EXPECT_EQ(lineage.ancestors[1].siren, B);
  EXPECT_EQ(lineage.unknown_members, std::vector<std::uint32_t>{Unknown});
  ASSERT_EQ(lineage.ancestors[0].paths.size(), 2u);
  EXPECT_EQ(lineage.ancestors[0].paths[0], (std::vector<std::uint32_t>{A, B, C}));
  EXPECT_EQ(lineage.edges.size(), 3u);
}

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(format_date(day("1962-02-27")), "1962-02-27");
  EXPECT_EQ(*parse_date("1970-01-01"), 0);
  EXPECT_EQ(*parse_date(""), kUnknownDate);
  EXPECT_FALSE(parse_date("2021-13-01"));
  EXPECT_FALSE(parse_date("2021-02-30"));
  EXPECT_FALSE(parse_date("20210201"));
}

}  // namespace
