#include "arrays.hpp"

#include <cmath>

#include "grappe/common/error.hpp"

namespace grappe::python {

std::vector<double> finite_vector(const DoubleArray& array, const std::string& what) {
  if (array.ndim() != 1)
    throw InputError(what + " must be a one-dimensional array (it has " + std::to_string(array.ndim()) +
                     " dimensions).");
  std::vector<double> values(array.data(), array.data() + array.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw InputError(what + "[" + std::to_string(i) + "] is " + std::to_string(values[i]) +
                       ": values must be finite.");
  return values;
}

void require_same_length(std::size_t expected, std::size_t actual, const std::string& what) {
  if (expected != actual)
    throw InputError(what + " has " + std::to_string(actual) + " values for " + std::to_string(expected) +
                     " points.");
}

}  // namespace grappe::python
