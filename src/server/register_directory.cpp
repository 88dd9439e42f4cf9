// The register as a FirmDirectory: firms added to an initiative by siret get their name,
// address, commune, headcount and location from it.
#include <cmath>
#include <cstdio>

#include "grappe/server/server.hpp"
#include "server_impl.hpp"
#include "grappe/register/register.hpp"

namespace grappe::server {

namespace {

class RegisterDirectory final : public workspace::FirmDirectory {
 public:
  explicit RegisterDirectory(std::shared_ptr<const Register> r) : keep_(std::move(r)), register_(*keep_) {}
  std::optional<workspace::Firm> find(const std::string& siret) const override {
    std::uint64_t key = 0;
    for (char c : siret) key = key * 10 + static_cast<std::uint64_t>(c - '0');
    std::size_t row = register_.find_siret(key);
    if (row == SIZE_MAX) return std::nullopt;
    workspace::Firm firm;
    firm.siret = siret;
    firm.name = std::string(register_.name(row));
    firm.address = std::string(register_.address(row));
    std::uint32_t commune = register_.commune()[row];
    if (commune != kNoCommune) firm.commune = register_.territories().commune(commune).name;
    firm.headcount = register_.headcount()[row];
    if (register_.has_location(row) && std::isfinite(register_.lon()[row])) {
      firm.lon = register_.lon()[row];
      firm.lat = register_.lat()[row];
    }
    return firm;
  }

 private:
  std::shared_ptr<const Register> keep_;
  const Register& register_;
};

}  // namespace

std::unique_ptr<workspace::FirmDirectory> register_directory(std::shared_ptr<const Register> reg) {
  return std::make_unique<RegisterDirectory>(std::move(reg));
}

}  // namespace grappe::server
