#pragma once
// Candidate files (docs/scan.md): .json (the reference format, read back by `grappe report`),
// .csv (one row per candidate, plus <name>_members.csv), .geojson (WGS84 footprints and member
// points), .gpkg (GeoPackage through GDAL: layers candidates, centers, members).
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "grappe/scan/candidate.hpp"

namespace grappe {

// Chooses the format from the extension; throws InputError for an unknown one.
void write_candidates(const std::filesystem::path& path, const std::vector<Candidate>& candidates,
                      const nlohmann::json& meta = nlohmann::json::object());

nlohmann::json candidates_to_json(const std::vector<Candidate>& candidates, const nlohmann::json& meta);
// Reads a .json candidates file; throws InputError naming the file and the field.
std::vector<Candidate> read_candidates(const std::filesystem::path& path);

void write_candidates_gpkg(const std::filesystem::path& path, const std::vector<Candidate>& candidates);

}  // namespace grappe
