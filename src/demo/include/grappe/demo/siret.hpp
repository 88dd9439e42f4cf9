#pragma once
// SIREN (9 digits) and SIRET (SIREN + 5-digit NIC) identifiers. INSEE makes both pass the Luhn
// (mod 10) check (grappe::luhn_valid): the last digit of the SIREN and of the NIC are check digits.
#include <cstdint>
#include <string>

namespace grappe::demo {

// The digit to append to `payload` (written on `payload_digits` digits, zero-padded) so that the
// whole number passes the Luhn check.
int luhn_check_digit(std::uint64_t payload, int payload_digits);

// SIREN from an 8-digit payload (0 … 99,999,999).
std::uint32_t make_siren(std::uint32_t payload);
// SIRET of establishment `sequence` (1 … 9,999) of a SIREN: NIC = sequence (4 digits) + check.
std::uint64_t make_siret(std::uint32_t siren, std::uint32_t sequence);

std::string format_siren(std::uint32_t siren);  // 9 digits, zero-padded
std::string format_siret(std::uint64_t siret);  // 14 digits, zero-padded

}  // namespace grappe::demo
