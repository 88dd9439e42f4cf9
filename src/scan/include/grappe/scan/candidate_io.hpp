#pragma once
// Candidate files (docs/scan.md): .json (the reference format, read back by `grappe report`),
// .csv (one row per candidate, plus <name>_members.csv), .geojson (WGS84 footprints and member
// points), .gpkg (GeoPackage through GDAL: layers candidates, centers, members).
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "grappe/candidate/candidate.hpp"
#include "grappe/register/trade.hpp"

namespace grappe {

// Throws InputError unless the extension is one write_candidates knows (check before long work).
void check_candidates_path(const std::filesystem::path& path);
// Chooses the format from the extension; throws InputError for an unknown one.
void write_candidates(const std::filesystem::path& path, const std::vector<Candidate>& candidates,
                      const nlohmann::json& meta = nlohmann::json::object());

// The candidate as a trade (a trade file for --trade, `grappe kd --trade` and the catalogue):
// trade_definition(c) as a Trade.
Trade candidate_trade(const Candidate& c);

void write_candidates_gpkg(const std::filesystem::path& path, const std::vector<Candidate>& candidates);

}  // namespace grappe

namespace grappe {
// Sirets to leave out (--exclude): a candidates .json file (its members), or a text/CSV file
// whose lines hold a 14-digit siret in their first field (a header line is skipped).
std::set<std::uint64_t> read_siret_list(const std::filesystem::path& path);
}  // namespace grappe
