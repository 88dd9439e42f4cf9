// generate_demo_register: planted firms + malformed lines + background chunks, generated in
// parallel (one seeded stream per chunk) and written in order through a oneTBB pipeline, so the
// files are identical for any thread count and memory stays bounded.
#include "grappe/demo/demo_register.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <fstream>
#include <memory>

#include "background.hpp"
#include "csv_writer.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/common/progress.hpp"
#include "planted.hpp"
#include "truth.hpp"

namespace grappe::demo {
namespace {

constexpr std::uint64_t kMinimumBackground = 1'000;

class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path)
      : path_(path), out_(open_output(path, "demo file", true)) {}
  void write(const std::string& text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out_) check_written(out_, path_, "demo file");
  }
  void close() {
    out_.close();
    if (!out_) throw Error("cannot finish writing " + path_.string());
  }

 private:
  std::filesystem::path path_;
  std::ofstream out_;
};

// Which chunk receives planted row i and malformed line j: spread over the file.
std::uint64_t chunk_of(std::uint64_t i, std::uint64_t n, std::uint64_t chunks) { return i * chunks / n; }

}  // namespace

std::uint64_t minimum_establishments() { return 2'000; }

DemoSummary generate_demo_register(const DemoOptions& options) {
  namespace fs = std::filesystem;
  if (options.establishments < minimum_establishments())
    throw InputError("--establishments must be at least " + std::to_string(minimum_establishments()));
  const fs::path data = options.data_dir.empty() ? grappe::data_dir() : options.data_dir;
  const World world(data);
  const Planted planted = generate_planted(world, data, options.seed);
  const Batch malformed = generate_malformed(world, options.seed);
  const std::uint64_t fixed = planted.batch.sites.size() + malformed.sites.size();
  if (options.establishments < std::max(minimum_establishments(), fixed + kMinimumBackground))
    throw InputError("--establishments must be at least " +
                     std::to_string(std::max(minimum_establishments(), fixed + kMinimumBackground)) +
                     " (the planted clusters alone have " + std::to_string(fixed) + " rows)");
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) throw InputError("cannot create the output folder " + options.out_dir.string() + ": " + ec.message());

  const std::uint64_t background = options.establishments - fixed;
  const std::uint64_t chunks = (background + kChunkRows - 1) / kChunkRows;
  OutputFile establishments(options.out_dir / kEstablishmentsFile);
  OutputFile legal_units(options.out_dir / kLegalUnitsFile);
  OutputFile successions(options.out_dir / kSuccessionsFile);
  OutputFile founders(options.out_dir / kFoundersFile);
  establishments.write(csv_header_establishments());
  legal_units.write(csv_header_legal_units());
  successions.write(csv_header_successions());
  founders.write(csv_header_founders());

  DemoSummary summary;
  std::uint64_t line = 2;  // the first record's line (header = 1)
  Progress progress("demo-register", options.establishments, "rows");
  oneapi::tbb::enumerable_thread_specific<std::unique_ptr<Projector>> projectors;
  std::uint64_t next_chunk = 0;
  const std::size_t tokens = 2 * static_cast<std::size_t>(oneapi::tbb::info::default_concurrency());

  oneapi::tbb::parallel_pipeline(
      tokens,
      oneapi::tbb::make_filter<void, std::uint64_t>(
          oneapi::tbb::filter_mode::serial_in_order,
          [&](oneapi::tbb::flow_control& fc) -> std::uint64_t {
            if (next_chunk == chunks) {
              fc.stop();
              return 0;
            }
            return next_chunk++;
          }) &
          oneapi::tbb::make_filter<std::uint64_t, std::shared_ptr<ChunkText>>(
              oneapi::tbb::filter_mode::parallel,
              [&](std::uint64_t chunk) {
                const std::uint64_t rows = std::min(kChunkRows, background - chunk * kChunkRows);
                Batch batch = generate_background_chunk(world, options.seed, chunk, rows);
                // Planted and malformed rows are spread over the chunks, appended to theirs.
                for (std::size_t i = 0; i < planted.batch.sites.size(); ++i)
                  if (chunk_of(i, planted.batch.sites.size(), chunks) == chunk) batch.sites.push_back(planted.batch.sites[i]);
                for (std::size_t i = 0; i < malformed.sites.size(); ++i)
                  if (chunk_of(i, malformed.sites.size(), chunks) == chunk) batch.sites.push_back(malformed.sites[i]);
                if (chunk == 0) {
                  batch.units.insert(batch.units.end(), planted.batch.units.begin(), planted.batch.units.end());
                  batch.links.insert(batch.links.end(), planted.batch.links.begin(), planted.batch.links.end());
                  batch.founders.insert(batch.founders.end(), planted.batch.founders.begin(), planted.batch.founders.end());
                }
                auto& projector = projectors.local();
                if (!projector) projector = std::make_unique<Projector>();
                auto text = std::make_shared<ChunkText>();
                write_batch(batch, world, *projector, *text);
                return text;
              }) &
          oneapi::tbb::make_filter<std::shared_ptr<ChunkText>, void>(
              oneapi::tbb::filter_mode::serial_in_order, [&](std::shared_ptr<ChunkText> text) {
                establishments.write(text->establishments);
                legal_units.write(text->legal_units);
                successions.write(text->successions);
                founders.write(text->founders);
                auto& e = summary.ingest;
                const auto& c = text->expected;
                e.rows_read += c.rows_read;
                e.kept += c.kept;
                e.skipped_closed += c.skipped_closed;
                e.skipped_old_nomenclature += c.skipped_old_nomenclature;
                e.no_location += c.no_location;
                for (const auto& r : c.rejected) e.rejected.push_back({line + r.line, r.reason});
                line += text->establishment_lines;
                summary.legal_units += text->legal_units_count;
                summary.succession_links += text->successions_count;
                summary.founder_rows += text->founders_count;
                progress.advance(c.rows_read);
              }));
  establishments.close();
  legal_units.close();
  successions.close();
  founders.close();
  progress.finish();

  summary.planted_clusters = planted.clusters.size();
  summary.genealogy_edges = planted.edges.size();
  write_truth(options.out_dir / kTruthFile, options, summary, planted);
  return summary;
}

}  // namespace grappe::demo
