// grappe.read_candidates: a candidates file read (and checked) by the same code as the command
// line, handed to Python as its JSON text (grappe/__init__.py parses it).
#include "bindings.hpp"
#include "grappe/candidate/candidate.hpp"

namespace grappe::python {

void bind_candidates(pybind11::module_& m) {
  m.def(
      "candidates_json",
      [](const std::string& path) { return candidates_to_json(read_candidates(path)).dump(); },
      pybind11::arg("path"));
}

}  // namespace grappe::python
