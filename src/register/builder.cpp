// RegisterBuilder: collects rows and builds a Register in memory (write() is in register_writer.cpp).
#include <algorithm>

#include "grappe/common/error.hpp"
#include "register_builder_impl.hpp"

namespace grappe {

RegisterBuilder::RegisterBuilder(std::shared_ptr<const Naf> naf,
                                 std::shared_ptr<const Territories> territories)
    : impl_(std::make_shared<Impl>()) {
  if (!naf || !territories) throw Error("RegisterBuilder needs the NAF nomenclature and territories");
  impl_->naf = std::move(naf);
  impl_->naf2025 = Naf::load(Nomenclature::naf_2025);
  impl_->territories = std::move(territories);
}

void RegisterBuilder::add(const EstablishmentRecord& record) {
  const auto sector = impl_->naf->find(record.naf_code);
  if (!sector) throw InputError("unknown NAF sub-class code '" + record.naf_code + "'");
  const auto commune = impl_->territories->find_commune(record.commune_code);
  add(record, *sector, commune ? *commune : kNoCommune);
}

void RegisterBuilder::add(const EstablishmentRecord& record, std::uint16_t sector, std::uint32_t commune) {
  if (sector >= impl_->naf->subclass_count()) throw InputError("NAF sub-class index out of range");
  if (commune != kNoCommune && commune >= impl_->territories->commune_count()) commune = kNoCommune;
  auto& c = impl_->rows;
  if (c.siret.empty() && impl_->spill_path_base) impl_->reserve_run();
  c.siret.push_back(record.siret);
  c.siren.push_back(record.siren);
  c.sector.push_back(sector);
  c.commune.push_back(commune);
  const bool placed = std::isfinite(record.x) && std::isfinite(record.y);
  // A commune position may arrive without x/y: build()/write() fill them in (set_commune_points).
  const PositionSource source = record.position == PositionSource::commune ? PositionSource::commune
                                : !placed                                  ? PositionSource::none
                                : record.position == PositionSource::none  ? PositionSource::lambert
                                                                           : record.position;
  const bool located = placed && source != PositionSource::commune;  // commune points are not exact
  c.x.push_back(placed ? record.x : NAN);
  c.y.push_back(placed ? record.y : NAN);
  c.lon.push_back(placed ? static_cast<float>(record.lon) : NAN);
  c.lat.push_back(placed ? static_cast<float>(record.lat) : NAN);
  c.headcount.push_back(headcount_midpoint(record.headcount_band));
  c.band.push_back(headcount_band_index(record.headcount_band));
  c.created.push_back(record.created);
  auto flags = static_cast<std::uint8_t>(record.flags & ~(kHasLocation | kPositionBits));
  flags |=
      static_cast<std::uint8_t>((located ? kHasLocation : 0) | (static_cast<int>(source) << kPositionShift));
  c.flags.push_back(flags);
  const auto naf25 = record.naf25_code.empty() ? std::nullopt : impl_->naf2025->find(record.naf25_code);
  c.naf25.push_back(naf25 ? *naf25 : kNoSector);
  c.append_strings(record.name, record.address);
  impl_->name_bytes += record.name.size();
  impl_->address_bytes += record.address.size();
  ++impl_->total_rows;
  if (impl_->spill_path_base && c.size() >= impl_->run_rows) impl_->spill_run();
}

void RegisterBuilder::add(const LegalUnitRecord& record) { impl_->legal_units.push_back(record); }
void RegisterBuilder::add(const SuccessionLink& link) { impl_->successions.push_back(link); }
std::size_t RegisterBuilder::size() const { return impl_->total_rows; }
void RegisterBuilder::set_run_rows(std::size_t rows) { impl_->run_rows = std::max<std::size_t>(rows, 1); }
void RegisterBuilder::set_commune_points(std::vector<CommunePoint> points) {
  impl_->commune_points = std::move(points);
}

void RegisterBuilder::Impl::sort_side_tables() {
  std::stable_sort(legal_units.begin(), legal_units.end(),
                   [](const auto& a, const auto& b) { return a.siren < b.siren; });
  std::sort(successions.begin(), successions.end(), [](const auto& a, const auto& b) {
    if (a.predecessor != b.predecessor) return a.predecessor < b.predecessor;
    if (a.successor != b.successor) return a.successor < b.successor;
    return a.date < b.date;
  });
}

Register RegisterBuilder::build() {
  if (impl_->spill_path_base) throw Error("RegisterBuilder::build() after write() started spilling");
  impl_->sort_side_tables();
  auto& c = impl_->rows;
  for (std::size_t i = 0; i < c.size(); ++i)
    place_at_commune(impl_->commune_points, c.commune[i], c.x[i], c.y[i], c.lon[i], c.lat[i], c.flags[i]);
  auto order = sector_siret_order(impl_->rows);
  auto sorted = impl_->rows.permuted(order);
  return RegisterFile::from_columns(impl_->naf, impl_->territories, std::move(sorted), impl_->legal_units,
                                    impl_->successions);
}

}  // namespace grappe
