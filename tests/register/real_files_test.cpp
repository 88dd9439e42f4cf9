// The ingest on real SIRENE rows of every vintage (tests/data/register/real/README.md): counts
// checked against an independent reading of the same files, file variants (zip, gzip, BOM,
// CRLF, ';', lower-case header) giving byte-identical registers, encodings, [ND] rows, positions.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/register/csv_reader.hpp"
#include "grappe/register/ingest.hpp"
#include "grappe/register/register.hpp"
#include "grappe/register/trade.hpp"
#include "real_rows.hpp"

using namespace grappe;
using grappe::test::first_line;
using grappe::test::lay_out;
namespace fs = std::filesystem;

namespace {
const fs::path& kReal = grappe::test::kRealRows;
using grappe::test::read_text;

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

fs::path temp(const std::string& name) { return fs::temp_directory_path() / ("grappe_real_" + name); }

// An independent count: the files have no quoted fields, so a plain split is exact.
struct Counts {
  std::uint64_t rows = 0, active = 0, active_nafrev2 = 0;
};
Counts count_rows(const fs::path& path) {
  std::istringstream in(read_text(path));
  std::string line;
  std::getline(in, line);
  const auto header = grappe::test::split_commas(line);
  const auto col = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const auto state = col("etatAdministratifEtablissement"),
             nomenclature = col("nomenclatureActivitePrincipaleEtablissement");
  Counts c;
  while (std::getline(in, line)) {
    auto f = grappe::test::split_commas(line);
    f.resize(header.size());
    ++c.rows;
    if (f[state] == "A") {
      ++c.active;
      if (f[nomenclature] == "NAFRev2") ++c.active_nafrev2;
    }
  }
  return c;
}

IngestOptions options(const fs::path& input, const std::string& out) {
  IngestOptions o;
  o.establishments = input;
  o.out = temp(out + ".grappe");
  o.report_reject = [](const std::string&) {};
  return o;
}

bool valid_utf8(std::string_view s) { return first_invalid_utf8(s.data(), s.size()) == s.size(); }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

void write_gzip(const fs::path& path, const std::string& text) {
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
}

void write_zip(const fs::path& path, const std::string& entry_name, const std::string& text) {
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_open_filename(a, path.c_str());
  archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, entry_name.c_str());
  archive_entry_set_size(e, static_cast<la_int64_t>(text.size()));
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_write_header(a, e);
  archive_write_data(a, text.data(), text.size());
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
}

std::string position_count(const IngestSummary& s, const char* source) {
  const auto it = s.positions.find(source);
  return std::to_string(it == s.positions.end() ? 0 : it->second);
}

std::uint64_t data_lines(const fs::path& path) {
  const std::string text = read_text(path);
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) - 1;  // minus the header
}
}  // namespace

TEST(RealFiles, EveryVintageGivesTheIndependentCounts) {
  for (const char* file : {"StockEtablissement_2019_48col.csv", "StockEtablissement_2024_layout.csv",
                           "StockEtablissement_2025_layout.csv"}) {
    SCOPED_TRACE(file);
    const Counts c = count_rows(kReal / file);
    ASSERT_EQ(c.rows, 9u);
    auto o = options(kReal / file, "vintage");
    const auto s = run_ingest(o);
    EXPECT_EQ(s.rows_read, c.rows);
    EXPECT_EQ(s.skipped_closed, c.rows - c.active);
    EXPECT_EQ(s.kept, c.active_nafrev2);
    EXPECT_TRUE(s.rejected.empty());
    // No Lambert columns (or empty ones): every active row is placed at its commune's point.
    EXPECT_EQ(position_count(s, "commune"), std::to_string(s.kept));
    const Register r = Register::open(o.out);
    const auto row = r.find_siret(32517500065);  // the only active row: Marseille 4e (13204)
    ASSERT_NE(row, SIZE_MAX);
    EXPECT_EQ(r.territories().commune(r.commune()[row]).code, "13204");
    EXPECT_EQ(r.position_source(row), PositionSource::commune);
    EXPECT_FALSE(r.has_location(row));
    EXPECT_TRUE(usable_position(r.flags()[row], PositionPolicy::any));
    EXPECT_NEAR(r.lon()[row], 5.4001, 1e-3);  // the arrondissement's centroid (commune_centroids.csv)
    EXPECT_NEAR(r.lat()[row], 43.3063, 1e-3);
    EXPECT_EQ(format_date(r.created()[row]), "2018-02-07");
    fs::remove(o.out);

    o.include_closed = true;
    const auto all = run_ingest(o);
    EXPECT_EQ(all.kept + all.skipped_old_nomenclature, c.rows);  // the last row is NAP (1973 nomenclature)
    EXPECT_EQ(all.skipped_old_nomenclature, 1u);
    fs::remove(o.out);
  }
}

