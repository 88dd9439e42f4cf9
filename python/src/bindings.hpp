#pragma once
// The parts of the `grappe._grappe` extension module, one function per C++ module bound.
#include <pybind11/pybind11.h>

namespace grappe::python {

void bind_register(pybind11::module_& m);
void bind_measures(pybind11::module_& m);
void bind_candidates(pybind11::module_& m);

}  // namespace grappe::python
