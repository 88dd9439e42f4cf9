#include "grappe/measure/points.hpp"

#include <charconv>
#include <cmath>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe::measure {

std::optional<std::uint32_t> MarkedPoints::find_type(std::string_view name) const {
  for (std::size_t i = 0; i < type_names.size(); ++i)
    if (type_names[i] == name) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

void MarkedPoints::add(double px, double py, std::string_view type_name, double w) {
  auto index = find_type(type_name);
  if (!index) {
    index = static_cast<std::uint32_t>(type_names.size());
    type_names.emplace_back(type_name);
  }
  x.push_back(px), y.push_back(py), weight.push_back(w), type.push_back(*index);
}

Sample MarkedPoints::sample_of(std::uint32_t type_index) const {
  Sample sample;
  for (std::size_t i = 0; i < size(); ++i)
    if (type[i] == type_index) sample.push_back(x[i], y[i], weight[i]);
  return sample;
}

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

double parse_number(const std::string& text, const SourceLocation& where) {
  std::string t = trim(text);
  double value = 0;
  const char* first = t.data();
  if (!t.empty() && t[0] == '+') ++first;
  auto [end, ec] = std::from_chars(first, t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size())
    throw InputError(where, "is not a number");
  return value;
}

}  // namespace

MarkedPoints read_points_csv(const std::filesystem::path& path) {
  auto in = open_input(path, "point file");
  CsvReader reader(in, path.string());
  int cx = -1, cy = -1, ctype = -1, cweight = -1;
  for (std::size_t i = 0; i < reader.header().size(); ++i) {
    const std::string name = trim(reader.header()[i]);
    for (auto [column, wanted] : {std::pair{&cx, "x"}, {&cy, "y"}, {&ctype, "type"}, {&cweight, "weight"}})
      if (name == wanted) *column = int(i);
  }
  for (auto [column, name] : {std::pair{cx, "x"}, {cy, "y"}, {ctype, "type"}})
    if (column < 0)
      throw InputError(reader.where(name), "the header has no such column (expected x,y,type[,weight])");
  MarkedPoints points;
  for (std::vector<std::string_view> fields; reader.next(fields);) {
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // a line of blanks
    auto field = [&](int column, const char* name) {
      if (column >= int(fields.size())) throw InputError(reader.where(name), "the row has too few fields");
      return std::string(fields[column]);
    };
    auto number = [&](int column, const char* name) {
      const std::string text = field(column, name);
      double value = parse_number(text, reader.where(name, text));
      if (!std::isfinite(value)) throw InputError(reader.where(name, text), "is not a finite number");
      return value;
    };
    double x = number(cx, "x"), y = number(cy, "y");
    double w = cweight >= 0 ? number(cweight, "weight") : 1.0;
    if (w < 0) throw InputError(reader.where("weight", field(cweight, "weight")), "is negative");
    std::string type = trim(field(ctype, "type"));
    if (type.empty()) throw InputError(reader.where("type"), "is empty");
    points.add(x, y, type, w);
  }
  return points;
}

}  // namespace grappe::measure