TEST(RealFiles, EtalabGeoSireneVariantIsRead) {
  auto o = options(kReal / "StockEtablissement_2019_etalab_geo.csv", "etalab");
  o.include_closed = true;
  const auto s = run_ingest(o);
  EXPECT_EQ(s.rows_read, 3u);
  EXPECT_EQ(s.skipped_old_nomenclature, 3u);  // NAP rows of 1984
  fs::remove(o.out);
}

// The zip, gzip, BOM, CRLF, ';', tab and lower-case-header forms of one file give the same
// register, byte for byte: for the 2025 layout and for the 999 rows of the 2020 stock.
namespace {
void expect_variants_identical(const fs::path& file, std::uint64_t rows) {
  const std::string text = read_text(file);
  const auto reference = options(file, "variant_reference");
  run_ingest(reference);
  const std::string expected = read_text(reference.out);
  std::vector<std::pair<std::string, fs::path>> variants = {{"gzip", temp("v.csv.gz")},
                                                            {"zip", temp("v.zip")},
                                                            {"bom", temp("bom.csv")},
                                                            {"crlf", temp("crlf.csv")},
                                                            {"semicolon", temp("sc.csv")},
                                                            {"tab", temp("tab.csv")},
                                                            {"lower-case header", temp("lower.csv")}};
  write_gzip(variants[0].second, text);
  write_zip(variants[1].second, "StockEtablissement_utf8.csv", text);
  write_file(variants[2].second, "\xEF\xBB\xBF" + text);
  write_file(variants[3].second, replace_all(text, "\n", "\r\n"));
  write_file(variants[4].second, replace_all(text, ",", ";"));
  write_file(variants[5].second, replace_all(text, ",", "\t"));
  std::string lower = text;
  std::transform(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(lower.find('\n')), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  write_file(variants[6].second, lower);
  for (const auto& [name, path] : variants) {
    SCOPED_TRACE(name);
    auto o = options(path, "variant");
    const auto s = run_ingest(o);
    EXPECT_EQ(s.rows_read, rows);
    EXPECT_EQ(read_text(o.out), expected);
    fs::remove(o.out);
    fs::remove(path);
  }
  fs::remove(reference.out);
}
}  // namespace

TEST(RealFiles, VariantsOfOneFileGiveByteIdenticalRegisters) {
  for (const auto& [file, rows] : {std::pair{"StockEtablissement_2025_layout.csv", 9u},
                                   std::pair{"StockEtablissement_2020_48col.csv", 999u}}) {
    SCOPED_TRACE(file);
    expect_variants_identical(kReal / file, rows);
  }
}

TEST(RealFiles, AZipWithoutACsvIsRefusedByName) {
  const auto path = temp("nocsv.zip");
  write_zip(path, "README.txt", "hello");
  try {
    run_ingest(options(path, "nocsv"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds no .csv file (entries: README.txt)"), std::string::npos)
        << e.what();
  }
  fs::remove(path);
}

TEST(RealFiles, Windows1252IsConvertedAndCountedOrRefusedUnderStrict) {
  // "TAHITI PERLES CRÉATIONS" with É as the single Windows-1252 byte 0xC9 (lines 3 and 4).
  const std::string text =
      replace_all(read_text(kReal / "StockEtablissement_2019_48col.csv"), "TAHITI PERLES CREATIONS",
                  "TAHITI PERLES CR\xC9"
                  "ATIONS");
  const auto path = temp("latin1.csv");
  write_file(path, text);
  auto o = options(path, "latin1");
  o.include_closed = true;
  o.rejects = temp("latin1.rejects.csv");
  const auto s = run_ingest(o);
  EXPECT_EQ(s.converted_lines, 2u);
  const Register r = Register::open(o.out);
  EXPECT_EQ(r.name(r.find_siret(32517500024)),
            "TAHITI PERLES CR\xC3\x89"
            "ATIONS");
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_TRUE(valid_utf8(r.name(i)));
    EXPECT_TRUE(valid_utf8(r.address(i)));
  }
  EXPECT_TRUE(valid_utf8(summary_json(s).dump()));
  EXPECT_TRUE(valid_utf8(summary_text(s)));
  EXPECT_TRUE(valid_utf8(read_text(o.rejects)));
  fs::remove(o.out);
  o.strict = true;
  try {
    run_ingest(o);
    FAIL();
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("latin1.csv:3"), std::string::npos) << what;
    EXPECT_NE(what.find("(0xC9) is not UTF-8"), std::string::npos) << what;
  }
  fs::remove(path);
  fs::remove(o.rejects);
}

TEST(RealFiles, NonDiffusibleRowsKeepCodeCommuneAndDates) {
  // A real row turned into what a partially diffusible one looks like (statut P, [ND] fields).
  std::string text = read_text(kReal / "StockEtablissement_2024_layout.csv");
  const auto at = text.find("000325175,00065,00032517500065,O,");
  ASSERT_NE(at, std::string::npos);
  const auto eol = text.find('\n', at);
  std::string row = text.substr(at, eol - at);
  row = replace_all(row, "00032517500065,O,", "00032517500065,P,");
  row = replace_all(row, "TAHITI PERLES CREATIONS", "[ND]");
  row = replace_all(row, "FRANCOIS MAURIAC", "[ND]");
  text.replace(at, eol - at, row);
  const auto path = temp("nd.csv");
  write_file(path, text);
  auto o = options(path, "nd");
  const auto s = run_ingest(o);
  EXPECT_EQ(s.non_diffusible, 1u);
  const Register r = Register::open(o.out);
  const auto i = r.find_siret(32517500065);
  ASSERT_NE(i, SIZE_MAX);
  EXPECT_TRUE(r.non_diffusible(i));
  EXPECT_EQ(r.name(i), "");
  EXPECT_EQ(r.display_name(i), "non diffusible");
  EXPECT_EQ(r.address(i).find("[ND]"), std::string_view::npos);
  EXPECT_EQ(r.naf().code(r.sector()[i]), "32.12Z");
  EXPECT_EQ(format_date(r.created()[i]), "2018-02-07");
  EXPECT_EQ(r.position_source(i), PositionSource::commune);
  fs::remove(o.out);
  fs::remove(path);
}

TEST(RealFiles, GeolocationFileIsJoinedBySiret) {
  // The layout of INSEE's file; one row gives WGS84, one only Lambert-93 x/y with its epsg.
  const auto geo = temp("geo.csv");
  write_file(geo,
             "siret;x;y;qualite_xy;epsg;plg_qp;plg_iris;plg_zus;plg_qva;plg_code_commune;distance_precision;"
             "qualite_qp;qualite_iris;qualite_zus;qualite_qva;y_latitude;x_longitude\n"
             "00032517500065;649242.57;6861355.85;11;2154;;;;;13204;0;;;;;;\n"
             "00180725400022;845000;6305000;11;2154;;;;;;0;;;;;43.9493;4.8055\n"
             "12345678901234;1;1;11;2154;;;;;;0;;;;;;\n");
  auto o = options(kReal / "StockEtablissement_2024_layout.csv", "geo");
  o.geolocation = geo;
  o.include_closed = true;
  const auto s = run_ingest(o);
  EXPECT_EQ(s.geolocation_rows, 2u);  // the last siret has a bad key
  EXPECT_EQ(position_count(s, "geolocation"), "2");
  const Register r = Register::open(o.out);
  const auto paris = r.find_siret(32517500065);
  EXPECT_EQ(r.position_source(paris), PositionSource::geolocation);
  EXPECT_TRUE(r.has_location(paris));
  EXPECT_NEAR(r.lon()[paris], 2.308310, 1e-5);
  EXPECT_NEAR(r.lat()[paris], 48.850244, 1e-5);
  EXPECT_NEAR(r.x()[paris], 649242.57, 1.0);  // back to Lambert-93 through WGS84 (float lon/lat)
  fs::remove(o.out);
  fs::remove(geo);
}

TEST(RealFiles, LegalUnitsOfTwentyNineteenAndTheirBadRows) {
  const std::string text = read_text(kReal / "StockUniteLegale_2019.csv");
  const auto path = temp("ul.csv");
  // A lower-case header, a row of the wrong width and a bad siren appended.
  std::string lower = text;
  std::transform(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(lower.find('\n')), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  write_file(path,
             lower +
                 "000325175,O,too,short\n00032517X,O,,2000-09-26,,M,A,,,,A,,,,,,6,PME,2016,2018-02-07,A,"
                 "B,,,,,,1000,32.12Z,NAFRev2,00065,,N\n");
  auto o = options(kReal / "StockEtablissement_2019_48col.csv", "ul");
  o.legal_units = path;
  o.rejects = temp("ul_rejects.csv");
  const auto s = run_ingest(o);
  EXPECT_EQ(s.legal_units.read, 5u);
  EXPECT_EQ(s.legal_units.kept, 3u);
  EXPECT_EQ(s.legal_units.rejected_by_reason.at("field_count"), 1u);
  EXPECT_EQ(s.legal_units.rejected_by_reason.at("bad_siren"), 1u);
  ASSERT_EQ(s.legal_units.rejected.size(), 2u);
  EXPECT_EQ(s.legal_units.rejected[0].line, 5u);
  EXPECT_EQ(s.legal_units.rejected[1].line, 6u);
  const Register r = Register::open(o.out);
  const auto* thierry = r.find_legal_unit(325175);
  ASSERT_NE(thierry, nullptr);
  EXPECT_EQ(thierry->name, "THIERRY JANOYER");
  EXPECT_TRUE(thierry->active);
  EXPECT_FALSE(r.find_legal_unit(1807254)->active);  // C: ceased
  const std::string rejects = read_text(temp("ul_rejects.unites_legales.csv"));
  EXPECT_NE(rejects.find("\n5,field_count,000325175,O,too,short\n"), std::string::npos) << rejects;
  fs::remove(o.out);
  fs::remove(path);
  fs::remove(o.rejects);
  fs::remove(temp("ul_rejects.unites_legales.csv"));
}

TEST(RealFiles, LaterLayoutsOfTheTwentyTwentyRowsGiveTheSameRegister) {
  // The same rows under the 53-column header of 2023–2024 (Lambert columns empty, as in the
  // April-2024 extracts) give the register of the 48-column file, byte for byte.
  const auto file = kReal / "StockEtablissement_2020_48col.csv";
  const auto reference = options(file, "2020_ref");
  run_ingest(reference);
  const auto path = temp("2020_as_2024.csv");
  write_file(path, lay_out(read_text(file), first_line(kReal / "StockEtablissement_2024_layout.csv")));
  auto o = options(path, "2020_as_2024");
  const auto s = run_ingest(o);
  EXPECT_EQ(s.rows_read, 999u);
  EXPECT_EQ(s.kept, 76u);
  EXPECT_EQ(read_text(o.out), read_text(reference.out));
  for (const auto& out : {o.out, reference.out, path}) fs::remove(out);
}

TEST(RealFiles, EmptyLambertColumnsStillLocateNinetyPercentOfActiveRows) {
  // Done-when of issue 18: a real stock with empty Lambert columns (the 2020 rows under the
  // 2023–2024 header); every active row is placed at its commune's point and the summary says so.
  const auto path = temp("2020_no_lambert.csv");
  write_file(path, lay_out(read_text(kReal / "StockEtablissement_2020_48col.csv"),
                           first_line(kReal / "StockEtablissement_2024_layout.csv")));
  auto o = options(path, "2020_no_lambert");
  const auto s = run_ingest(o);
  const std::uint64_t active = count_rows(kReal / "StockEtablissement_2020_48col.csv").active;
  ASSERT_EQ(s.kept, active);  // every active row is NAFRev2
  const auto located =
      s.positions.at("commune") + (s.positions.count("geolocation") ? s.positions.at("geolocation") : 0);
  EXPECT_GE(static_cast<double>(located), 0.9 * static_cast<double>(active));
  EXPECT_EQ(position_count(s, "lambert"), "0");
  EXPECT_EQ(position_count(s, "commune"), "76");  // all 47 communes are in commune_centroids.csv
  EXPECT_EQ(position_count(s, "none"), "0");
  EXPECT_EQ(s.no_location, 76u);  // none has an exact position
  EXPECT_NE(summary_text(s).find("positions   0 Lambert, 0 geolocation, 76 commune, 0 none"),
            std::string::npos)
      << summary_text(s);
  EXPECT_EQ(summary_json(s)["positions"]["commune"], 76);
  // Each row stands at its own commune's point: 47 communes, 47 distinct points.
  const Register r = Register::open(o.out);
  std::set<std::uint32_t> communes;
  std::set<std::pair<float, float>> points;
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r.position_source(i), PositionSource::commune);
    EXPECT_TRUE(std::isfinite(r.lon()[i]));
    communes.insert(r.commune()[i]);
    points.emplace(r.lon()[i], r.lat()[i]);
  }
  EXPECT_EQ(communes.size(), 47u);
  EXPECT_EQ(points.size(), 47u);
  fs::remove(o.out);
  fs::remove(path);
}

