// grappe._grappe: the compiled half of the Python module (the other half, grappe/__init__.py,
// gives it its Python face). grappe's errors become Python's: bad input → ValueError.
#include <exception>

#include "bindings.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/paths.hpp"

PYBIND11_MODULE(_grappe, m) {
  m.doc() = "grappe: the SIRENE register and localisation measures (compiled part)";
  m.attr("__version__") = grappe::version_string();
  pybind11::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const grappe::Error& e) {
      PyErr_SetString(e.kind() == grappe::ErrorKind::input ? PyExc_ValueError : PyExc_RuntimeError, e.what());
    }
  });
  grappe::python::bind_register(m);
  grappe::python::bind_measures(m);
  grappe::python::bind_candidates(m);
}
