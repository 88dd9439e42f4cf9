// The ingest pipeline: read blocks (serial) → parse and project (parallel) → add in file order
// (serial). The register writer spills sorted runs, so memory stays bounded on 40 M rows.
#include "grappe/register/ingest.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>

#include "geolocation.hpp"
#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/progress.hpp"
#include "grappe/register/csv_reader.hpp"
#include "grappe/register/sirene.hpp"

namespace grappe {
namespace {

struct ParsedRow {
  std::uint64_t line;
  std::uint32_t commune = kNoCommune;
  EstablishmentParser::Row row;
  std::vector<std::string> fields;  // kept only for rejected rows (for --rejects)
};

struct ParsedBlock {
  CsvBlock block;
  std::vector<ParsedRow> rows;
};

// Completes the positions of a block's kept rows, one PROJ call per projection and direction:
// Lambert/UTM x/y → WGS84 lon/lat, and lon/lat (geolocation) → x/y.
void project_block(std::vector<ParsedRow>& rows, Projector& projector) {
  std::vector<double> a, b, c, d;
  std::vector<ParsedRow*> members;
  for (auto projection : {Projection::lambert93, Projection::antilles, Projection::guyane,
                          Projection::reunion, Projection::saint_pierre, Projection::mayotte}) {
    for (const bool from_xy : {true, false}) {
      a.clear();
      b.clear();
      members.clear();
      for (auto& r : rows) {
        const auto& rec = r.row.record;
        if (r.row.outcome != RowOutcome::kept || r.row.projection != projection) continue;
        if (from_xy ? std::isnan(rec.x) : (std::isnan(rec.lon) || !std::isnan(rec.x))) continue;
        members.push_back(&r);
        a.push_back(from_xy ? rec.x : rec.lon);
        b.push_back(from_xy ? rec.y : rec.lat);
      }
      if (members.empty()) continue;
      c.resize(a.size());
      d.resize(a.size());
      if (from_xy)
        projector.to_wgs84(projection, a.size(), a.data(), b.data(), c.data(), d.data());
      else
        projector.from_wgs84(projection, a.size(), a.data(), b.data(), c.data(), d.data());
      for (std::size_t i = 0; i < members.size(); ++i) {
        auto& rec = members[i]->row.record;
        if (from_xy) {
          rec.lon = c[i];
          rec.lat = d[i];
        } else {
          rec.x = c[i];
          rec.y = d[i];
        }
        if (std::isnan(c[i])) {  // PROJ could not place it: no position
          rec.x = rec.y = rec.lon = rec.lat = NAN;
          rec.position = PositionSource::none;
        }
      }
    }
  }
}

// A kept row without a position of its own takes its siret's row of the geolocation file.
void join_geolocation(EstablishmentParser::Row& row, const GeolocationTable* geolocation) {
  auto& rec = row.record;
  if (!geolocation || row.outcome != RowOutcome::kept || rec.position != PositionSource::none) return;
  const auto* entry = geolocation->find(rec.siret);
  if (!entry) return;
  if (row.projection == Projection::none) {
    row.ignored_coordinates = true;
    return;
  }
  rec.lon = entry->lon;
  rec.lat = entry->lat;
  rec.position = PositionSource::geolocation;
}

void parse_block(ParsedBlock& pb, const EstablishmentParser& parser, const Territories& territories,
                 bool include_closed, const GeolocationTable* geolocation, char delimiter,
                 Projector& projector) {
  std::vector<std::string_view> fields;
  pb.rows.reserve(pb.block.size / 128 + 16);
  char* p = pb.block.bytes.data();
  char* end = p + pb.block.size;
  std::uint64_t line = pb.block.first_line;
  while (p < end) {
    std::uint64_t newlines = 0;
    const std::uint64_t start_line = line;
    p = split_record(p, end, fields, newlines, delimiter);
    line += newlines;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line: not a record
    auto& parsed = pb.rows.emplace_back();
    parsed.line = start_line;
    parser.parse(fields, include_closed, parsed.row);
    join_geolocation(parsed.row, geolocation);
    if (parsed.row.outcome == RowOutcome::rejected) parsed.fields.assign(fields.begin(), fields.end());
    if (parsed.row.outcome == RowOutcome::kept)
      if (auto commune = territories.find_commune(parsed.row.record.commune_code)) parsed.commune = *commune;
  }
  project_block(pb.rows, projector);
}

class Accountant {
 public:
  Accountant(const IngestOptions& options, const std::vector<std::string>& header, std::size_t commune_count,
             IngestSummary& summary)
      : xs_(commune_count),
        ys_(commune_count),
        waiting_(commune_count),
        options_(options),
        summary_(summary) {
    if (!options.rejects.empty()) {
      rejects_ = open_output(options.rejects, "rejects file", true);
      rejects_ << "line,reason";
      for (const auto& h : header) rejects_ << ',' << csv_quoted(h);
      rejects_ << '\n';
    }
  }