TEST(RealFiles, SuccessionsAndLegalUnitsOfTwentyNineteenAndTwentyTwenty) {
  for (const char* file :
       {"StockEtablissementLiensSuccession_2019.csv", "StockEtablissementLiensSuccession_2020.csv"}) {
    SCOPED_TRACE(file);
    auto o = options(kReal / "StockEtablissement_2020_48col.csv", "succ");
    o.successions = kReal / file;
    o.legal_units = kReal / "StockUniteLegale_2020.csv";
    const auto s = run_ingest(o);
    EXPECT_EQ(s.successions.read, data_lines(kReal / file));
    EXPECT_EQ(s.successions.kept, 40u);
    EXPECT_TRUE(s.successions.rejected.empty());
    EXPECT_EQ(s.legal_units.read, data_lines(kReal / "StockUniteLegale_2020.csv"));
    EXPECT_EQ(s.legal_units.kept, 40u);
    const Register r = Register::open(o.out);
    EXPECT_EQ(r.successions().size(), 40u);
    EXPECT_EQ(r.legal_units().size(), 40u);
    EXPECT_EQ(r.find_legal_unit(1807254)->name, "JACQUES-LUCIEN BRETON");
    fs::remove(o.out);
  }
}

TEST(RealFiles, NafTwentyTwentyFiveCodesAreKeptAndCountedApart) {
  // The 2020 rows under the 2025 header, with NAF 2025 codes (real_rows.hpp says which).
  const Naf& naf2025 = *Naf::load(Nomenclature::naf_2025);
  std::set<std::string> codes;
  for (std::uint16_t i = 0; i < naf2025.subclass_count(); ++i) codes.insert(naf2025.code(i));
  const std::string text = grappe::test::twenty_twenty_as_2025(codes);
  // Independent count of the active rows with a code of the table, and the one without.
  std::uint64_t coded = 0, unknown = 0;
  {
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    const auto header = grappe::test::split_commas(line);
    const auto col = [&](const char* n) {
      return std::find(header.begin(), header.end(), n) - header.begin();
    };
    const auto naf25 = col("activitePrincipaleNAF25Etablissement"),
               state = col("etatAdministratifEtablissement");
    while (std::getline(in, line)) {
      auto f = grappe::test::split_commas(line);
      f.resize(header.size());
      if (f[state] != "A" || f[naf25].empty()) continue;
      ++(codes.count(f[naf25]) ? coded : unknown);
    }
  }
  ASSERT_GT(coded, 20u);
  ASSERT_EQ(unknown, 1u);
  const auto path = temp("2020_as_2025.csv");
  write_file(path, text);
  auto o = options(path, "naf2025");
  const auto s = run_ingest(o);
  EXPECT_EQ(s.kept, 76u);  // the NAF rév. 2 code still decides which rows are kept
  EXPECT_EQ(s.naf2025, coded);
  EXPECT_EQ(s.unknown_naf2025, unknown);
  EXPECT_EQ(summary_json(s)["naf2025"]["coded"], coded);
  EXPECT_NE(
      summary_text(s).find("NAF 2025    " + std::to_string(coded) + " coded, 1 unknown code(s) not stored"),
      std::string::npos)
      << summary_text(s);
  const Register r = Register::open(o.out, true);
  std::uint64_t stored = 0;
  for (std::size_t i = 0; i < r.size(); ++i) stored += r.naf25(i) != kNoSector;
  EXPECT_EQ(stored, coded);
  EXPECT_EQ(r.naf25(r.find_siret(32517500065)), kNoSector);  // its unknown code is not stored
  // 25.99A "Fabrication d'autres articles métalliques" → 25.99Y, four active rows; a NAF 2025
  // trade selects them from the NAF 2025 column, whatever their NAF rév. 2 sub-class.
  Trade trade{"t", "t", {"NAF2025:25.99Y"}, {}, {}, {}};
  const auto rows = trade_rows(r, trade);
  ASSERT_EQ(rows.size(), 4u);
  for (auto row : rows) EXPECT_EQ(r.naf2025().code(r.naf25(row)), "25.99Y");
  EXPECT_EQ(trade_subclasses(r, trade), std::vector<std::uint16_t>{*r.naf().find("25.99A")});
  trade.codes = {"NAF2025:25.99Q"};
  EXPECT_THROW(trade_rows(r, trade), InputError);
  fs::remove(o.out);
  fs::remove(path);
}

