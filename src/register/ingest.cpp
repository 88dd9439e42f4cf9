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

#include "grappe/common/error.hpp"
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

// Converts the coordinates of a block's located rows to WGS84, one PROJ call per projection.
void project_block(std::vector<ParsedRow>& rows, Projector& projector) {
  std::vector<double> x, y, lon, lat;
  std::vector<ParsedRow*> members;
  for (auto projection : {Projection::lambert93, Projection::antilles, Projection::guyane, Projection::reunion,
                          Projection::saint_pierre, Projection::mayotte}) {
    x.clear(); y.clear(); members.clear();
    for (auto& r : rows) {
      const auto& rec = r.row.record;
      if (r.row.outcome == RowOutcome::rejected || r.row.projection != projection || std::isnan(rec.x)) continue;
      members.push_back(&r);
      x.push_back(rec.x);
      y.push_back(rec.y);
    }
    if (members.empty()) continue;
    lon.resize(x.size());
    lat.resize(x.size());
    projector.to_wgs84(projection, x.size(), x.data(), y.data(), lon.data(), lat.data());
    for (std::size_t i = 0; i < members.size(); ++i) {
      auto& rec = members[i]->row.record;
      rec.lon = lon[i];
      rec.lat = lat[i];
      if (std::isnan(lon[i])) rec.x = rec.y = NAN;  // PROJ could not place it: no location
    }
  }
}

void parse_block(ParsedBlock& pb, const EstablishmentParser& parser, const Territories& territories,
                 bool include_closed, Projector& projector) {
  std::vector<std::string_view> fields;
  pb.rows.reserve(pb.block.size / 128 + 16);
  char* p = pb.block.bytes.data();
  char* end = p + pb.block.size;
  std::uint64_t line = pb.block.first_line;
  while (p < end) {
    std::uint64_t newlines = 0;
    const std::uint64_t start_line = line;
    p = split_record(p, end, fields, newlines);
    line += newlines;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line: not a record
    auto& parsed = pb.rows.emplace_back();
    parsed.line = start_line;
    parser.parse(fields, include_closed, parsed.row);
    if (parsed.row.outcome == RowOutcome::rejected) parsed.fields.assign(fields.begin(), fields.end());
    if (parsed.row.outcome == RowOutcome::kept)
      if (auto commune = territories.find_commune(parsed.row.record.commune_code)) parsed.commune = *commune;
  }
  project_block(pb.rows, projector);
}

// Quotes a field for the --rejects CSV when needed (RFC 4180).
std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

class Accountant {
 public:
  Accountant(const IngestOptions& options, const std::vector<std::string>& header, IngestSummary& summary)
      : options_(options), summary_(summary) {
    if (!options.rejects.empty()) {
      rejects_.open(options.rejects, std::ios::binary);
      if (!rejects_) throw InputError("cannot write the rejects file " + options.rejects.string());
      rejects_ << "line,reason";
      for (const auto& h : header) rejects_ << ',' << csv_field(h);
      rejects_ << '\n';
    }
  }

  // Counts one row; true when it is to be kept.
  bool count(const ParsedRow& parsed) {
    ++summary_.rows_read;
    const auto& row = parsed.row;
    switch (row.outcome) {
      case RowOutcome::closed: ++summary_.skipped_closed; return false;
      case RowOutcome::old_nomenclature: ++summary_.skipped_old_nomenclature; return false;
      case RowOutcome::kept:
        ++summary_.kept;
        if (std::isnan(row.record.x)) ++summary_.no_location;
        return true;
      case RowOutcome::rejected: reject(parsed); return false;
    }
    return false;
  }

 private:
  void reject(const ParsedRow& parsed) {
    const auto& row = parsed.row;
    ++summary_.rejected_by_reason[row.reason];
    summary_.rejected.push_back({parsed.line, row.reason});
    SourceLocation where{options_.establishments.string(), parsed.line, row.column ? row.column : "", row.value};
    const std::string message = format_location(where) + ": " + row.reason;
    if (options_.strict) throw InputError(where, std::string("rejected row (") + row.reason + "); --strict stops here");
    if (summary_.rejected.size() <= 20) {
      if (options_.report_reject) options_.report_reject(message);
      else std::cerr << message << '\n';
    }
    if (rejects_.is_open()) {
      rejects_ << parsed.line << ',' << row.reason;
      for (const auto& f : parsed.fields) rejects_ << ',' << csv_field(f);
      rejects_ << '\n';
    }
  }

  const IngestOptions& options_;
  IngestSummary& summary_;
  std::ofstream rejects_;
};

