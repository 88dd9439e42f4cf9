// grappe._grappe: the compiled half of the Python module (the other half, grappe/__init__.py,
// gives it its Python face). grappe's errors become Python's: bad input, a thing that does not
// exist or cannot be measured as asked → ValueError; anything else → RuntimeError.
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
      const auto kind = e.kind();
      const bool value = kind == grappe::ErrorKind::input || kind == grappe::ErrorKind::not_found ||
                         kind == grappe::ErrorKind::conflict;
      PyErr_SetString(value ? PyExc_ValueError : PyExc_RuntimeError, e.what());
    }
  });
  grappe::python::bind_register(m);
  grappe::python::bind_measures(m);
  grappe::python::bind_candidates(m);
}
