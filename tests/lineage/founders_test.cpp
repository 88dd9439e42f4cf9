// Founders file reading, person re-hashing with the installation's salt.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/founders.hpp"

using namespace grappe;
using namespace grappe::lineage;
namespace fs = std::filesystem;

namespace {

fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("grappe_lineage_" + name + "_" + std::to_string(::getpid()));
}

PersonHasher fixed_hasher(unsigned char fill = 7) {
  std::array<unsigned char, PersonHasher::kSaltBytes> salt;
  salt.fill(fill);
  return PersonHasher(salt);
}

TEST(PersonHasher, SaltFileIsCreatedPrivateAndReused) {
  const auto path = temp("salt") / "person.salt";
  fs::remove_all(path.parent_path());
  const auto first = PersonHasher::from_salt_file(path);
  ASSERT_TRUE(fs::exists(path));
  EXPECT_EQ(fs::file_size(path), PersonHasher::kSaltBytes);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = PersonHasher::from_salt_file(path);
  EXPECT_EQ(first.hash("person-1"), again.hash("person-1"));
  EXPECT_NE(first.hash("person-1"), first.hash("person-2"));
  fs::remove_all(path.parent_path());
}

TEST(PersonHasher, DifferentSaltsGiveDifferentKeys) {
  EXPECT_NE(fixed_hasher(1).hash("ab12"), fixed_hasher(2).hash("ab12"));
  EXPECT_EQ(fixed_hasher(1).hash("ab12"), fixed_hasher(1).hash("ab12"));
}

TEST(PersonHasher, ShortSaltFileIsAnInputError) {
  const auto path = temp("short_salt");
  std::ofstream(path) << "abc";
  EXPECT_THROW(PersonHasher::from_salt_file(path), InputError);
  fs::remove(path);
}

TEST(FoundersFile, GoodRowsBecomeRolesBadRowsAreReported) {
  const auto path = temp("founders.csv");
  std::ofstream(path) << "person,siren,role,date_fin,date_debut,extra\n"  // columns by name, any order
                      << "p1,100000001,Gérant,1990-01-01,1970-01-01,x\n"
                      << "p1,300000003,\"Président, fondateur\",,1990-03-01,x\n"
                      << "p2,12345,Gérant,,2000-01-01,x\n"                 // bad siren
                      << "p3,300000003,Gérant,,2000-02-31,x\n"             // bad date
                      << ",300000003,Gérant,,2000-02-01,x\n"               // empty person
                      << "p4,300000003\n";                                 // too few fields
  GenealogyBuilder b;
  b.add_firm(100000001, *parse_date("1962-01-01"));
  b.add_firm(300000003, *parse_date("1990-03-01"));
  const auto stats = read_founders(path, fixed_hasher(), b);
  EXPECT_EQ(stats.rows, 6u);
  EXPECT_EQ(stats.roles, 2u);
  EXPECT_EQ(stats.bad_rows, 4u);
  const auto g = b.build();
  EXPECT_EQ(g.problem_count(ProblemKind::bad_row), 4u);
  ASSERT_EQ(g.edges().size(), 1u);
  EXPECT_EQ(g.edges()[0].parent, 100000001u);
  EXPECT_EQ(g.edges()[0].child, 300000003u);
  bool names_line = false;
  for (const auto& p : g.problems()) names_line |= p.detail.find(":4:") != std::string::npos;
  EXPECT_TRUE(names_line);
  fs::remove(path);
}

TEST(FoundersFile, MissingColumnOrFileIsAnInputError) {
  const auto path = temp("founders_bad.csv");
  std::ofstream(path) << "siren,role,date_debut\n100000001,Gérant,1970-01-01\n";
  GenealogyBuilder b;
  EXPECT_THROW(read_founders(path, fixed_hasher(), b), InputError);
  EXPECT_THROW(read_founders(temp("does_not_exist.csv"), fixed_hasher(), b), InputError);
  fs::remove(path);
}

}  // namespace
