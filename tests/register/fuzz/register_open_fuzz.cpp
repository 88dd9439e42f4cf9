// libFuzzer target: Register::open on arbitrary bytes must throw grappe::Error or give a
// register whose every row can be read. Built by scripts/fuzz.sh.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "grappe/common/error.hpp"
#include "grappe/register/register.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace grappe;
  static const std::string path = "/tmp/grappe_fuzz_register_" + std::to_string(::getpid()) + ".grappe";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const Register r = Register::open(path);
    volatile std::uint64_t sink = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
      sink = sink + r.siret()[i] + r.sector()[i] + r.name(i).size() + r.address(i).size();
      if (r.commune()[i] != kNoCommune) sink = sink + r.territories().commune(r.commune()[i]).population;
      sink = sink + r.naf().code(r.sector()[i]).size();
    }
    for (std::uint16_t s = 0; s < r.naf().subclass_count(); ++s) sink = sink + r.sector_rows(s).second;
    for (const auto& unit : r.legal_units()) sink = sink + unit.name.size();
    if (r.size() > 0) sink = sink + r.find_siret(r.siret()[0]);
  } catch (const Error&) {
  }
  return 0;
}
