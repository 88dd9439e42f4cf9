#pragma once
// NumPy ⇄ C++ at the module's boundary: zero-copy read-only views of the register's columns
// (kept alive by the register object) and checked conversions of the caller's arrays.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <span>
#include <string>
#include <vector>

namespace grappe::python {

namespace py = pybind11;

// A read-only 1-D array over `data`, which `owner` keeps alive (no copy: a 40 M-row column is
// 320 MB, and the register is memory-mapped read-only anyway).
template <class T>
py::array_t<T> readonly_view(std::span<const T> data, py::handle owner) {
  py::array_t<T> array({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))},
                       data.data(), owner);
  array.attr("setflags")(py::arg("write") = false);
  return array;
}

// A new 1-D array holding a copy of `values`.
template <class T>
py::array_t<T> to_array(const std::vector<T>& values) {
  py::array_t<T> array(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), array.mutable_data());
  return array;
}

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

// A 1-D array of finite numbers as a vector; ValueError naming `what` otherwise.
std::vector<double> finite_vector(const DoubleArray& array, const std::string& what);
// Checks that arrays that describe the same points have the same length.
void require_same_length(std::size_t expected, std::size_t actual, const std::string& what);

}  // namespace grappe::python