TEST(RealFiles, StocksOfTwentyTwentyTwentyTwoAndTwentyFourGiveTheIndependentCounts) {
  // Real extracts of INSEE's stocks of January 2020 (its first 999 rows) and January 2022 (48
  // columns), and April 2024 (53 columns, Lambert columns empty on every row). Python's csv
  // module on the same files counts: 2020, 999 rows, 76 active (all NAFRev2), NAFRev2 161,
  // NAP 631, NAF1993 168, NAFRev1 37, none 2; 2022, 297 rows, 23 active (all NAFRev2),
  // NAFRev2 48, NAP 184, NAF1993 48, NAFRev1 17; 2024, 299 rows, 15 active (all NAFRev2),
  // NAFRev2 48, NAP 151, NAF1993 43, NAFRev1 13, none 44.
  struct Vintage {
    const char* file;
    std::uint64_t rows, active, nafrev2, old_nomenclature, no_nomenclature;
  };
  for (const Vintage& v : {Vintage{"StockEtablissement_2020_48col.csv", 999, 76, 161, 836, 2},
                           Vintage{"StockEtablissement_2022_48col.csv", 297, 23, 48, 249, 0},
                           Vintage{"StockEtablissement_2024_04_53col.csv", 299, 15, 48, 207, 44}}) {
    SCOPED_TRACE(v.file);
    const Counts c = count_rows(kReal / v.file);
    ASSERT_EQ(c.rows, v.rows);
    ASSERT_EQ(c.active, v.active);
    auto o = options(kReal / v.file, "vintage_counts");
    const auto s = run_ingest(o);
    EXPECT_EQ(s.rows_read, c.rows);
    EXPECT_EQ(s.skipped_closed, c.rows - c.active);
    EXPECT_EQ(s.kept, c.active_nafrev2);
    EXPECT_TRUE(s.rejected.empty());
    fs::remove(o.out);
    o.include_closed = true;
    const auto all = run_ingest(o);
    EXPECT_EQ(all.kept, v.nafrev2);  // NAFRev2 rows, open or closed
    EXPECT_EQ(all.skipped_old_nomenclature, v.old_nomenclature);
    EXPECT_EQ(all.skipped_no_nomenclature, v.no_nomenclature);  // counted apart from the old ones
    EXPECT_EQ(all.kept + all.skipped_old_nomenclature + all.skipped_no_nomenclature, c.rows);
    fs::remove(o.out);
  }
}