  // Counts one row; true when it is to be kept. A kept row without a position of its own but
  // with a commune is marked to take the commune's point (finish_positions()).
  bool count(ParsedRow& parsed) {
    ++summary_.rows_read;
    auto& row = parsed.row;
    switch (row.outcome) {
      case RowOutcome::closed:
        ++summary_.skipped_closed;
        return false;
      case RowOutcome::old_nomenclature:
        ++summary_.skipped_old_nomenclature;
        return false;
      case RowOutcome::no_nomenclature:
        ++summary_.skipped_no_nomenclature;
        return false;
      case RowOutcome::kept:
        count_kept(parsed);
        return true;
      case RowOutcome::rejected:
        reject(parsed);
        return false;
    }
    return false;
  }

  // The commune points: the median of each commune's located establishments, else the
  // commune's centroid; counts the rows that got one.
  std::vector<CommunePoint> finish_positions(const Territories& territories, Projector& projector) {
    std::vector<CommunePoint> points(territories.commune_count());
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (waiting_[i] == 0) continue;
      auto& p = points[i];
      const auto projection = projection_of_commune(territories.commune(static_cast<std::uint32_t>(i)).code);
      if (!xs_[i].empty()) {
        p.x = median(xs_[i]);
        p.y = median(ys_[i]);
        projector.to_wgs84(projection, 1, &p.x, &p.y, &p.lon, &p.lat);
      } else {
        const auto& c = territories.commune(static_cast<std::uint32_t>(i));
        p.lon = c.centroid_lon;
        p.lat = c.centroid_lat;
        projector.from_wgs84(projection, 1, &p.lon, &p.lat, &p.x, &p.y);
      }
      const bool placed = std::isfinite(p.x) && std::isfinite(p.lon);
      if (!placed) p = CommunePoint{};
      summary_.positions[placed ? "commune" : "none"] += waiting_[i];
    }
    return points;
  }

 private:
  static double median(std::vector<float>& values) {
    auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
  }

  void count_kept(ParsedRow& parsed) {
    auto& rec = parsed.row.record;
    ++summary_.kept;
    if (rec.flags & kNonDiffusible) ++summary_.non_diffusible;
    if (parsed.row.ignored_coordinates) ++summary_.ignored_coordinates;
    if (parsed.row.unknown_naf25)
      ++summary_.unknown_naf2025;
    else if (!rec.naf25_code.empty())
      ++summary_.naf2025;
    if (rec.position == PositionSource::lambert || rec.position == PositionSource::geolocation) {
      ++summary_.positions[position_source_name(rec.position)];
      if (parsed.commune != kNoCommune) {
        xs_[parsed.commune].push_back(static_cast<float>(rec.x));
        ys_[parsed.commune].push_back(static_cast<float>(rec.y));
      }
      return;
    }
    ++summary_.no_location;
    if (parsed.commune == kNoCommune) {
      ++summary_.positions["none"];
      return;
    }
    rec.position = PositionSource::commune;
    rec.x = rec.y = rec.lon = rec.lat = NAN;
    ++waiting_[parsed.commune];
  }

  // Located establishments' x/y by commune (4 + 4 bytes a row), and rows waiting for a point.
  std::vector<std::vector<float>> xs_, ys_;
  std::vector<std::uint64_t> waiting_;

