#include <gtest/gtest.h>

#include <fstream>

#include "grappe/common/error.hpp"
#include "register_test_support.hpp"

using namespace grappe;
namespace fs = std::filesystem;

namespace {
fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("grappe_register_test_" + std::to_string(::getpid()) + "_" + name);
}

void expect_same(const Register& a, const Register& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.siret()[i], b.siret()[i]);
    EXPECT_EQ(a.siren()[i], b.siren()[i]);
    EXPECT_EQ(a.sector()[i], b.sector()[i]);
    EXPECT_EQ(a.commune()[i], b.commune()[i]);
    EXPECT_EQ(a.flags()[i], b.flags()[i]);
    EXPECT_EQ(a.naf25(i), b.naf25(i));
    EXPECT_EQ(a.created()[i], b.created()[i]);
    EXPECT_EQ(a.headcount()[i], b.headcount()[i]);
    EXPECT_EQ(a.name(i), b.name(i));
    EXPECT_EQ(a.address(i), b.address(i));
    if (a.has_location(i)) {
      EXPECT_EQ(a.x()[i], b.x()[i]);
    }
  }
  ASSERT_EQ(a.legal_units().size(), b.legal_units().size());
  for (std::size_t i = 0; i < a.legal_units().size(); ++i) {
    EXPECT_EQ(a.legal_units()[i].siren, b.legal_units()[i].siren);
    EXPECT_EQ(a.legal_units()[i].name, b.legal_units()[i].name);
    EXPECT_EQ(a.legal_units()[i].active, b.legal_units()[i].active);
  }
  ASSERT_EQ(a.successions().size(), b.successions().size());
  EXPECT_EQ(a.successions()[0].successor, b.successions()[0].successor);
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void write_all(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

std::string open_error(const fs::path& p) {
  try {
    Register::open(p);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(RegisterFile, WriteThenOpenGivesTheSameRegister) {
  auto naf = Naf::load();
  auto territories = Territories::load();
  RegisterBuilder memory(naf, territories), file(naf, territories);
  test::fill(memory);
  test::fill(file);
  const auto path = temp_file("roundtrip.grappe");
  file.write(path);
  Register opened = Register::open(path);
  EXPECT_EQ(opened.file_version(), 3u);
  expect_same(memory.build(), opened);
  const auto office = opened.find_siret(55210055400013);  // NAF 2025 code given
  EXPECT_EQ(opened.naf2025().code(opened.naf25(office)), "31.00G");
  EXPECT_EQ(opened.naf25(opened.find_siret(30012345600021)), kNoSector);  // none given
  EXPECT_EQ(opened.find_siret(30012345600021), memory.build().find_siret(30012345600021));
  fs::remove(path);
}

TEST(RegisterFile, SpilledRunsMergeToTheSameFile) {
  auto naf = Naf::load();
  auto territories = Territories::load();
  RegisterBuilder one_run(naf, territories), many_runs(naf, territories);
  const auto a = temp_file("one.grappe"), b = temp_file("many.grappe");
  many_runs.spill_runs_next_to(b);
  many_runs.set_run_rows(2);
  test::fill(one_run);
  test::fill(many_runs);
  one_run.write(a);
  many_runs.write(b);
  EXPECT_EQ(read_all(a), read_all(b));
  EXPECT_FALSE(fs::exists(b.string() + ".run0"));
  fs::remove(a);
  fs::remove(b);
}

TEST(RegisterFile, TruncatedCorruptedOrForeignFilesGiveClearErrors) {
  RegisterBuilder builder(Naf::load(), Territories::load());
  test::fill(builder);
  const auto path = temp_file("damaged.grappe");
  builder.write(path);
  const std::string good = read_all(path);

  write_all(path, good.substr(0, good.size() - 100));
  EXPECT_NE(open_error(path).find("truncated"), std::string::npos) << open_error(path);
  write_all(path, good.substr(0, 10));
  EXPECT_NE(open_error(path).find("not a grappe register"), std::string::npos);
  std::string flipped = good;
  flipped[flipped.find("Firm 5521")] ^= 0x5a;  // inside the names column
  write_all(path, flipped);
  EXPECT_NE(open_error(path).find("checksum"), std::string::npos) << open_error(path);
  flipped = good;
  flipped[20] ^= 1;  // inside the header
  write_all(path, flipped);
  EXPECT_NE(open_error(path).find("header"), std::string::npos) << open_error(path);
  write_all(path, "siret,siren\n1,2\n" + std::string(100, 'x'));
  EXPECT_NE(open_error(path).find("not a grappe register"), std::string::npos);
  fs::remove(path);
  EXPECT_THROW(Register::open(path), InputError);
}

TEST(RegisterFile, EmptyRegisterRoundTrips) {
  RegisterBuilder builder(Naf::load(), Territories::load());
  const auto path = temp_file("empty.grappe");
  builder.write(path);
  Register r = Register::open(path);
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.find_siret(1), SIZE_MAX);
  EXPECT_TRUE(r.legal_units().empty());
  fs::remove(path);
}

TEST(RegisterFile, FilesOfFormatVersionOneStillOpenWithoutNafTwentyTwentyFiveCodes) {
  const Register r = Register::open(fs::path(GRAPPE_SOURCE_DIR) / "tests/data/register/seed.grappe", true);
  EXPECT_EQ(r.file_version(), 1u);  // 25 sections, no NAF 2025 column
  ASSERT_GT(r.size(), 0u);
  for (std::size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r.naf25(i), kNoSector);
}
