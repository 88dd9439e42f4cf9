#include "background.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "grappe/demo/siret.hpp"

namespace grappe::demo {
namespace {

enum Purpose : std::uint64_t { kBackground = 1, kMalformed = 2, kPersons = 3 };


const char* draw_legal_form(Rng& rng, bool& individual) {
  const double u = rng.uniform();
  individual = u < 0.45;                    // entrepreneurs individuels
  if (individual) return "1000";
  if (u < 0.60) return "5499";              // SARL
  if (u < 0.72) return "5710";              // SAS
  if (u < 0.80) return "5720";              // SASU
  if (u < 0.86) return "5498";              // EURL
  if (u < 0.95) return "6540";              // SCI
  return "9220";                            // association déclarée
}

// NAF rév. 1 codes (before 2008): "DD.DL".
std::string old_naf_code(Rng& rng) {
  static const std::array<const char*, 8> codes = {"52.4Z", "74.1G", "45.2B", "55.3A",
                                                   "28.5D", "93.0D", "60.2A", "51.7Z"};
  return codes[rng.below(codes.size())];
}

}  // namespace

std::uint32_t siren_of_unit(std::uint64_t k) {
  constexpr std::uint64_t kRange = 90'000'000;  // payloads 10,000,000 … 99,999,999
  constexpr std::uint64_t kMultiplier = 7'990'271;  // coprime with 2, 3 and 5
  const std::uint64_t payload = 10'000'000 + (k * kMultiplier + 12'345'677) % kRange;
  return make_siren(static_cast<std::uint32_t>(payload));
}

std::string person_id(std::uint64_t seed) { return fmt::format("{:016x}", seed); }

const char* draw_band(Rng& rng) {
  static const std::array<std::pair<const char*, double>, 16> bands = {{
      {"NN", 0.52}, {"00", 0.16}, {"01", 0.10}, {"02", 0.07}, {"03", 0.05}, {"11", 0.04},
      {"12", 0.025}, {"21", 0.012}, {"22", 0.008}, {"31", 0.004}, {"32", 0.002},
      {"41", 0.001}, {"42", 0.0006}, {"51", 0.0003}, {"52", 0.0001}, {"53", 0.00005}}};
  double u = rng.uniform() * 0.99996;
  for (const auto& [code, p] : bands) {
    if (u < p) return code;
    u -= p;
  }
  return "NN";
}

Day draw_creation(Rng& rng) {
  // Exponential age with mean 11 years, capped at 1900.
  const double age_days = -std::log(1.0 - rng.uniform()) * 11.0 * 365.25;
  return std::max<Day>(static_cast<Day>(kToday - age_days), make_day(1900, 1, 1));
}

Site make_site(const World& world, Rng& rng, const Unit& unit, std::uint32_t sequence,
               std::uint32_t commune, Day created) {
  Site s;
  s.siren = unit.siren;
  s.siret = make_siret(unit.siren, sequence);
  s.created = created;
  s.head_office = sequence == 1;
  s.naf = unit.naf;
  s.band = s.head_office ? unit.band : draw_band(rng);
  s.commune = commune;
  world.draw_point(commune, rng, s.lon, s.lat);
  s.street_number = 1 + static_cast<int>(rng.below(rng.uniform() < 0.5 ? 40 : 250));
  s.street_type = pick(rng, street_types());
  s.street_name = pick(rng, street_names());
  return s;
}

Batch generate_background_chunk(const World& world, std::uint64_t seed, std::uint64_t chunk,
                                std::uint64_t rows) {
  Rng rng(stream_seed(seed, chunk, kBackground));
  Batch batch;
  batch.sites.reserve(rows);
  std::uint64_t k = kFirstBackgroundUnit + chunk * kChunkRows;
  std::uint64_t person = 0;
  while (batch.sites.size() < rows) {
    Unit u;
    u.siren = siren_of_unit(k++);
    bool individual = false;
    u.legal_form = draw_legal_form(rng, individual);
    if (individual) {
      u.name = pick(rng, surnames());
      u.first_name = pick(rng, first_names());
      u.sex = rng.uniform() < 0.5 ? 'M' : 'F';
    } else {
      u.name = draw_business_name(rng);
    }
    u.naf = world.draw_naf(rng);
    u.band = draw_band(rng);
    u.created = draw_creation(rng);
    const std::uint64_t left = rows - batch.sites.size();
    const double r = rng.uniform();
    const std::uint64_t wanted = individual ? 1 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3 + rng.below(4);
    const std::uint64_t n = std::min(wanted, left);
    const std::uint32_t home = world.draw_commune(rng);
    for (std::uint32_t i = 1; i <= n; ++i) {
      // Secondary establishments mostly stay in the head office's département.
      std::uint32_t commune = (i == 1 || rng.uniform() < 0.3) ? world.draw_commune(rng) : home;
      if (i == 1) commune = home;
      const Day created = i == 1 ? u.created : u.created + static_cast<Day>(rng.below(kToday - u.created + 1));
      Site s = make_site(world, rng, u, i, commune, created);
      const double v = rng.uniform();
      if (v < 0.10) {
        s.closed = s.created + static_cast<Day>(rng.below(std::max<Day>(kToday - s.created, 1)));
      } else if (v < 0.11) {
        s.old_nomenclature = true;
        s.naf = old_naf_code(rng);
      } else if (v < 0.12) {
        s.location = rng.uniform() < 0.6 ? Location::not_disclosed : Location::empty;
      }
      if (rng.uniform() < 0.25) s.enseigne = draw_business_name(rng);
      if (rng.uniform() < 0.0003) s.enseigne = pick(rng, business_words()) + "\n" + pick(rng, surnames());
      if (rng.uniform() < 0.08) s.usual_name = draw_business_name(rng);
      batch.sites.push_back(std::move(s));
    }
    if (batch.sites[batch.sites.size() - n].closed != kNoDay && n == 1) u.closed = batch.sites.back().closed;
    u.head_nic = 1;
    // Directors (about a third of firms): ordinary roles, a few people lead two firms.
    if (!individual && rng.uniform() < 0.35) {
      FounderRole f;
      f.siren = u.siren;
      f.person = person_id(stream_seed(seed, chunk * 4000 + person++ % 4000, kPersons));
      f.role = rng.uniform() < 0.6 ? "Gérant" : "Président";
      f.start = std::min<Day>(u.created + static_cast<Day>(rng.below(400)), kToday);
      batch.founders.push_back(std::move(f));
    }
    batch.units.push_back(std::move(u));
  }
  // Succession links: moves inside a firm (same siren, folded by lineage) and transfers
  // between firms of the chunk (a buy-out of an establishment).
  for (std::size_t i = 1; i < batch.sites.size(); ++i) {
    const double v = rng.uniform();
    if (v < 0.02 && batch.sites[i].siren == batch.sites[i - 1].siren) {
      batch.links.push_back({batch.sites[i - 1].siret, batch.sites[i].siret, batch.sites[i].created,
                             batch.sites[i].head_office, true});
    } else if (v < 0.025) {
      const auto& pred = batch.sites[rng.below(i)];
      const auto& succ = batch.sites[i];
      if (pred.siren != succ.siren && pred.created < succ.created)
        batch.links.push_back({pred.siret, succ.siret, succ.created, false, rng.uniform() < 0.7});
    }
  }
  return batch;
}

Batch generate_malformed(const World& world, std::uint64_t seed) {
  Rng rng(stream_seed(seed, 0, kMalformed));
  const Malformed kinds[] = {Malformed::too_few_fields, Malformed::bad_check_digit,
                             Malformed::unknown_naf,    Malformed::too_many_fields,
                             Malformed::non_digit_siret, Malformed::bad_naf_format,
                             Malformed::bad_coordinates};
  Batch batch;
  std::uint64_t k = kFirstMalformedUnit;
  for (Malformed kind : kinds) {
    Unit u;
    u.siren = siren_of_unit(k++);
    u.name = draw_business_name(rng);
    u.naf = world.draw_naf(rng);
    u.created = draw_creation(rng);
    Site s = make_site(world, rng, u, 1, world.draw_commune(rng), u.created);
    s.malformed = kind;
    batch.sites.push_back(std::move(s));
  }
  return batch;
}

}  // namespace grappe::demo