  void reject(const ParsedRow& parsed) {
    const auto& row = parsed.row;
    ++summary_.rejected_by_reason[row.reason];
    summary_.rejected.push_back({parsed.line, row.reason});
    SourceLocation where{options_.establishments.string(), parsed.line, row.column ? row.column : "",
                         row.value};
    const std::string message = format_location(where) + ": " + row.reason;
    if (options_.strict)
      throw InputError(where, std::string("rejected row (") + row.reason + "); --strict stops here");
    if (summary_.rejected.size() <= 20) {
      if (options_.report_reject)
        options_.report_reject(message);
      else
        std::cerr << message << '\n';
    }
    if (rejects_.is_open()) {
      rejects_ << parsed.line << ',' << row.reason;
      for (const auto& f : parsed.fields) rejects_ << ',' << csv_quoted(f);
      rejects_ << '\n';
    }
  }

  const IngestOptions& options_;
  IngestSummary& summary_;
  std::ofstream rejects_;
};

void ingest_establishments(const IngestOptions& options, std::shared_ptr<const Naf> naf,
                           const Territories& territories, RegisterBuilder& builder, IngestSummary& summary) {
  std::unique_ptr<GeolocationTable> geolocation;
  if (!options.geolocation.empty()) {
    geolocation = std::make_unique<GeolocationTable>(
        GeolocationTable::read(options.geolocation, options.block_bytes, options.strict));
    summary.geolocation_rows = geolocation->size();
  }
  CsvBlockReader reader(options.establishments, options.block_bytes,
                        options.strict ? EncodingPolicy::refuse : EncodingPolicy::convert);
  const EstablishmentParser parser(reader.header(), naf, options.establishments.string());
  Accountant accountant(options, reader.header(), territories.commune_count(), summary);
  tbb::enumerable_thread_specific<std::unique_ptr<Projector>> projectors;
  std::error_code ec;
  const auto file_bytes = reader.compressed() ? 0 : std::filesystem::file_size(options.establishments, ec);
  Progress progress("ingest " + options.establishments.filename().string(), ec ? 0 : file_bytes, "B");
  const auto tokens = static_cast<std::size_t>(2 * tbb::info::default_concurrency() + 2);
  // Blocks are recycled: fresh 8 MB buffers for every block would cost a page fault per 4 kB.
  std::mutex pool_mutex;
  std::vector<std::shared_ptr<ParsedBlock>> pool;
  tbb::parallel_pipeline(tokens,
                         tbb::make_filter<void, std::shared_ptr<ParsedBlock>>(
                             tbb::filter_mode::serial_in_order,
                             [&](tbb::flow_control& fc) -> std::shared_ptr<ParsedBlock> {
                               std::shared_ptr<ParsedBlock> pb;
                               {
                                 std::lock_guard lock(pool_mutex);
                                 if (!pool.empty()) {
                                   pb = std::move(pool.back());
                                   pool.pop_back();
                                 }
                               }
                               if (!pb) pb = std::make_shared<ParsedBlock>();
                               pb->rows.clear();
                               if (!reader.next(pb->block)) {
                                 fc.stop();
                                 return nullptr;
                               }
                               return pb;
                             }) &
                             tbb::make_filter<std::shared_ptr<ParsedBlock>, std::shared_ptr<ParsedBlock>>(
                                 tbb::filter_mode::parallel,
                                 [&](std::shared_ptr<ParsedBlock> pb) {
                                   auto& projector = projectors.local();
                                   if (!projector) projector = std::make_unique<Projector>();
                                   parse_block(*pb, parser, territories, options.include_closed,
                                               geolocation.get(), reader.delimiter(), *projector);
                                   return pb;
                                 }) &
                             tbb::make_filter<std::shared_ptr<ParsedBlock>, void>(
                                 tbb::filter_mode::serial_in_order, [&](std::shared_ptr<ParsedBlock> pb) {
                                   for (auto& parsed : pb->rows)
                                     if (accountant.count(parsed))
                                       builder.add(parsed.row.record, parsed.row.sector, parsed.commune);
                                   progress.advance(pb->block.size);
                                   std::lock_guard lock(pool_mutex);
                                   pool.push_back(std::move(pb));
                                 }));
  progress.finish();
  summary.converted_lines = reader.converted_lines();
  if (reader.converted_lines() > 0)
    std::cerr << "warning: " << options.establishments.string() << ": " << reader.converted_lines()
              << " line(s) were not UTF-8 and were read as Windows-1252 (the first is line "
              << reader.first_converted_line() << ")\n";
  Projector projector;
  builder.set_commune_points(accountant.finish_positions(territories, projector));
}

// Where the rejected rows of a side file go: REJECTS with ".unites_legales.csv" or
// ".successions.csv" in place of its extension (their headers differ from the establishments').
std::filesystem::path side_rejects_path(const std::filesystem::path& rejects, const char* kind) {
  if (rejects.empty()) return {};
  auto path = rejects;
  path.replace_extension(std::string(".") + kind + ".csv");
  return path;
}

// Reads a side file sequentially (legal units, successions) with a record parser; bad rows are
// counted by reason with their line, written to their rejects file and, with --strict, stop.
template <class Parser, class Record>
void ingest_side_file(const std::filesystem::path& path, const IngestOptions& options, const char* kind,
                      RegisterBuilder& builder, SideFileSummary& summary) {
  CsvBlockReader reader(path, options.block_bytes,
                        options.strict ? EncodingPolicy::refuse : EncodingPolicy::convert);
  const Parser parser(reader.header(), path.string());
  std::ofstream rejects;
  if (const auto rejects_path = side_rejects_path(options.rejects, kind); !rejects_path.empty()) {
    rejects = open_output(rejects_path, "rejects file", true);
    rejects << "line,reason";
    for (const auto& h : reader.header()) rejects << ',' << csv_quoted(h);
    rejects << '\n';
  }
  Progress progress("ingest " + path.filename().string(), 0, "B");
  CsvBlock block;
  std::vector<std::string_view> fields;
  Record record;
  while (reader.next(block)) {
    char* p = block.bytes.data();
    char* end = p + block.size;
    std::uint64_t line = block.first_line;
    while (p < end) {
      std::uint64_t newlines = 0;
      const std::uint64_t start_line = line;
      p = split_record(p, end, fields, newlines, reader.delimiter());
      line += newlines;
      if (fields.size() == 1 && fields[0].empty()) continue;
      ++summary.read;
      const SideRowError error = parser.parse(fields, record);
      if (!error.reason) {
        builder.add(record);
        ++summary.kept;
        continue;
      }
      ++summary.rejected_by_reason[error.reason];
      summary.rejected.push_back({start_line, error.reason});
      if (options.strict)
        throw InputError(SourceLocation{path.string(), start_line, error.column ? error.column : "", {}},
                         std::string("rejected row (") + error.reason + "); --strict stops here");
      if (rejects.is_open()) {
        rejects << start_line << ',' << error.reason;
        for (auto f : fields) rejects << ',' << csv_quoted(f);
        rejects << '\n';
      }
    }
    progress.advance(block.size);
  }
  progress.finish();
  summary.converted_lines = reader.converted_lines();
}

}  // namespace