void ingest_establishments(const IngestOptions& options, std::shared_ptr<const Naf> naf,
                           const Territories& territories, RegisterBuilder& builder, IngestSummary& summary) {
  CsvBlockReader reader(options.establishments, options.block_bytes);
  const EstablishmentParser parser(reader.header(), naf, options.establishments.string());
  Accountant accountant(options, reader.header(), summary);
  tbb::enumerable_thread_specific<std::unique_ptr<Projector>> projectors;
  std::error_code ec;
  const auto file_bytes = options.establishments.extension() == ".gz" ? 0 : std::filesystem::file_size(options.establishments, ec);
  Progress progress("ingest " + options.establishments.filename().string(), ec ? 0 : file_bytes, "B");
  const auto tokens = static_cast<std::size_t>(2 * tbb::info::default_concurrency() + 2);
  // Blocks are recycled: fresh 8 MB buffers for every block would cost a page fault per 4 kB.
  std::mutex pool_mutex;
  std::vector<std::shared_ptr<ParsedBlock>> pool;
  tbb::parallel_pipeline(
      tokens,
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
                parse_block(*pb, parser, territories, options.include_closed, *projector);
                return pb;
              }) &
          tbb::make_filter<std::shared_ptr<ParsedBlock>, void>(
              tbb::filter_mode::serial_in_order, [&](std::shared_ptr<ParsedBlock> pb) {
                for (const auto& parsed : pb->rows)
                  if (accountant.count(parsed)) builder.add(parsed.row.record, parsed.row.sector, parsed.commune);
                progress.advance(pb->block.size);
                std::lock_guard lock(pool_mutex);
                pool.push_back(std::move(pb));
              }));
  progress.finish();
}

// Reads a side file sequentially (legal units, successions) with a record parser.
template <class Parser, class Record>
void ingest_side_file(const std::filesystem::path& path, std::size_t block_bytes, RegisterBuilder& builder,
                      std::uint64_t& read, std::uint64_t& kept) {
  CsvBlockReader reader(path, block_bytes);
  const Parser parser(reader.header(), path.string());
  Progress progress("ingest " + path.filename().string(), 0, "B");
  CsvBlock block;
  std::vector<std::string_view> fields;
  Record record;
  while (reader.next(block)) {
    char* p = block.bytes.data();
    char* end = p + block.size;
    while (p < end) {
      std::uint64_t newlines = 0;
      p = split_record(p, end, fields, newlines);
      if (fields.size() == 1 && fields[0].empty()) continue;
      ++read;
      if (parser.parse(fields, record)) {
        builder.add(record);
        ++kept;
      }
    }
    progress.advance(block.size);
  }
  progress.finish();
}

}  // namespace

IngestSummary run_ingest(const IngestOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.establishments.empty()) throw InputError("ingest needs the establishments file (--etablissements)");
  if (options.out.empty()) throw InputError("ingest needs an output register file (--out)");
  auto naf = Naf::load(options.data_dir);
  auto territories = Territories::load(options.data_dir, options.zones);
  RegisterBuilder builder(naf, territories);
  builder.set_run_rows(options.run_rows);
  builder.spill_runs_next_to(options.out);
  IngestSummary summary;
  ingest_establishments(options, naf, *territories, builder, summary);
  if (!options.legal_units.empty())
    ingest_side_file<LegalUnitParser, LegalUnitRecord>(options.legal_units, options.block_bytes, builder,
                                                       summary.legal_units_read, summary.legal_units_kept);
  if (!options.successions.empty())
    ingest_side_file<SuccessionParser, SuccessionLink>(options.successions, options.block_bytes, builder,
                                                       summary.successions_read, summary.successions_kept);
  builder.write(options.out);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

nlohmann::json summary_json(const IngestSummary& s) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& r : s.rejected) lines.push_back({{"line", r.line}, {"reason", r.reason}});
  nlohmann::json by_reason = nlohmann::json::object();
  for (const auto& [reason, n] : s.rejected_by_reason) by_reason[reason] = n;
  return {{"rows_read", s.rows_read},
          {"kept", s.kept},
          {"skipped", {{"closed", s.skipped_closed}, {"old_nomenclature", s.skipped_old_nomenclature}}},
          {"no_location", s.no_location},
          {"rejected", {{"count", s.rejected.size()}, {"by_reason", by_reason}, {"lines", lines}}},
          {"legal_units", {{"read", s.legal_units_read}, {"kept", s.legal_units_kept}}},
          {"successions", {{"read", s.successions_read}, {"kept", s.successions_kept}}},
          {"seconds", s.seconds}};
}

std::string summary_text(const IngestSummary& s) {
  std::string out = "rows read   " + std::to_string(s.rows_read) + "\n";
  out += "kept        " + std::to_string(s.kept) + " (" + std::to_string(s.no_location) + " without location)\n";
  out += "skipped     " + std::to_string(s.skipped_closed) + " closed, " + std::to_string(s.skipped_old_nomenclature) +
         " old nomenclature\n";
  out += "rejected    " + std::to_string(s.rejected.size());
  std::string reasons;
  for (const auto& [reason, n] : s.rejected_by_reason) reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  if (!reasons.empty()) out += " (" + reasons + ")";
  out += "\n";
  if (s.legal_units_read) out += "legal units " + std::to_string(s.legal_units_kept) + " of " + std::to_string(s.legal_units_read) + "\n";
  if (s.successions_read) out += "successions " + std::to_string(s.successions_kept) + " of " + std::to_string(s.successions_read) + "\n";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  return out + "time        " + seconds + " s\n";
}

}  // namespace grappe
