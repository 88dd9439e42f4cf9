#pragma once
// Integration tests run the grappe binary (GRAPPE_BINARY) as a user would and read what it wrote.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

namespace grappe::test {

struct RunResult {
  int status;       // exit code, -1 when the command did not exit normally
  std::string out;  // its standard output
};

// Runs a shell command line; its redirections apply ("2>&1" to read its errors too).
inline RunResult run_command(const std::string& command) {
  RunResult r{-1, ""};
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) r.out.append(buffer, n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// `grappe <args>` with the redirections `args` ends with.
inline RunResult run_grappe(const std::string& args) {
  return run_command(std::string(GRAPPE_BINARY) + " " + args);
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline nlohmann::json read_json(const std::filesystem::path& path) {
  return nlohmann::json::parse(read_text(path));
}

// A demo register (5,000 establishments, seed 21) ingested into `dir`/register.grappe, and its
// scan of the shop-fitting trade (whose five NAF codes the planted Romorantin cluster mixes) in
// `dir`/candidates.json. The command that failed, or "" when all ran.
inline std::string make_demo_scan(const std::filesystem::path& dir) {
  const std::filesystem::path sirene = dir / "sirene", reg = dir / "register.grappe";
  for (const std::string& args :
       {"demo-register --out " + sirene.string() + " --establishments 5000 --seed 21",
        "ingest --etablissements " + (sirene / "StockEtablissement_utf8.csv").string() +
            " --unites-legales " + (sirene / "StockUniteLegale_utf8.csv").string() + " --successions " +
            (sirene / "StockEtablissementLiensSuccession_utf8.csv").string() + " --out " + reg.string(),
        "scan --register " + reg.string() + " --trade shop-fitting --simulations 99 --out " +
            (dir / "candidates.json").string()})
    if (run_grappe("--quiet " + args + " > /dev/null 2>&1").status != 0) return args;
  return "";
}

}  // namespace grappe::test
