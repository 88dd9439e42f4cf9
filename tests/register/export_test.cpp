// `grappe export` writes its CSV with the one cell policy of grappe/common/csv.hpp: register text
// that a spreadsheet would run as a formula stays text, numbers stay numbers.
#include "grappe/register/export.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace grappe {
namespace {

TEST(Export, CsvGuardsFormulaTextButNotNegativeCoordinates) {
  RegisterBuilder builder(Naf::load(), Territories::load());
  EstablishmentRecord r;
  r.siret = 12345678900012, r.siren = 123456789, r.naf_code = "31.01Z", r.commune_code = "29019";
  r.x = 145000, r.y = 6837000, r.lon = -4.5, r.lat = 48.375, r.position = PositionSource::lambert;
  r.flags = kActive | kHasLocation;
  r.name = "=HYPERLINK(\"http://x\")";
  r.address = "-1 RUE, BREST";
  builder.add(r);
  const Register reg = builder.build();
  const auto path = std::filesystem::temp_directory_path() / "grappe_export_test.csv";
  export_establishments(reg, {0}, path);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove(path);
  EXPECT_NE(text.find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos) << text;
  EXPECT_NE(text.find(",\"'-1 RUE, BREST\",-4.500000,48.375000,145000.00,6837000.00,"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace grappe