IngestSummary run_ingest(const IngestOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.establishments.empty())
    throw InputError("ingest needs the establishments file (--etablissements)");
  if (options.out.empty()) throw InputError("ingest needs an output register file (--out)");
  auto naf = Naf::load(options.data_dir);
  auto territories = Territories::load(options.data_dir, options.zones);
  RegisterBuilder builder(naf, territories);
  builder.set_run_rows(options.run_rows);
  builder.spill_runs_next_to(options.out);
  IngestSummary summary;
  ingest_establishments(options, naf, *territories, builder, summary);
  if (!options.legal_units.empty())
    ingest_side_file<LegalUnitParser, LegalUnitRecord>(options.legal_units, options, "unites_legales",
                                                       builder, summary.legal_units);
  if (!options.successions.empty())
    ingest_side_file<SuccessionParser, SuccessionLink>(options.successions, options, "successions", builder,
                                                       summary.successions);
  builder.write(options.out);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

namespace {
nlohmann::json rejected_json(const std::map<std::string, std::uint64_t>& by_reason_map,
                             const std::vector<RejectedLine>& rejected) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& r : rejected) lines.push_back({{"line", r.line}, {"reason", r.reason}});
  nlohmann::json by_reason = nlohmann::json::object();
  for (const auto& [reason, n] : by_reason_map) by_reason[reason] = n;
  return {{"count", rejected.size()}, {"by_reason", by_reason}, {"lines", lines}};
}

