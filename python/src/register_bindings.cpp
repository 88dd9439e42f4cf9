// grappe.Register: a register file (from `grappe ingest`) opened read-only and memory-mapped,
// its columns as NumPy arrays that share the map's memory.
#include <pybind11/stl.h>

#include <filesystem>
#include <memory>

#include "arrays.hpp"
#include "bindings.hpp"
#include "grappe/common/error.hpp"
#include "grappe/register/register.hpp"

namespace grappe::python {
namespace {

using RegisterPtr = std::shared_ptr<Register>;  // pybind11 holders cannot be const; no method mutates it

// Every establishment column, by its name in docs/python.md.
py::dict columns(const py::object& self) {
  const auto& reg = self.cast<const Register&>();
  py::dict out;
  out["siret"] = readonly_view(reg.siret(), self);
  out["siren"] = readonly_view(reg.siren(), self);
  out["sector"] = readonly_view(reg.sector(), self);
  out["commune"] = readonly_view(reg.commune(), self);
  out["x"] = readonly_view(reg.x(), self);
  out["y"] = readonly_view(reg.y(), self);
  out["lon"] = readonly_view(reg.lon(), self);
  out["lat"] = readonly_view(reg.lat(), self);
  out["headcount"] = readonly_view(reg.headcount(), self);
  out["headcount_band"] = readonly_view(reg.headcount_band(), self);
  out["created"] = readonly_view(reg.created(), self);
  out["flags"] = readonly_view(reg.flags(), self);
  return out;
}

std::size_t checked_row(const Register& reg, std::int64_t row) {
  if (row < 0 || static_cast<std::size_t>(row) >= reg.size())
    throw py::index_error("row " + std::to_string(row) + " is outside the register (" +
                          std::to_string(reg.size()) + " rows)");
  return static_cast<std::size_t>(row);
}

std::pair<std::size_t, std::size_t> rows_of_subclass(const Register& reg, const std::string& code) {
  auto subclass = reg.naf().find(code);
  if (!subclass) throw InputError("'" + code + "' is not a NAF rev. 2 sub-class (e.g. 31.01Z).");
  return reg.sector_rows(*subclass);
}

py::dict successions(const Register& reg) {
  std::vector<std::uint64_t> predecessor, successor;
  std::vector<Date> date;
  for (const auto& link : reg.successions()) {
    predecessor.push_back(link.predecessor);
    successor.push_back(link.successor);
    date.push_back(link.date);
  }
  py::dict out;
  out["predecessor"] = to_array(predecessor);
  out["successor"] = to_array(successor);
  out["date"] = to_array(date);
  return out;
}

std::vector<std::string> sector_codes(const Register& reg) {
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < reg.naf().subclass_count(); ++i)
    codes.push_back(reg.naf().code(static_cast<std::uint16_t>(i)));
  return codes;
}

std::vector<std::string> commune_codes(const Register& reg) {
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < reg.territories().commune_count(); ++i)
    codes.push_back(reg.territories().commune(static_cast<std::uint32_t>(i)).code);
  return codes;
}

// Python's own error for a missing file; the register's for anything else (ValueError).
RegisterPtr open_register(const std::string& path, bool verify) {
  if (!std::filesystem::exists(path)) {
    PyErr_SetString(PyExc_FileNotFoundError, ("no register file at " + path).c_str());
    throw py::error_already_set();
  }
  return std::make_shared<Register>(Register::open(path, verify));
}

}  // namespace

void bind_register(py::module_& m) {
  py::class_<Register, RegisterPtr>(m, "Register", "A register file from `grappe ingest`, read-only")
      .def(py::init(&open_register), py::arg("path"), py::arg("verify") = false)
      .def("__len__", &Register::size)
      .def_property_readonly("file_version", &Register::file_version)
      .def("columns", &columns, "Every establishment column as a read-only NumPy array (no copy)")
      .def("sector_codes", &sector_codes, "NAF sub-class codes, indexed by the `sector` column")
      .def("commune_codes", &commune_codes, "INSEE commune codes, indexed by the `commune` column")
      .def("sector_rows", &rows_of_subclass, py::arg("code"), "Rows [first, last) of one NAF sub-class")
      .def("name",
           [](const Register& reg, std::int64_t row) { return std::string(reg.name(checked_row(reg, row))); })
      .def("address", [](const Register& reg,
                         std::int64_t row) { return std::string(reg.address(checked_row(reg, row))); })
      .def("find_siret",
           [](const Register& reg, std::uint64_t siret) -> py::object {
             const auto row = reg.find_siret(siret);
             if (row == SIZE_MAX) return py::none();
             return py::int_(row);
           })
      .def("successions", &successions, "Succession links (sirets and dates) as NumPy arrays");
}

}  // namespace grappe::python
