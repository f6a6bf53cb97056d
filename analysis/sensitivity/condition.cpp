#include "analysis/sensitivity/condition.hpp"

#include <cmath>
#include <cstdlib>

#include "analysis/sensitivity/input_error.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

bool Condition::holds(double y) const {
  switch (op) {
    case Op::kGreater:
      return y > value;
    case Op::kGreaterEqual:
      return y >= value;
    case Op::kLess:
      return y < value;
    case Op::kLessEqual:
      return y <= value;
  }
  return false;
}

std::string Condition::text() const {
  const char* ops[] = {">", ">=", "<", "<="};
  return name + " " + ops[static_cast<int>(op)] + " " + format_number(value);
}

Condition parse_condition(const std::string& text, const std::string& response) {
  const std::string form = "--where takes NAME OP VALUE with OP one of >, >=, <, <= and NAME the response (" +
                           (response.empty() || response == "y" ? std::string("y") : "'" + response + "' or y") +
                           "), e.g. \"y > 0.6\"; got '" + text + "'";
  const auto pos = text.find_first_of("<>=!");
  if (pos == std::string::npos) throw AnalysisInputError(form);
  Condition c;
  std::size_t len = 1;
  const char first = text[pos];
  const bool eq = pos + 1 < text.size() && text[pos + 1] == '=';
  if (first == '>')
    c.op = eq ? Condition::Op::kGreaterEqual : Condition::Op::kGreater;
  else if (first == '<')
    c.op = eq ? Condition::Op::kLessEqual : Condition::Op::kLess;
  else
    throw AnalysisInputError(form);
  if (eq) len = 2;
  c.name = trim(text.substr(0, pos));
  const std::string value = trim(text.substr(pos + len));
  if (c.name.empty() || value.empty()) throw AnalysisInputError(form);
  char* end = nullptr;
  c.value = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size() || !std::isfinite(c.value))
    throw AnalysisInputError("--where: '" + value + "' is not a number; " + form);
  if (c.name != "y" && c.name != response)
    throw AnalysisInputError(
        "--where names '" + c.name + "', but the response is " +
        (response.empty() || response == "y" ? std::string("y") : "'" + response + "' (or write y)"));
  return c;
}

std::vector<bool> evaluate(const Condition& condition, const std::vector<double>& y) {
  std::vector<bool> out(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) out[i] = condition.holds(y[i]);
  return out;
}

}  // namespace entente::analysis