nlohmann::json side_json(const SideFileSummary& s) {
  return {{"read", s.read},
          {"kept", s.kept},
          {"rejected", rejected_json(s.rejected_by_reason, s.rejected)},
          {"converted_lines", s.converted_lines}};
}

std::string side_text(const char* label, const SideFileSummary& s) {
  if (s.read == 0) return {};
  std::string out = std::string(label) + std::to_string(s.kept) + " of " + std::to_string(s.read);
  std::string reasons;
  for (const auto& [reason, n] : s.rejected_by_reason)
    reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  if (!reasons.empty()) out += " (rejected: " + reasons + ")";
  return out + "\n";
}
}  // namespace

nlohmann::json summary_json(const IngestSummary& s) {
  nlohmann::json positions = nlohmann::json::object();
  for (const char* source : {"lambert", "geolocation", "commune", "none"}) {
    const auto it = s.positions.find(source);
    positions[source] = it == s.positions.end() ? 0 : it->second;
  }
  return {{"rows_read", s.rows_read},
          {"kept", s.kept},
          {"skipped",
           {{"closed", s.skipped_closed},
            {"old_nomenclature", s.skipped_old_nomenclature},
            {"no_nomenclature", s.skipped_no_nomenclature}}},
          {"no_location", s.no_location},
          {"non_diffusible", s.non_diffusible},
          {"naf2025", {{"coded", s.naf2025}, {"unknown", s.unknown_naf2025}}},
          {"positions", positions},
          {"ignored_coordinates", s.ignored_coordinates},
          {"converted_lines", s.converted_lines},
          {"geolocation_rows", s.geolocation_rows},
          {"rejected", rejected_json(s.rejected_by_reason, s.rejected)},
          {"legal_units", side_json(s.legal_units)},
          {"successions", side_json(s.successions)},
          {"seconds", s.seconds}};
}

std::string summary_text(const IngestSummary& s) {
  auto count = [&](const char* source) {
    const auto it = s.positions.find(source);
    return std::to_string(it == s.positions.end() ? 0 : it->second);
  };
  std::string out = "rows read   " + std::to_string(s.rows_read) + "\n";
  out += "kept        " + std::to_string(s.kept) + " (" + std::to_string(s.non_diffusible) +
         " non diffusible)\n";
  if (s.naf2025 || s.unknown_naf2025)
    out +=
        "NAF 2025    " + std::to_string(s.naf2025) + " coded" +
        (s.unknown_naf2025 ? ", " + std::to_string(s.unknown_naf2025) + " unknown code(s) not stored" : "") +
        "\n";
  out += "positions   " + count("lambert") + " Lambert, " + count("geolocation") + " geolocation, " +
         count("commune") + " commune, " + count("none") + " none\n";
  out += "skipped     " + std::to_string(s.skipped_closed) + " closed, " +
         std::to_string(s.skipped_old_nomenclature) + " old nomenclature, " +
         std::to_string(s.skipped_no_nomenclature) + " without nomenclature\n";
  out += "rejected    " + std::to_string(s.rejected.size());
  std::string reasons;
  for (const auto& [reason, n] : s.rejected_by_reason)
    reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  if (!reasons.empty()) out += " (" + reasons + ")";
  out += "\n";
  if (s.converted_lines)
    out += "encoding    " + std::to_string(s.converted_lines) + " line(s) read as Windows-1252\n";
  if (s.ignored_coordinates)
    out += "ignored     " + std::to_string(s.ignored_coordinates) +
           " coordinates of communes with no known system\n";
  out += side_text("legal units ", s.legal_units);
  out += side_text("successions ", s.successions);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  return out + "time        " + seconds + " s\n";
}

}  // namespace grappe
