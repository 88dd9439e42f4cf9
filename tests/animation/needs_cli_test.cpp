// `grappe needs` end to end (runs the binary: integration).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "../cli_support.hpp"

namespace {

grappe::test::RunResult run(const std::string& args) {
  return grappe::test::run_grappe("needs " + args + " 2>&1");
}

const std::string kData = std::string(GRAPPE_SOURCE_DIR) + "/tests/data/animation/";
const std::filesystem::path kTmp =
    std::filesystem::temp_directory_path() / ("grappe_needs_cli_test_" + std::to_string(::getpid()));

std::filesystem::path write(const std::string& name, const std::string& text) {
  std::filesystem::create_directories(kTmp);
  std::ofstream(kTmp / name) << text;
  return kTmp / name;
}

// The adjusted Rand index printed by --labels.
double printed_ari(const std::string& out) {
  const auto at = out.find("adjusted Rand index");
  if (at == std::string::npos) return -2;
  return std::stod(out.substr(out.find(": ", at) + 2));
}

}  // namespace

TEST(NeedsCli, LabelledSetsGroupAboveTheBar) {
  for (const std::string name : {"needs_fr.csv", "needs_mixed.csv"}) {
    const auto out = kTmp / (name + ".json");
    std::filesystem::create_directories(kTmp);
    const auto r = run("--in " + kData + name + " --out " + out.string() + " --labels label");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_GE(printed_ari(r.out), 0.6) << name << ": " << r.out;  // deterministic: measured 0.970, 0.863
    const auto j = grappe::test::read_json(out);
    // Every statement in exactly one group; groups carry name, firms and top terms.
    std::multiset<std::string> seen;
    for (const auto& group : j["groups"]) {
      for (const char* key : {"id", "name", "need_ids", "firms", "top_terms", "category"})
        EXPECT_TRUE(group.contains(key)) << key;
      for (const auto& id : group["need_ids"]) seen.insert(id.get<std::string>());
    }
    EXPECT_EQ(seen.size(), j["statements"].get<std::size_t>());
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
    EXPECT_GE(j["groups"].size(), 6u);
    EXPECT_LE(j["groups"].size(), 11u);  // 8 themes in each set
  }
}

TEST(NeedsCli, OtherColumnsAreIgnoredAndErrorsNameThePlace) {
  const auto good =
      write("extra.csv",
            "note,id,text,firm\nx,a,Partager un camion de livraison,F1\ny,b,Share a delivery truck,F2\n");
  auto r = run("--in " + good.string() + " --out " + (kTmp / "extra.json").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("2 statements"), std::string::npos) << r.out;

  const auto no_firm = write("nofirm.csv", "id,text\na,x\n");
  r = run("--in " + no_firm.string() + " --out " + (kTmp / "x.json").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("firm"), std::string::npos) << r.out;

  const auto empty_firm = write("emptyfirm.csv", "id,firm,text\na,F1,ok\nb,,Un besoin\n");
  r = run("--in " + empty_firm.string() + " --out " + (kTmp / "x.json").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("emptyfirm.csv:3"), std::string::npos) << r.out;

  const auto bad_language = write("lang.csv", "id,firm,text,language\na,F1,ok,de\n");
  r = run("--in " + bad_language.string() + " --out " + (kTmp / "x.json").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("language"), std::string::npos) << r.out;

  r = run("--in " + good.string() + " --out " + (kTmp / "x.json").string() + " --labels theme");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("'theme'"), std::string::npos) << r.out;
  std::filesystem::remove_all(kTmp);
}
