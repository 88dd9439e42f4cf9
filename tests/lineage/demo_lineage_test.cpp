// On a demo register: the planted genealogies of truth.json are recovered with precision and
// recall ≥ 0.95, and each cluster's pioneer is ranked first (issue 5). The register is built
// from the demo CSV files read with the tests' own reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "demo_register_support.hpp"
#include "grappe/demo/demo_register.hpp"
#include "grappe/lineage/ancestry.hpp"
#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/founders.hpp"
#include "grappe/lineage/lineage_service.hpp"

using namespace grappe;
using namespace grappe::lineage;
namespace fs = std::filesystem;

namespace {

class DemoLineage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("grappe_lineage_demo_" + std::to_string(::getpid())));
    demo::DemoOptions o;
    o.out_dir = *dir_;
    o.establishments = 5000;
    o.seed = 21;
    o.data_dir = fs::path(GRAPPE_SOURCE_DIR) / "data";
    demo::generate_demo_register(o);
    std::ifstream in(*dir_ / demo::kTruthFile);
    truth_ = new nlohmann::json(nlohmann::json::parse(in));

    // The register, built in memory from the demo files (RegisterBuilder), feeds the genealogy.
    register_ = new Register(test::demo_register_builder(*dir_).build());
    GenealogyBuilder builder;
    add_register(builder, *register_);
    std::array<unsigned char, PersonHasher::kSaltBytes> salt{};
    read_founders(*dir_ / demo::kFoundersFile, PersonHasher(salt), builder);
    genealogy_ = new Genealogy(builder.build());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete truth_;
    delete genealogy_;
    delete register_;
  }
  static std::uint32_t siren(const nlohmann::json& text) { return static_cast<std::uint32_t>(std::stoul(text.get<std::string>())); }
  static inline fs::path* dir_ = nullptr;
  static inline nlohmann::json* truth_ = nullptr;
  static inline Genealogy* genealogy_ = nullptr;
  static inline Register* register_ = nullptr;
};

TEST_F(DemoLineage, PlantedEdgesRecoveredWithPrecisionAndRecallAbove95) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> truth;
  std::set<std::uint32_t> planted;  // every firm of the planted clusters
  for (const auto& e : truth_->at("genealogy_edges")) {
    truth.insert({siren(e["parent"]), siren(e["child"])});
    planted.insert(siren(e["parent"]));
    planted.insert(siren(e["child"]));
  }
  for (const auto& c : truth_->at("clusters"))
    for (const auto& m : c["members"]) planted.insert(static_cast<std::uint32_t>(std::stoull(m.get<std::string>()) / 100000));
  std::set<std::pair<std::uint32_t, std::uint32_t>> found;
  for (const auto& e : genealogy_->edges())
    if (planted.count(e.parent) || planted.count(e.child)) found.insert({e.parent, e.child});
  std::size_t hits = 0;
  for (const auto& e : found) hits += truth.count(e);
  const double precision = static_cast<double>(hits) / static_cast<double>(found.size());
  const double recall = static_cast<double>(hits) / static_cast<double>(truth.size());
  std::printf("planted edges: precision %.3f (%zu of %zu), recall %.3f (%zu of %zu)\n", precision, hits, found.size(), recall, hits, truth.size());
  EXPECT_GE(precision, 0.95) << hits << " of " << found.size();
  EXPECT_GE(recall, 0.95) << hits << " of " << truth.size();
  EXPECT_GE(truth.size(), 100u);
  EXPECT_GT(genealogy_->folded_moves(), 0u);  // the planted same-siren moves
}

TEST_F(DemoLineage, PioneerRankedFirstForEveryCluster) {
  for (const auto& cluster : truth_->at("clusters")) {
    std::vector<std::uint32_t> members;
    for (const auto& m : cluster["members"]) members.push_back(static_cast<std::uint32_t>(std::stoull(m.get<std::string>()) / 100000));
    const auto lineage = trace_lineage(*genealogy_, members);
    ASSERT_FALSE(lineage.ancestors.empty()) << cluster["id"];
    EXPECT_EQ(lineage.ancestors[0].siren, siren(cluster["root_siren"])) << cluster["id"];
    // Every descendant of the pioneer that is a member counts (independents do not descend).
    EXPECT_GE(lineage.ancestors[0].descendants + 5, lineage.members.size()) << cluster["id"];
    EXPECT_FALSE(lineage.ancestors[0].paths.empty());
    EXPECT_TRUE(lineage.unknown_members.empty());
  }
  const auto& shop = truth_->at("clusters")[0];
  EXPECT_EQ(shop["id"], "shop-fitting-romorantin");
  std::vector<std::uint32_t> members;
  for (const auto& m : shop["members"]) members.push_back(static_cast<std::uint32_t>(std::stoull(m.get<std::string>()) / 100000));
  const auto lineage = trace_lineage(*genealogy_, members);
  EXPECT_EQ(lineage.ancestors[0].descendants, 42u);
  EXPECT_EQ(format_date(lineage.ancestors[0].created).substr(0, 3), "196");
  EXPECT_EQ(lineage.roots.size(), 1u + 4u);  // the pioneer and the four independents
  const auto* pioneer = register_->find_legal_unit(lineage.ancestors[0].siren);
  ASSERT_NE(pioneer, nullptr);
  EXPECT_EQ(pioneer->name.rfind("CHAUDRONNERIE", 0), 0u);  // the boiler-making firm
}

TEST_F(DemoLineage, ServiceAnswersQueriesAsTheGenealogyDoes) {
  const auto salt = *dir_ / "service.salt";
  lineage::LineageService service(*register_, *dir_ / demo::kFoundersFile, salt);
  const auto& shop = truth_->at("clusters")[0];
  std::vector<std::uint32_t> members;
  for (const auto& m : shop["members"]) members.push_back(static_cast<std::uint32_t>(std::stoull(m.get<std::string>()) / 100000));
  const auto before = service.trace(members);
  ASSERT_EQ(before.ancestors[0].siren, siren(shop["root_siren"]));
  EXPECT_EQ(before.ancestors[0].descendants, 42u);
  EXPECT_EQ(service.genealogy()->edges().size(), genealogy_->edges().size());
  EXPECT_EQ(service.json(members)["ancestors"][0]["descendants"], 42);
}

}  // namespace