TEST(RealFiles, RealAprilTwentyTwentyFourStockWithEmptyLambertColumnsIsLocatedByCommune) {
  // Done-when of issue 18 on a real stock whose Lambert columns are empty on every row: its 15
  // active rows (13 communes) are all placed at their commune's point, and the summary says so.
  auto o = options(kReal / "StockEtablissement_2024_04_53col.csv", "april_2024");
  const auto s = run_ingest(o);
  ASSERT_EQ(s.kept, 15u);
  EXPECT_EQ(position_count(s, "lambert"), "0");
  EXPECT_EQ(position_count(s, "commune"), "15");
  EXPECT_EQ(position_count(s, "none"), "0");
  EXPECT_NE(summary_text(s).find("positions   0 Lambert, 0 geolocation, 15 commune, 0 none"),
            std::string::npos)
      << summary_text(s);
  const Register r = Register::open(o.out);
  std::set<std::uint32_t> communes;
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r.position_source(i), PositionSource::commune);
    EXPECT_TRUE(std::isfinite(r.lon()[i]) && std::isfinite(r.lat()[i]));
    communes.insert(r.commune()[i]);
  }
  EXPECT_EQ(communes.size(), 13u);
  // INSEE's placeholder creation date 1900-01-01 (four active rows here) is read as unknown.
  const auto placeholder = r.find_siret(554027300025);  // BARREME (04022), created "1900-01-01"
  ASSERT_NE(placeholder, SIZE_MAX);
  EXPECT_EQ(r.created()[placeholder], kUnknownDate);
  EXPECT_EQ(format_date(r.created()[placeholder]), "");
  const auto dated = r.find_siret(552024200081);  // LONGPRE-LES-CORPS-SAINTS, 2023-03-01
  ASSERT_NE(dated, SIZE_MAX);
  EXPECT_EQ(format_date(r.created()[dated]), "2023-03-01");
  fs::remove(o.out);
}

TEST(RealFiles, LegalUnitsOfTwentyTwentyTwoNameTheirEstablishments) {
  // The first 40 rows of the January 2022 StockUniteLegale (33 columns; 3 active units).
  auto o = options(kReal / "StockEtablissement_2022_48col.csv", "ul_2022");
  o.legal_units = kReal / "StockUniteLegale_2022.csv";
  const auto s = run_ingest(o);
  EXPECT_EQ(s.legal_units.read, 40u);
  EXPECT_EQ(s.legal_units.read, data_lines(kReal / "StockUniteLegale_2022.csv"));
  EXPECT_TRUE(s.legal_units.rejected.empty());
  const Register r = Register::open(o.out);
  EXPECT_EQ(r.find_legal_unit(5420021)->name, "ETABLISSEMENTS LUCIEN BIQUEZ");
  EXPECT_EQ(r.find_legal_unit(325175)->name, "THIERRY JANOYER");
  fs::remove(o.out);
}
