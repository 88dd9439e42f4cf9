// JSON, DOT and SVG outputs; persons never appear in any of them; candidate and --siren inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "grappe/common/error.hpp"
#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/founders.hpp"
#include "grappe/lineage/lineage_output.hpp"

using namespace grappe;
using namespace grappe::lineage;
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t A = 100000001, B = 200000002, C = 300000003;

struct Fixture {
  Genealogy genealogy;
  Lineage lineage;
  PersonHasher hasher{std::array<unsigned char, PersonHasher::kSaltBytes>{}};
};

Fixture make() {
  const auto path = fs::temp_directory_path() / ("grappe_lineage_out_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "siren,person,role,date_debut,date_fin\n"
                      << "100000001,SECRET-PERSON-42,Directeur général,1965-01-01,1974-12-01\n"
                      << "200000002,SECRET-PERSON-42,Gérant,1975-01-01,\n";
  Fixture f;
  GenealogyBuilder b;
  b.add_firm(A, *parse_date("1962-02-27"));
  b.add_firm(B, *parse_date("1975-01-01"));
  b.add_firm(C, *parse_date("1990-01-01"));
  read_founders(path, f.hasher, b);
  std::vector<SuccessionLink> links = {{std::uint64_t{B} * 100000 + 12, std::uint64_t{C} * 100000 + 10,
                                        *parse_date("1990-01-01"), false, true}};
  b.add_successions(links);
  b.add_declared_origin(C, A, kUnknownDate);
  f.genealogy = b.build();
  const std::vector<std::uint32_t> set = {B, C};
  f.lineage = trace_lineage(f.genealogy, set);
  fs::remove(path);
  return f;
}

NameOf names() {
  return [](std::uint32_t s) { return s == A ? std::string("CHAUDRONNERIE <DUPONT> & \"FILS\"") : std::string(); };
}

TEST(LineageOutput, JsonHasAncestorsEdgesRootsAndSummary) {
  const auto f = make();
  const auto j = lineage_json(f.lineage, f.genealogy, names());
  ASSERT_EQ(j["ancestors"].size(), 2u);
  EXPECT_EQ(j["ancestors"][0]["siren"], "100000001");
  EXPECT_EQ(j["ancestors"][0]["descendants"], 2);
  EXPECT_EQ(j["ancestors"][0]["created"], "1962-02-27");
  EXPECT_EQ(j["ancestors"][0]["name"], "CHAUDRONNERIE <DUPONT> & \"FILS\"");
  EXPECT_EQ(j["edges"].size(), 3u);
  std::set<std::string> sources;
  for (const auto& e : j["edges"]) sources.insert(e["source"]);
  EXPECT_EQ(sources, (std::set<std::string>{"founder", "succession", "declared"}));
  EXPECT_EQ(j["roots"].size(), 1u);
  EXPECT_EQ(j["summary"], "2 of 2 members descend from SIREN 100000001 (CHAUDRONNERIE <DUPONT> & \"FILS\"), founded 1962-02-27");
}

TEST(LineageOutput, PersonsNeverAppear) {
  const auto f = make();
  const std::string hashed = fmt::format("{}", f.hasher.hash("SECRET-PERSON-42"));
  const std::string hex = fmt::format("{:x}", f.hasher.hash("SECRET-PERSON-42"));
  for (const auto& text : {lineage_json(f.lineage, f.genealogy, names()).dump(), lineage_dot(f.lineage, f.genealogy, names()),
                           lineage_svg(f.lineage, f.genealogy, names())}) {
    EXPECT_EQ(text.find("SECRET"), std::string::npos);
    EXPECT_EQ(text.find(hashed), std::string::npos);
    EXPECT_EQ(text.find(hex), std::string::npos);
  }
}

TEST(LineageOutput, DotAndSvgDrawEveryFirmAndEdge) {
  const auto f = make();
  const auto dot = lineage_dot(f.lineage, f.genealogy, names());
  EXPECT_EQ(dot.rfind("digraph lineage {", 0), 0u);
  EXPECT_NE(dot.find("\"100000001\" -> \"200000002\""), std::string::npos);
  const auto svg = lineage_svg(f.lineage, f.genealogy, names());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  std::size_t boxes = 0, paths = 0;
  for (auto p = svg.find("class=\"firm\""); p != std::string::npos; p = svg.find("class=\"firm\"", p + 1)) ++boxes;
  for (auto p = svg.find("<path "); p != std::string::npos; p = svg.find("<path ", p + 1)) ++paths;
  EXPECT_EQ(boxes, 3u);
  EXPECT_EQ(paths, 3u);
  EXPECT_NE(svg.find("&lt;DUPONT&gt; &amp; &quot;FILS&quot;"), std::string::npos);  // escaped
  EXPECT_EQ(svg.find("<DUPONT>"), std::string::npos);
  // Layers: the pioneer above its spin-off above the transfer's successor.
  const auto y = [&](const char* s) { return svg.find(s); };
  EXPECT_LT(y(">100000001<"), y(">200000002<"));
}

TEST(LineageOutput, OutputFileByExtension) {
  const auto f = make();
  const auto dir = fs::temp_directory_path() / ("grappe_lineage_files_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* name : {"l.json", "l.dot", "l.svg"}) {
    write_lineage(dir / name, f.lineage, f.genealogy, names());
    EXPECT_GT(fs::file_size(dir / name), 100u) << name;
  }
  EXPECT_THROW(write_lineage(dir / "l.txt", f.lineage, f.genealogy, names()), InputError);
  fs::remove_all(dir);
}

TEST(LineageInput, SirenList) {
  EXPECT_EQ(parse_siren_list("100000001, 200000002"), (std::vector<std::uint32_t>{A, B}));
  EXPECT_THROW(parse_siren_list("12345"), InputError);
  EXPECT_THROW(parse_siren_list(""), InputError);
}

}  // namespace
